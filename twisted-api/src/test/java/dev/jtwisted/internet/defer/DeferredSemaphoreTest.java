package dev.jtwisted.internet.defer;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jtwisted.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeferredSemaphoreTest {

    @Nested
    class Creation {

        @Test
        void startsWithAllTokensFreeAndThatManyAsTheLimit() {
            DeferredSemaphore sem = new DeferredSemaphore(3);
            assertEquals(3, sem.tokens());
            assertEquals(3, sem.limit());
            assertEquals(List.of(), sem.waiting());
        }

        @Test
        void rejectsZeroTokensNamingTheValue() {
            // Twisted: test_defer.OtherPrimitivesTests.test_semaphoreInvalidTokens
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> new DeferredSemaphore(0));
            assertEquals("DeferredSemaphore requires tokens >= 1, got 0", e.getMessage());
        }

        @Test
        void rejectsNegativeTokensNamingTheValue() {
            // Twisted: test_defer.OtherPrimitivesTests.test_semaphoreInvalidTokens
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> new DeferredSemaphore(-1));
            assertEquals("DeferredSemaphore requires tokens >= 1, got -1", e.getMessage());
        }
    }

    @Nested
    class AcquireAndRelease {

        @Test
        void acquiresFireAtOnceUntilTheTokensRunOutThenWait() {
            // Twisted: test_defer.OtherPrimitivesTests.testSemaphore
            int n = 13;
            DeferredSemaphore sem = new DeferredSemaphore(n);
            int[] counter = {0};
            for (int i = 1; i <= n; i++) {
                sem.acquire().addCallback(s -> counter[0]++);
                assertEquals(i, counter[0]);
                assertEquals(n - i, sem.tokens());
            }

            Deferred<DeferredSemaphore> waiter = sem.acquire();
            waiter.addCallback(s -> counter[0]++);

            assertEquals(n, counter[0]);
            assertEquals(List.of(waiter), sem.waiting());
        }

        @Test
        void releaseHandsTheTokenToTheFirstWaiter() {
            // Twisted: test_defer.OtherPrimitivesTests.testSemaphore
            DeferredSemaphore sem = new DeferredSemaphore(1);
            sem.acquire();
            Deferred<DeferredSemaphore> first = sem.acquire();
            Deferred<DeferredSemaphore> second = sem.acquire();

            sem.release();

            assertSame(sem, successResultOf(first));
            assertNoResult(second);
            assertEquals(0, sem.tokens());
            assertEquals(List.of(second), sem.waiting());
        }

        @Test
        void releasingEveryTokenRestoresTheLimit() {
            // Twisted: test_defer.OtherPrimitivesTests.testSemaphore (final releases)
            DeferredSemaphore sem = new DeferredSemaphore(3);
            sem.acquire();
            sem.acquire();
            sem.acquire();
            sem.release();
            sem.release();
            sem.release();
            assertEquals(3, sem.tokens());
        }

        @Test
        void releasingMoreThanWasAcquiredThrowsNamingTheLimit() {
            // Twisted: DeferredSemaphore.release's assertion "too many tokens"
            DeferredSemaphore sem = new DeferredSemaphore(2);
            sem.acquire();
            sem.release();
            IllegalStateException e = assertThrows(IllegalStateException.class, sem::release);
            assertEquals("DeferredSemaphore released too many times: all 2 tokens are already free",
                    e.getMessage());
            assertEquals(2, sem.tokens());
        }

        @Test
        void describesItsStateInToString() {
            DeferredSemaphore sem = new DeferredSemaphore(2);
            sem.acquire();
            assertEquals("DeferredSemaphore[1 of 2 tokens free, 0 waiting]", sem.toString());
        }
    }

    @Nested
    class Run {

        @Test
        void holdsATokenUntilAReturnedDeferredFires() {
            // Twisted: test_defer.OtherPrimitivesTests.testSemaphore (sem.run part)
            DeferredSemaphore sem = new DeferredSemaphore(13);
            Deferred<Void> control = new Deferred<>();
            Object uniqueObject = new Object();
            Object[] helperArg = {null};
            List<Object> results = new ArrayList<>();

            Deferred<Void> result = sem.runDeferring(() -> {
                helperArg[0] = uniqueObject;
                return control;
            });
            result.addCallback(r -> {
                results.add(r);
                return null;
            });

            assertEquals(List.of(), results);
            assertSame(uniqueObject, helperArg[0]);
            assertEquals(12, sem.tokens());

            control.callback(null);

            assertEquals(1, results.size());
            assertNull(results.get(0));
            assertEquals(13, sem.tokens());
        }

        @Test
        void boundsHowManyRunAtOnce() {
            DeferredSemaphore sem = new DeferredSemaphore(2);
            List<Deferred<String>> controls = new ArrayList<>();
            List<Deferred<String>> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                results.add(sem.runDeferring(() -> {
                    Deferred<String> c = new Deferred<>();
                    controls.add(c);
                    return c;
                }));
            }
            assertEquals(2, controls.size(), "the third waits for a token");

            controls.get(0).callback("a");

            assertEquals(3, controls.size());
            assertEquals("a", successResultOf(results.get(0)));
            assertNoResult(results.get(2));
        }

        @Test
        void releasesTheTokenAndFailsWhenTheFunctionThrows() {
            DeferredSemaphore sem = new DeferredSemaphore(1);
            Deferred<String> d = sem.run(() -> {
                throw new IllegalArgumentException("bad input");
            });
            assertEquals(1, sem.tokens());
            Failure f = failureResultOf(d, IllegalArgumentException.class);
            assertEquals("bad input", f.getErrorMessage());
        }

        @Test
        void releasesTheTokenWhenTheReturnedDeferredFails() {
            DeferredSemaphore sem = new DeferredSemaphore(1);
            Deferred<String> control = new Deferred<>();
            Deferred<String> d = sem.runDeferring(() -> control);
            assertEquals(0, sem.tokens());

            control.errback(new IllegalStateException("gone"));

            assertEquals(1, sem.tokens());
            failureResultOf(d, IllegalStateException.class);
        }

        @Test
        void rejectsANullFunctionWithoutTakingAToken() {
            DeferredSemaphore sem = new DeferredSemaphore(1);
            assertThrows(NullPointerException.class, () -> sem.run((Callable<Object>) null));
            assertEquals(1, sem.tokens());
        }
    }

    @Nested
    class Cancel {

        @Test
        void cancellingAWaitingAcquireFailsItAndTakesItOffTheLine() {
            // Twisted: test_defer.OtherPrimitivesTests.testSemaphore (cancel part)
            // and test_cancelSemaphoreBeforeAcquired
            DeferredSemaphore sem = new DeferredSemaphore(1);
            sem.acquire();
            List<Boolean> success = new ArrayList<>();
            Deferred<DeferredSemaphore> d = sem.acquire();
            d.addCallbacks(s -> success.add(false), f -> success.add(true));

            d.cancel();

            assertEquals(List.of(true), success);
            assertEquals(List.of(), sem.waiting());
            int[] counter = {0};
            sem.acquire().addCallback(s -> counter[0]++);
            sem.release();
            assertEquals(1, counter[0], "the token skipped the cancelled waiter");
        }

        @Test
        void cancellingAnAcquireThatHasATokenDoesNothing() {
            // Twisted: test_defer.OtherPrimitivesTests.test_cancelSemaphoreAfterAcquired
            DeferredSemaphore sem = new DeferredSemaphore(1);
            Deferred<DeferredSemaphore> d = sem.acquire();
            List<Failure> errors = new ArrayList<>();
            d.addErrback(f -> {
                errors.add(f);
                return null;
            });

            d.cancel();

            assertEquals(List.of(), errors);
            assertEquals(0, sem.tokens());
            assertSame(sem, successResultOf(d));
        }

        @Test
        void cancelledWaiterFailsWithCancelledError() {
            // Twisted: test_defer.OtherPrimitivesTests.test_cancelSemaphoreBeforeAcquired
            DeferredSemaphore sem = new DeferredSemaphore(1);
            sem.acquire();
            Deferred<DeferredSemaphore> d = sem.acquire();
            d.cancel();
            failureResultOf(d, CancelledError.class);
        }
    }
}
