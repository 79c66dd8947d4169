package dev.jtwisted.application.internet;

import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.ConnectionRefusedError;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IConnector;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IReactorTCP;
import dev.jtwisted.internet.testing.MemoryReactor;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Ports the TCPClient parts of Twisted's {@code twisted.test.test_application.InternetTests}. */
class TCPClientTest {
    private final MemoryReactor reactor = new MemoryReactor();
    private final ClientFactory factory = new ClientFactory();

    @Nested
    class Starting {
        @Test // Twisted: test_application.InternetTests.test_reactorParametrizationInClient
        void startConnectsWithTheGivenReactor() {
            TCPClient t = new TCPClient("127.0.0.1", 1234, factory, reactor);
            t.startService();
            assertEquals(List.of(new MemoryReactor.TCPClient("127.0.0.1", 1234, factory, 30, null)),
                    reactor.tcpClients());
            assertSame(reactor.connectors().get(0), t.connection());
            assertTrue(t.running());
        }

        @Test
        void theTimeoutAndBindAddressGoToConnectTCP() {
            IPv4Address bind = new IPv4Address("TCP", "127.0.0.2", 0);
            new TCPClient("example.com", 79, factory, 5, bind, reactor).startService();
            assertEquals(List.of(new MemoryReactor.TCPClient("example.com", 79, factory, 5, bind)),
                    reactor.tcpClients());
        }

        @Test
        void aConnectThatThrowsFailsTheStart() {
            IllegalArgumentException bad = new IllegalArgumentException("port 70000 is out of range");
            reactor.setConnectException(bad);
            TCPClient t = new TCPClient("127.0.0.1", 70000, factory, reactor);
            assertSame(bad, assertThrows(IllegalArgumentException.class, t::startService));
            assertNull(t.connection());
        }

        @Test
        void privilegedStartDoesNotConnect() {
            TCPClient t = new TCPClient("127.0.0.1", 1234, factory, reactor);
            t.privilegedStartService();
            assertEquals(List.of(), reactor.tcpClients());
        }
    }

    @Nested
    class Stopping {
        @Test
        void stopDisconnects() {
            TCPClient t = new TCPClient("127.0.0.1", 1234, factory, reactor);
            t.startService();
            assertNull(successResultOf(t.stopService()));
            assertTrue(reactor.connectors().get(0).disconnected());
            assertNull(t.connection());
            assertFalse(t.running());
        }

        @Test // Twisted: test_application.InternetTests.test_reactorParametrizationInClientMultipleStart
        void aRestartConnectsAgainWithTheSameReactor() {
            TCPClient t = new TCPClient("127.0.0.1", 1234, factory, reactor);
            t.startService();
            t.stopService();
            t.startService();
            assertEquals(2, reactor.tcpClients().size());
            assertEquals(new MemoryReactor.TCPClient("127.0.0.1", 1234, factory, 30, null),
                    reactor.tcpClients().get(1));
            assertSame(reactor.connectors().get(1), t.connection());
        }

        @Test
        void stoppingWhatNeverStartedSucceeds() {
            assertNull(successResultOf(new TCPClient("127.0.0.1", 1234, factory, reactor).stopService()));
        }

        @Test
        void aDisconnectThatThrowsFailsTheStop() {
            ConnectionRefusedError boom = new ConnectionRefusedError("boom");
            IReactorTCP throwingOnDisconnect = new IReactorTCP() {
                @Override
                public IListeningPort listenTCP(int port, IProtocolFactory f, int backlog, String iface) {
                    throw new UnsupportedOperationException("listenTCP");
                }

                @Override
                public IConnector connectTCP(String host, int port, ClientFactory f, double timeout,
                        IPv4Address bindAddress) {
                    return new IConnector() {
                        @Override
                        public void stopConnecting() {}

                        @Override
                        public void disconnect() {
                            throw boom;
                        }

                        @Override
                        public void connect() {}

                        @Override
                        public IAddress getDestination() {
                            return new IPv4Address("TCP", host, port);
                        }
                    };
                }
            };
            TCPClient t = new TCPClient("127.0.0.1", 1234, factory, throwingOnDisconnect);
            t.startService();
            assertSame(boom, failureResultOf(t.stopService(), ConnectionRefusedError.class).value());
            assertNull(t.connection());
            assertFalse(t.running());
        }
    }

    @Test
    void toStringNamesTheDestination() {
        assertEquals("TCPClient to example.com:79", new TCPClient("example.com", 79, factory, reactor).toString());
    }
}
