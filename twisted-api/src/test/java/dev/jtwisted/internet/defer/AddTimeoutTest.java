package dev.jtwisted.internet.defer;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.task.Clock;
import dev.jtwisted.python.failure.Failure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ports the behaviours of Twisted's {@code test_defer.DeferredAddTimeoutTests}. */
class AddTimeoutTest {
    private final Clock clock = new Clock();

    /** Twisted's tests use {@code _overrideFunc}: a custom onTimeoutCancel returning "OVERRIDDEN". */
    private static final Deferred.OnTimeoutCancel<String> OVERRIDE = (result, timeout) -> "OVERRIDDEN";

    @Test // Twisted: test_timeoutChainable
    void returnsTheSameDeferredForChaining() {
        Deferred<Void> d = new Deferred<>();
        Deferred<String> chained = d.addTimeout(5, clock).addCallback(ign -> "done");
        d.callback(null);
        assertEquals("done", successResultOf(chained));
    }

    @Test // Twisted: test_successResultBeforeTimeout
    void aResultBeforeTheTimeoutCancelsTheTimer() {
        Deferred<String> d = new Deferred<>();
        d.addTimeout(10, clock);
        Deferred<Void> inner = new Deferred<>();
        String[] seen = {null};
        d.addCallbackDeferring(r -> {
            seen[0] = r;
            return inner;
        });
        d.callback("results");
        assertEquals("results", seen[0]);
        assertEquals(List.of(), clock.getDelayedCalls());
        clock.advance(15);
        assertNoResult(inner);
    }

    @Test // Twisted: test_successResultBeforeTimeoutCustom
    void aResultBeforeTheTimeoutIgnoresTheCustomHandler() {
        Deferred<String> d = new Deferred<>();
        d.addTimeout(10, clock, OVERRIDE);
        d.callback("results");
        clock.advance(15);
        assertEquals("results", successResultOf(d));
    }

    @Test // Twisted: test_failureBeforeTimeout
    void aFailureBeforeTheTimeoutPassesThrough() {
        Deferred<String> d = new Deferred<>();
        d.addTimeout(10, clock);
        IllegalStateException error = new IllegalStateException("before");
        d.errback(error);
        clock.advance(15);
        assertSame(error, failureResultOf(d, IllegalStateException.class).value());
    }

    @Test // Twisted: test_timedOut
    void timingOutErrbacksWithTimeoutError() {
        Deferred<String> d = new Deferred<>();
        d.addTimeout(10, clock);
        assertNoResult(d);
        clock.advance(15);
        Failure f = failureResultOf(d, TimeoutError.class);
        assertEquals("Deferred timed out after 10.0 seconds", f.getErrorMessage());
    }

    @Test
    void acceptsADuration() {
        Deferred<String> d = new Deferred<>();
        d.addTimeout(Duration.ofSeconds(2), clock);
        clock.advance(2);
        failureResultOf(d, TimeoutError.class);
    }

    @Test // Twisted: test_timedOutCustom
    void timingOutWithACustomHandlerGivesItsResult() {
        Deferred<String> d = new Deferred<>();
        d.addTimeout(10, clock, OVERRIDE);
        clock.advance(15);
        assertEquals("OVERRIDDEN", successResultOf(d));
    }

    @Test // Twisted: test_timedOutProvidedCancelSuccess
    void aCancellerThatSucceedsWinsOverTheTimeout() {
        Deferred<String> d = new Deferred<>(self -> self.callback("CANCELLED"));
        d.addTimeout(10, clock);
        clock.advance(15);
        assertEquals("CANCELLED", successResultOf(d));
    }

    @Test // Twisted: test_timedOutProvidedCancelFailure
    void aCancellerThatFailsWithAnotherErrorKeepsThatError() {
        IllegalArgumentException error = new IllegalArgumentException("what!");
        Deferred<String> d = new Deferred<>(self -> self.errback(error));
        d.addTimeout(10, clock);
        clock.advance(15);
        assertSame(error, failureResultOf(d, IllegalArgumentException.class).value());
    }

    @Test // Twisted: test_cancelBeforeTimeout
    void cancellingBeforeTheTimeoutGivesCancelledErrorAndStopsTheTimer() {
        Deferred<String> d = new Deferred<>();
        d.addTimeout(10, clock);
        Deferred<Void> inner = new Deferred<>();
        d.addCallbackDeferring(r -> inner);
        d.cancel();
        failureResultOf(d, CancelledError.class);
        assertEquals(List.of(), clock.getDelayedCalls());
        clock.advance(15);
        assertNoResult(inner);
    }

    @Test // Twisted: test_providedCancelCalledBeforeTimeoutCustom
    void theCancellerRunsWhenTheTimeoutFires() {
        List<String> calls = new ArrayList<>();
        Deferred<String> d = new Deferred<>(self -> calls.add("cancelled"));
        d.addTimeout(10, clock, OVERRIDE);
        clock.advance(15);
        assertEquals(List.of("cancelled"), calls);
        assertEquals("OVERRIDDEN", successResultOf(d));
    }

    @Test // Twisted: test_errbackAddedBeforeTimeout
    void anErrbackAddedBeforeTheTimeoutSeesCancelledErrorAndTheChainEndsInTimeoutError() {
        Deferred<Object> d = new Deferred<>();
        Failure[] seen = {null};
        d.addErrback(f -> {
            seen[0] = f;
            return f;
        });
        d.addTimeout(10, clock);
        clock.advance(15);
        assertInstanceOf(CancelledError.class, seen[0].value());
        failureResultOf(d, TimeoutError.class);
    }

    @Test // Twisted: test_errbackAddedBeforeTimeoutSuppressesCancellation
    void anErrbackAddedBeforeTheTimeoutMaySuppressTheCancellation() {
        Deferred<Object> d = new Deferred<>();
        d.addErrback(f -> null);
        d.addTimeout(10, clock);
        clock.advance(15);
        assertNull(successResultOf(d));
    }

    @Test // Twisted: test_callbackAddedToCancelerBeforeTimeout
    void aCallbackAddedBeforeTheTimeoutRunsWhenTheCancellerSucceeds() {
        Deferred<String> d = new Deferred<>(self -> self.callback("success"));
        String[] seen = {null};
        d.addCallback(v -> {
            seen[0] = v;
            return v;
        });
        d.addTimeout(10, clock);
        clock.advance(15);
        assertEquals("success", seen[0]);
        assertEquals("success", successResultOf(d));
    }

    @Test
    void theCustomHandlerReceivesTheFailureAndTheTimeout() {
        Deferred<String> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.addTimeout(3, clock, (result, timeout) -> {
            seen.add(result);
            seen.add(timeout);
            return "handled";
        });
        clock.advance(3);
        assertTrue(seen.get(0) instanceof Failure);
        assertEquals(3.0, seen.get(1));
        assertEquals("handled", successResultOf(d));
    }
}
