package dev.jtwisted.application.internet;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.Factory;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IStreamServerEndpoint;
import dev.jtwisted.internet.defer.CancelledError;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.testing.LogCapture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Ports Twisted's {@code twisted.application.test.test_internet.EndpointServiceTests}. */
class StreamServerEndpointServiceTest {
    static final class TestException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TestException(String message) {
            super(message);
        }
    }

    /** An in-memory endpoint whose listen Deferred the test fires. Twisted: {@code FakeServer}. */
    static final class FakeServer implements IStreamServerEndpoint {
        Deferred<IListeningPort> result;
        IProtocolFactory factory;
        RuntimeException failImmediately;
        RuntimeException cancelException = new CancelledError();
        int listenAttempts;
        final FakePort port = new FakePort();

        @Override
        public Deferred<IListeningPort> listen(IProtocolFactory factory) {
            listenAttempts++;
            this.factory = factory;
            result = new Deferred<>(d -> d.errback(cancelException));
            if (failImmediately != null) {
                result.errback(failImmediately);
            }
            return result;
        }

        void startedListening() {
            result.callback(port);
        }

        void stoppedListening() {
            port.deferred.callback(null);
        }

        @Override
        public String toString() {
            return "FakeServer";
        }
    }

    /** Twisted: {@code FakePort}. */
    static final class FakePort implements IListeningPort {
        Deferred<Void> deferred;

        @Override
        public Deferred<Void> stopListening() {
            deferred = new Deferred<>();
            return deferred;
        }

        @Override
        public IAddress getHost() {
            return new IPv4Address("TCP", "0.0.0.0", 80);
        }
    }

    private final FakeServer fakeServer = new FakeServer();
    private final Factory factory = new Factory();
    private final StreamServerEndpointService svc = new StreamServerEndpointService(fakeServer, factory);

    @BeforeEach
    void clearLog() {
        LogCapture.clear();
    }

    private static List<LogCapture.LogEvent> loggedWith(Throwable t) {
        List<LogCapture.LogEvent> matches = new ArrayList<>();
        for (LogCapture.LogEvent e : LogCapture.events()) {
            if (e.throwable() == t) {
                matches.add(e);
            }
        }
        return matches;
    }

    private static List<LogCapture.LogEvent> loggedOfType(Class<? extends Throwable> type) {
        List<LogCapture.LogEvent> matches = new ArrayList<>();
        for (LogCapture.LogEvent e : LogCapture.events()) {
            if (type.isInstance(e.throwable())) {
                matches.add(e);
            }
        }
        return matches;
    }

    @Nested
    class Starting {
        @Test // Twisted: test_internet.EndpointServiceTests.test_privilegedStartService
        void privilegedStartListensWithTheFactory() {
            svc.privilegedStartService();
            assertSame(factory, fakeServer.factory);
            assertFalse(svc.running());
        }

        @Test // Twisted: test_internet.EndpointServiceTests.test_startServiceUnstarted
        void startListensAndMarksItRunning() {
            svc.startService();
            assertSame(factory, fakeServer.factory);
            assertTrue(svc.running());
        }

        @Test // Twisted: test_internet.EndpointServiceTests.test_startServiceStarted
        void startAfterPrivilegedStartDoesNotListenAgain() {
            svc.privilegedStartService();
            svc.startService();
            assertEquals(1, fakeServer.listenAttempts);
            assertTrue(svc.running());
        }

        @Test
        void exposesItsEndpointAndFactory() {
            assertSame(fakeServer, svc.endpoint());
            assertSame(factory, svc.factory());
            assertFalse(svc.raiseSynchronously());
            assertEquals("StreamServerEndpointService on FakeServer", svc.toString());
        }
    }

    @Nested
    class ListenFailures {
        @Test // Twisted: test_internet.EndpointServiceTests.test_synchronousRaiseRaisesSynchronously
        void withRaiseSynchronouslyAFailureAlreadyThereIsThrownFromStart() {
            TestException boom = new TestException("boom");
            fakeServer.failImmediately = boom;
            svc.setRaiseSynchronously(true);
            assertSame(boom, assertThrows(TestException.class, svc::startService));
            assertEquals(List.of(), loggedWith(boom));
        }

        @Test // Twisted: test_internet.EndpointServiceTests.test_synchronousRaisePrivileged
        void withRaiseSynchronouslyAFailureAlreadyThereIsThrownFromPrivilegedStart() {
            TestException boom = new TestException("boom");
            fakeServer.failImmediately = boom;
            svc.setRaiseSynchronously(true);
            assertSame(boom, assertThrows(TestException.class, svc::privilegedStartService));
        }

        @Test // Twisted: test_internet.EndpointServiceTests.test_failReportsError
        void aLaterFailureIsLogged() {
            svc.startService();
            TestException boom = new TestException("boom");
            fakeServer.result.errback(boom);
            List<LogCapture.LogEvent> logged = loggedWith(boom);
            assertEquals(1, logged.size(), LogCapture.events().toString());
            assertEquals("StreamServerEndpointService on FakeServer failed to listen", logged.get(0).message());
        }

        @Test // Twisted: test_internet.EndpointServiceTests.test_asynchronousFailReportsError
        void aLaterFailureIsLoggedEvenWithRaiseSynchronously() {
            svc.setRaiseSynchronously(true);
            svc.startService();
            TestException boom = new TestException("boom");
            fakeServer.result.errback(boom);
            assertEquals(1, loggedWith(boom).size(), LogCapture.events().toString());
        }

        @Test // Twisted: test_internet.EndpointServiceTests.test_synchronousFailReportsError
        void withoutRaiseSynchronouslyAFailureAlreadyThereIsLogged() {
            TestException boom = new TestException("boom");
            fakeServer.failImmediately = boom;
            svc.startService();
            assertEquals(1, loggedWith(boom).size(), LogCapture.events().toString());
            assertTrue(svc.running());
        }

        @Test
        void aStartThatDoesNotThrowClearsRaiseSynchronously() {
            svc.setRaiseSynchronously(true);
            svc.startService();
            assertFalse(svc.raiseSynchronously());
        }

        @Test
        void settingRaiseSynchronouslyDuringTheListenDoesNotHideALaterFailure() {
            svc.startService();
            svc.setRaiseSynchronously(true);
            TestException boom = new TestException("boom");
            fakeServer.result.errback(boom);
            assertEquals(1, loggedWith(boom).size(), LogCapture.events().toString());
        }

        @Test
        void aServiceWhoseListenFailedStopsCleanly() {
            svc.startService();
            fakeServer.result.errback(new TestException("boom"));
            assertNull(successResultOf(svc.stopService()));
            assertFalse(svc.running());
        }
    }

    @Nested
    class Stopping {
        @Test // Twisted: test_internet.EndpointServiceTests.test_stopService
        void stopStopsListeningAndWaitsForThePort() {
            svc.privilegedStartService();
            fakeServer.startedListening();
            svc.startService();
            Deferred<Void> result = svc.stopService();
            assertNoResult(result);
            fakeServer.stoppedListening();
            assertNull(successResultOf(result));
            assertFalse(svc.running());
        }

        @Test
        void theServiceIsRunningUntilThePortHasClosed() {
            svc.startService();
            fakeServer.startedListening();
            Deferred<Void> result = svc.stopService();
            assertTrue(svc.running());
            fakeServer.stoppedListening();
            assertFalse(svc.running());
            successResultOf(result);
        }

        @Test // Twisted: test_internet.EndpointServiceTests.test_stopServiceBeforeStartFinished
        void aStopBeforeTheListenFiredCancelsItQuietly() {
            svc.privilegedStartService();
            Deferred<Void> result = svc.stopService();
            assertNull(successResultOf(result));
            assertEquals(List.of(), loggedOfType(CancelledError.class));
            assertFalse(svc.running());
        }

        @Test // Twisted: test_internet.EndpointServiceTests.test_stopServiceCancelStartError
        void aCancellationThatFailsOtherwiseIsLoggedAndTheStopSucceeds() {
            TestException boom = new TestException("boom");
            fakeServer.cancelException = boom;
            svc.privilegedStartService();
            Deferred<Void> result = svc.stopService();
            assertNull(successResultOf(result));
            assertEquals(1, loggedWith(boom).size(), LogCapture.events().toString());
        }

        @Test
        void aPortThatFailsToCloseFailsTheStop() {
            svc.startService();
            fakeServer.startedListening();
            Deferred<Void> result = svc.stopService();
            TestException boom = new TestException("boom");
            fakeServer.port.deferred.errback(boom);
            assertSame(boom, failureResultOf(result, TestException.class).value());
            assertFalse(svc.running());
        }

        @Test
        void stoppingWhatNeverStartedOnlyMarksItStopped() {
            assertNull(successResultOf(svc.stopService()));
            assertEquals(0, fakeServer.listenAttempts);
        }

        @Test
        void aStoppedServiceListensAgainWhenRestarted() {
            // Twisted's keeps its spent listen Deferred and never listens again.
            svc.startService();
            fakeServer.startedListening();
            Deferred<Void> stopped = svc.stopService();
            fakeServer.stoppedListening();
            successResultOf(stopped);
            svc.startService();
            assertEquals(2, fakeServer.listenAttempts);
            assertTrue(svc.running());
        }
    }
}
