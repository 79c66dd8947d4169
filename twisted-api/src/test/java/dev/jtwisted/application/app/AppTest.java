package dev.jtwisted.application.app;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.application.service.Service;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.testing.MemoryReactor;
import dev.jtwisted.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Services hooked to a {@link MemoryReactor}: started when it runs, stopped before it shuts
 * down. Twisted: {@code test_application.TestInternet}'s start/stop expectations and
 * {@code app.startApplication}, which Twisted leaves untested on its own.
 */
class AppTest {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** Records its calls, and the reactor's running state at each. */
    final class Recorder extends Service {
        Deferred<Void> stopResult;
        RuntimeException startThrows;
        RuntimeException privilegedThrows;

        @Override
        public void privilegedStartService() {
            events.add("privileged, reactor running: " + reactor.running());
            if (privilegedThrows != null) {
                throw privilegedThrows;
            }
        }

        @Override
        public void startService() {
            super.startService();
            events.add("start, reactor running: " + reactor.running());
            if (startThrows != null) {
                throw startThrows;
            }
        }

        @Override
        public Deferred<Void> stopService() {
            Deferred<Void> done = super.stopService();
            events.add("stop, reactor running: " + reactor.running());
            return stopResult != null ? stopResult : done;
        }
    }

    private final List<String> events = new ArrayList<>();
    private final MemoryReactor reactor = new MemoryReactor();
    private final Recorder service = new Recorder();
    private final List<String> shutdownPhases = new ArrayList<>();

    @BeforeEach
    void recordTheShutdown() {
        LogCapture.clear();
        reactor.addSystemEventTrigger("during", "shutdown", () -> shutdownPhases.add("during"));
    }

    @Nested
    class Starting {
        @Test
        void callsPrivilegedStartServiceAtOnceAndStartServiceOnceTheReactorRuns() {
            Deferred<Void> started = App.startApplication(service, reactor, STOP_TIMEOUT);
            assertEquals(List.of("privileged, reactor running: false"), events);
            assertNoResult(started);

            reactor.startRunning();

            assertEquals(List.of("privileged, reactor running: false", "start, reactor running: true"), events);
            assertTrue(service.running());
            successResultOf(started);
        }

        @Test
        void throwsWhatPrivilegedStartServiceThrewAndHooksNothing() {
            IllegalStateException boom = new IllegalStateException("port in use");
            service.privilegedThrows = boom;

            assertSame(boom, assertThrows(IllegalStateException.class,
                    () -> App.startApplication(service, reactor, STOP_TIMEOUT)));
            reactor.run();

            assertEquals(List.of("privileged, reactor running: false"), events);
        }

        @Test
        void aStartServiceThatThrowsFailsTheDeferredAndStopsTheReactorAndTheService() {
            IllegalStateException boom = new IllegalStateException("no database");
            service.startThrows = boom;
            Deferred<Void> started = App.startApplication(service, reactor, STOP_TIMEOUT);

            reactor.startRunning();

            assertSame(boom, failureResultOf(started, IllegalStateException.class).value());
            assertTrue(reactor.hasStopped());
            assertEquals(List.of("during"), shutdownPhases);
            assertEquals("stop, reactor running: true", events.get(events.size() - 1));
            assertFalse(service.running());
        }

        @Test
        void refusesANegativeStopTimeout() {
            assertThrows(IllegalArgumentException.class,
                    () -> App.startApplication(service, reactor, Duration.ofSeconds(-1)));
            assertEquals(List.of(), events);
        }
    }

    @Nested
    class Stopping {
        @Test
        void stopsTheServiceBeforeTheShutdownWhileTheReactorStillRuns() {
            App.startApplication(service, reactor, STOP_TIMEOUT);

            reactor.run();

            assertEquals(List.of("privileged, reactor running: false", "start, reactor running: true",
                    "stop, reactor running: true"), events);
            assertFalse(service.running());
            assertEquals(List.of("during"), shutdownPhases);
        }

        @Test
        void holdsTheShutdownUntilTheStopDeferredFires() {
            service.stopResult = new Deferred<>();
            App.startApplication(service, reactor, STOP_TIMEOUT);
            reactor.startRunning();

            reactor.stop();
            assertEquals(List.of(), shutdownPhases);
            reactor.advance(STOP_TIMEOUT.toSeconds() - 1);
            assertEquals(List.of(), shutdownPhases);

            service.stopResult.callback(null);
            assertEquals(List.of("during"), shutdownPhases);
            assertEquals(List.of(), reactor.getDelayedCalls(), "the timer is cancelled");
        }

        @Test
        void goesOnWithAWarningWhenTheStopTakesLongerThanTheTimeout() {
            service.stopResult = new Deferred<>();
            App.startApplication(service, reactor, STOP_TIMEOUT);
            reactor.startRunning();
            reactor.stop();

            reactor.advance(STOP_TIMEOUT.toSeconds());

            assertEquals(List.of("during"), shutdownPhases);
            assertEquals(1, LogCapture.containing("did not stop within PT10S; shutting down without waiting for it")
                    .size(), LogCapture.events().toString());
            service.stopResult.callback(null);
            assertEquals(List.of("during"), shutdownPhases);
        }

        @Test
        void logsAStopThatFailsAndGoesOn() {
            service.stopResult = new Deferred<>();
            App.startApplication(service, reactor, STOP_TIMEOUT);
            reactor.startRunning();
            reactor.stop();

            IllegalStateException boom = new IllegalStateException("disk full");
            service.stopResult.errback(boom);

            assertEquals(List.of("during"), shutdownPhases);
            List<LogCapture.LogEvent> logged = LogCapture.containing("failed to stop");
            assertEquals(1, logged.size(), LogCapture.events().toString());
            assertSame(boom, logged.get(0).throwable());
        }

        @Test
        void waitsAsLongAsItTakesWithoutATimeoutAsTwistedDoes() {
            service.stopResult = new Deferred<>();
            App.startApplication(service, reactor);
            reactor.startRunning();
            reactor.stop();

            reactor.advance(3600);
            assertEquals(List.of(), shutdownPhases);

            service.stopResult.callback(null);
            assertEquals(List.of("during"), shutdownPhases);
        }
    }
}
