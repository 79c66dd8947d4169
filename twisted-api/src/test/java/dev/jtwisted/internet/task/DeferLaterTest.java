package dev.jtwisted.internet.task;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jtwisted.internet.defer.CancelledError;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ports the behaviours of Twisted's {@code test_task.DeferLaterTests}. */
class DeferLaterTest {
    private final Clock clock = new Clock();

    @Test // Twisted: DeferLaterTests.test_callback
    void firesWithTheCallablesResultAfterTheDelay() {
        List<String> calls = new ArrayList<>();
        Deferred<String> d = Task.deferLater(clock, 3, () -> {
            calls.add("called");
            return "foo";
        });
        clock.advance(2);
        assertNoResult(d);
        assertEquals(List.of(), calls);
        clock.advance(1);
        assertEquals("foo", successResultOf(d));
    }

    @Test // Twisted: DeferLaterTests.test_errback
    void failsWithWhatTheCallableThrows() {
        Deferred<String> d = Task.deferLater(clock, 1, () -> {
            throw new IOException("late failure");
        });
        clock.advance(1);
        assertEquals("late failure", failureResultOf(d, IOException.class).getErrorMessage());
    }

    @Test // Twisted: DeferLaterTests.test_deferredResult
    void waitsForADeferredTheCallableReturns() {
        Deferred<String> inner = new Deferred<>();
        Deferred<Object> d = Task.deferLater(clock, 1, () -> inner);
        clock.advance(1);
        assertNoResult(d);
        inner.callback("inner");
        assertEquals("inner", successResultOf(d));
    }

    @Test // Twisted: DeferLaterTests.test_cancel
    void cancellingStopsTheCallAndErrbacksWithCancelledError() {
        List<String> calls = new ArrayList<>();
        Deferred<String> d = Task.deferLater(clock, 1, () -> {
            calls.add("called");
            return "never";
        });
        d.cancel();
        failureResultOf(d, CancelledError.class);
        assertEquals(List.of(), clock.getDelayedCalls());
        clock.advance(2);
        assertEquals(List.of(), calls);
    }

    @Test // Twisted: DeferLaterTests.test_noCallback
    void withoutACallableFiresWithNull() {
        Deferred<Void> d = Task.deferLater(clock, 1);
        clock.advance(1);
        assertNull(successResultOf(d));
    }

    @Test
    void acceptsADuration() {
        Deferred<Integer> d = Task.deferLater(clock, Duration.ofSeconds(2), () -> 7);
        clock.advance(2);
        assertEquals(7, successResultOf(d));
    }

    @Test
    void aDeferredOfDeferLaterChainsIntoOtherDeferreds() {
        Deferred<String> d = Defer.succeed("a").addCallbackDeferring(
                a -> Task.deferLater(clock, 1, () -> a + "b"));
        assertNoResult(d);
        clock.advance(1);
        assertEquals("ab", successResultOf(d));
    }
}
