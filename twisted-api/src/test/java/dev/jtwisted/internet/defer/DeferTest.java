package dev.jtwisted.internet.defer;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.jtwisted.python.failure.Failure;
import java.io.IOException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The module functions of {@code twisted.internet.defer}: succeed, fail, execute, maybeDeferred. */
class DeferTest {

    @Nested
    class SucceedAndFail {
        @Test
        void succeedIsAlreadyFiredWithTheValue() {
            assertEquals("v", successResultOf(Defer.succeed("v")));
        }

        @Test
        void failWithAnExceptionIsAlreadyFailed() {
            IOException e = new IOException("x");
            assertSame(e, failureResultOf(Defer.fail(e), IOException.class).value());
        }

        @Test
        void failWithAFailureKeepsThatFailure() {
            Failure f = new Failure(new IOException("x"));
            assertSame(f, failureResultOf(Defer.fail(f)));
        }
    }

    @Nested
    class Execute {
        @Test
        void wrapsTheReturnedValue() {
            assertEquals(3, successResultOf(Defer.execute(() -> 1 + 2)));
        }

        @Test
        void wrapsTheThrownException() {
            Deferred<Object> d = Defer.execute(() -> {
                throw new IOException("from execute");
            });
            assertEquals("from execute", failureResultOf(d, IOException.class).getErrorMessage());
        }
    }

    @Nested
    class MaybeDeferred {
        @Test // Twisted: DeferredTests.test_maybeDeferredSync
        void aPlainValueBecomesAFiredDeferred() {
            assertEquals("x", successResultOf(Defer.maybeDeferred(() -> "x")));
        }

        @Test // Twisted: DeferredTests.test_maybeDeferredSyncException
        void anExceptionBecomesAFailedDeferred() {
            Deferred<Object> d = Defer.maybeDeferred(() -> {
                throw new IllegalStateException("sync failure");
            });
            assertEquals("sync failure", failureResultOf(d, IllegalStateException.class).getErrorMessage());
        }

        @Test // Twisted: DeferredTests.test_maybeDeferredSyncFailure
        void aReturnedFailureBecomesAFailedDeferredWithThatFailure() {
            Failure f = new Failure(new IOException("returned"));
            Deferred<Object> d = Defer.maybeDeferred(() -> f);
            assertSame(f, failureResultOf(d, IOException.class));
        }

        @Test // Twisted: DeferredTests.test_maybeDeferredAsync
        void aReturnedDeferredIsReturnedAsItIs() {
            Deferred<String> inner = new Deferred<>();
            Deferred<String> d = Defer.maybeDeferredDeferring(() -> inner);
            assertSame(inner, d);
            assertNoResult(d);
            inner.callback("later");
            assertEquals("later", successResultOf(d));
        }

        @Test // Twisted: DeferredTests.test_maybeDeferredAsyncError
        void aReturnedFailedDeferredStaysFailed() {
            Deferred<String> d = Defer.maybeDeferredDeferring(() -> Defer.fail(new IOException("async")));
            failureResultOf(d, IOException.class);
        }

        @Test
        void thePlainFormAlsoPassesAReturnedDeferredThrough() {
            Deferred<String> inner = Defer.succeed("same");
            Deferred<Object> d = Defer.maybeDeferred(() -> inner);
            assertSame(inner, d);
        }
    }

    @Test
    void passthruReturnsItsArgument() {
        Object o = new Object();
        assertSame(o, Defer.passthru(o));
    }

    @Test
    void debuggingCanBeReadBackThroughEitherClass() {
        Defer.setDebugging(true);
        try {
            assertEquals(true, Defer.getDebugging());
            assertEquals(true, Deferred.getDebugging());
        } finally {
            Defer.setDebugging(false);
        }
        assertEquals(false, Defer.getDebugging());
    }
}
