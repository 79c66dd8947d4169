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

import dev.jtwisted.application.service.Application;
import dev.jtwisted.internet.CannotListenError;
import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IConnector;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IReactorTCP;
import dev.jtwisted.internet.Factory;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.testing.MemoryReactor;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Ports the TCPServer parts of Twisted's {@code twisted.test.test_application.InternetTests}. */
class TCPServerTest {
    static final class TestException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TestException(String message) {
            super(message);
        }
    }

    /** A port whose stopListening returns {@link #stopped}, or throws {@link #stopThrows}. */
    static final class SlowPort implements IListeningPort {
        final Deferred<Void> stopped = new Deferred<>();
        RuntimeException stopThrows;
        int stopCalls;

        @Override
        public Deferred<Void> stopListening() {
            stopCalls++;
            if (stopThrows != null) {
                throw stopThrows;
            }
            return stopped;
        }

        @Override
        public IAddress getHost() {
            return new IPv4Address("TCP", "0.0.0.0", 4321);
        }
    }

    /** Listens by handing out {@link #port}; cannot connect. */
    static final class OnePortReactor implements IReactorTCP {
        final SlowPort port = new SlowPort();

        @Override
        public IListeningPort listenTCP(int portNumber, IProtocolFactory factory, int backlog,
                String interfaceAddress) {
            return port;
        }

        @Override
        public IConnector connectTCP(String host, int port, ClientFactory factory, double timeout,
                IPv4Address bindAddress) {
            throw new UnsupportedOperationException("connectTCP");
        }
    }

    private final MemoryReactor reactor = new MemoryReactor();
    private final Factory factory = new Factory();

    @Nested
    class Starting {
        @Test // Twisted: test_application.InternetTests.test_reactorParametrizationInServer
        void startListensWithTheGivenReactor() {
            TCPServer t = new TCPServer(1234, factory, reactor);
            t.startService();
            assertEquals(List.of(new MemoryReactor.TCPServer(1234, factory, 50, "")), reactor.tcpServers());
            assertTrue(t.running());
            assertSame(reactor.ports().get(0), t.port());
        }

        @Test
        void theBacklogAndInterfaceGoToListenTCP() {
            TCPServer t = new TCPServer(0, factory, 7, "127.0.0.1", reactor);
            t.startService();
            assertEquals(List.of(new MemoryReactor.TCPServer(0, factory, 7, "127.0.0.1")), reactor.tcpServers());
            assertEquals(new IPv4Address("TCP", "127.0.0.1", 0), t.port().getHost());
        }

        @Test // Twisted: test_application.InternetTests.testPrivileged
        void privilegedStartListensAndStartDoesNotListenAgain() {
            TCPServer t = new TCPServer(79, factory, reactor);
            t.privilegedStartService();
            assertEquals(1, reactor.tcpServers().size());
            assertFalse(t.running());
            t.startService();
            assertEquals(1, reactor.tcpServers().size());
            assertTrue(t.running());
        }

        @Test
        void aPortThatCannotBeBoundFailsTheStart() {
            CannotListenError inUse = new CannotListenError("Couldn't listen on any:79: in use");
            reactor.setListenException(inUse);
            TCPServer t = new TCPServer(79, factory, reactor);
            assertSame(inUse, assertThrows(CannotListenError.class, t::startService));
            // As in Twisted: marked running, with nothing to stop.
            assertTrue(t.running());
            assertNull(t.port());
            assertNull(successResultOf(t.stopService()));
            assertFalse(t.running());
        }

        @Test
        void nothingListensBeforeTheStart() {
            TCPServer t = new TCPServer(79, factory, reactor);
            assertNull(t.port());
            assertEquals(List.of(), reactor.tcpServers());
        }
    }

    @Nested
    class Stopping {
        @Test
        void stopStopsListening() {
            TCPServer t = new TCPServer(79, factory, reactor);
            t.startService();
            MemoryReactor.FakePort port = reactor.ports().get(0);
            assertNull(successResultOf(t.stopService()));
            assertTrue(port.stopped());
            assertNull(t.port());
            assertFalse(t.running());
        }

        @Test // Twisted: test_application.InternetTests.test_reactorParametrizationInServerMultipleStart
        void aRestartListensAgainWithTheSameReactor() {
            TCPServer t = new TCPServer(1234, factory, reactor);
            t.startService();
            t.stopService();
            t.startService();
            assertEquals(2, reactor.tcpServers().size());
            assertEquals(new MemoryReactor.TCPServer(1234, factory, 50, ""), reactor.tcpServers().get(1));
            assertSame(reactor.ports().get(1), t.port());
            assertEquals(1, reactor.ports().get(0).stopListeningCalls());
        }

        @Test
        void stoppingWhatNeverStartedSucceeds() {
            TCPServer t = new TCPServer(79, factory, reactor);
            assertNull(successResultOf(t.stopService()));
            assertEquals(List.of(), reactor.tcpServers());
        }

        @Test
        void theStopWaitsForThePortToClose() {
            OnePortReactor slow = new OnePortReactor();
            TCPServer t = new TCPServer(79, factory, slow);
            t.startService();
            Deferred<Void> d = t.stopService();
            assertNoResult(d);
            assertFalse(t.running());
            slow.port.stopped.callback(null);
            assertNull(successResultOf(d));
        }

        @Test
        void aPortThatFailsToCloseFailsTheStop() {
            OnePortReactor slow = new OnePortReactor();
            TCPServer t = new TCPServer(79, factory, slow);
            t.startService();
            Deferred<Void> d = t.stopService();
            TestException boom = new TestException("boom");
            slow.port.stopped.errback(boom);
            assertSame(boom, failureResultOf(d, TestException.class).value());
        }

        @Test
        void aStopListeningThatThrowsFailsTheStop() {
            OnePortReactor slow = new OnePortReactor();
            TestException boom = new TestException("boom");
            slow.port.stopThrows = boom;
            TCPServer t = new TCPServer(79, factory, slow);
            t.startService();
            assertSame(boom, failureResultOf(t.stopService(), TestException.class).value());
            assertNull(t.port());
            assertFalse(t.running());
        }
    }

    @Nested
    class InAnApplication {
        @Test // Twisted: test_application.InternetTests.testTCP, without the sockets
        void aRunningApplicationListensAndConnectsAndItsStopUndoesBoth() {
            Application app = new Application("app");
            app.startService();
            TCPServer server = new TCPServer(0, factory, reactor);
            server.setServiceParent(app);
            assertEquals(1, reactor.tcpServers().size());
            ClientFactory clientFactory = new ClientFactory();
            new TCPClient("127.0.0.1", 4321, clientFactory, reactor).setServiceParent(app);
            assertEquals(1, reactor.tcpClients().size());

            assertNull(successResultOf(app.stopService()));
            assertTrue(reactor.ports().get(0).stopped());
            assertTrue(reactor.connectors().get(0).disconnected());
            assertFalse(server.running());
        }

        @Test
        void startingTheApplicationListensOnceForPrivilegedAndPlainStart() {
            Application app = new Application("app");
            new TCPServer(79, factory, reactor).setServiceParent(app);
            app.privilegedStartService();
            app.startService();
            assertEquals(1, reactor.tcpServers().size());
        }
    }

    @Test
    void toStringNamesThePort() {
        TCPServer t = new TCPServer(8080, factory, reactor);
        assertEquals("TCPServer on port 8080", t.toString());
        t.setName("web");
        assertEquals("TCPServer 'web' on port 8080", t.toString());
    }
}
