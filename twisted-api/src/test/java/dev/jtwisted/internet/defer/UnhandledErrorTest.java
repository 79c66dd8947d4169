package dev.jtwisted.internet.defer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.testing.LogCapture;
import dev.jtwisted.testing.LogCapture.LogEvent;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.event.Level;

/**
 * A Deferred garbage-collected while holding a failure logs it, as Twisted's {@code DebugInfo}
 * does. Ports the behaviours of Twisted's {@code test_defer.LogTests}.
 *
 * <p>Collection is up to the JVM: each test asks for GC a bounded number of times, waiting for
 * the log event (not sleeping) in between.
 */
@Timeout(60)
class UnhandledErrorTest {

    /** A distinct exception per test so no test sees another's log line. */
    static final class Marker extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Marker(String message) {
            super(message);
        }
    }

    @BeforeEach
    @AfterEach
    void reset() {
        Deferred.setDebugging(false);
        LogCapture.clear();
    }

    private static LogEvent collectUntilLogged(Predicate<LogEvent> condition) throws InterruptedException {
        for (int attempt = 0; attempt < 40; attempt++) {
            System.gc();
            LogEvent event = LogCapture.awaitEvent(condition, Duration.ofMillis(250));
            if (event != null) {
                return event;
            }
        }
        return null;
    }

    private static Predicate<LogEvent> unhandled(String marker) {
        return e -> e.message().startsWith("Unhandled error in Deferred:")
                && e.throwable() != null && marker.equals(e.throwable().getMessage());
    }

    private static void dropAFailedDeferred(String marker) {
        Deferred<String> d = new Deferred<>();
        d.addCallback(r -> {
            throw new Marker(marker);
        });
        d.callback("x");
    }

    @Test // Twisted: LogTests.test_errorLog
    void aCollectedDeferredHoldingAFailureLogsItWithTheTraceback() throws Exception {
        dropAFailedDeferred("gc-1");
        LogEvent event = collectUntilLogged(unhandled("gc-1"));
        assertNotNull(event, "no 'Unhandled error in Deferred' logged after 40 GCs");
        assertEquals(Level.ERROR, event.level());
        assertEquals(Deferred.class.getName(), event.logger());
        assertTrue(event.throwable() instanceof Marker);
        assertEquals("Unhandled error in Deferred:", event.message());
    }

    @Test // Twisted: LogTests.test_errorLogDebugInfo
    void withDebuggingTheLogSaysWhereTheDeferredWasCreatedAndFired() throws Exception {
        Deferred.setDebugging(true);
        dropAFailedDeferred("gc-debug");
        Deferred.setDebugging(false);
        LogEvent event = collectUntilLogged(unhandled("gc-debug"));
        assertNotNull(event);
        assertTrue(event.message().contains("(debug:  C: Deferred was created:"), event.message());
        assertTrue(event.message().contains(" I: First Invoker was:"), event.message());
        assertTrue(event.message().contains("dropAFailedDeferred"), event.message());
    }

    @Test // Twisted: LogTests.test_errorClearedByChaining
    void aFailureHandedToAnotherDeferredIsNotReportedByTheFirst() throws Exception {
        Deferred<Object> handled = new Deferred<>();
        dropAFailureHandedOn(handled);
        // The failure now lives in 'handled', which we keep and handle: nothing may be logged.
        dropAFailedDeferred("gc-sentinel");
        assertNotNull(collectUntilLogged(unhandled("gc-sentinel")));
        assertTrue(LogCapture.containing("Unhandled error").stream()
                .noneMatch(e -> e.throwable() != null && "gc-chained".equals(e.throwable().getMessage())));
        Object[] seen = {null};
        handled.addErrback(f -> {
            seen[0] = f.value();
            return null;
        });
        assertTrue(seen[0] instanceof Marker);
    }

    private static void dropAFailureHandedOn(Deferred<Object> handled) {
        Deferred<Object> failing = Defer.fail(new Marker("gc-chained"));
        Deferred<Void> outer = new Deferred<>();
        outer.addCallbackDeferring(ign -> failing).chainDeferred(handled);
        outer.callback(null);
    }

    @Test // Twisted: LogTests.test_chainedErrorCleanup (in spirit)
    void aHandledFailureIsNeverReported() throws Exception {
        Deferred<String> d = new Deferred<>();
        d.addCallback(r -> {
            throw new Marker("gc-handled");
        });
        d.callback("x");
        d.addErrback(f -> "recovered");
        d = null;
        dropAFailedDeferred("gc-sentinel-2");
        assertNotNull(collectUntilLogged(unhandled("gc-sentinel-2")));
        assertNull(LogCapture.events().stream()
                .filter(unhandled("gc-handled")).findFirst().orElse(null));
    }

    @Test // Twisted: UtilTests.test_logErrorLogsError / test_logErrorReturnsError
    void logErrorLogsTheFailureAndPassesItOn() {
        Marker error = new Marker("log me");
        Deferred<String> d = Defer.fail(error);
        d.addErrback(Defer::logError);
        Object[] seen = {null};
        d.addErrback(f -> {
            seen[0] = f.value();
            return null;
        });
        assertSame(error, seen[0]);
        LogEvent logged = LogCapture.events().stream()
                .filter(e -> e.throwable() == error).findFirst().orElse(null);
        assertNotNull(logged);
        assertEquals(Level.ERROR, logged.level());
    }
}
