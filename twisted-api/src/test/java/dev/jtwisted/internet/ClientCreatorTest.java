package dev.jtwisted.internet;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.defer.CancelledError;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.testing.AccumulatingProtocol;
import dev.jtwisted.internet.testing.StringTransport;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.testing.LogCapture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ClientCreatorTest {
    static final class SomeProtocol extends AccumulatingProtocol {}

    private final FakeTCPReactor reactor = new FakeTCPReactor();
    private final ClientCreator<SomeProtocol> cc = new ClientCreator<>(reactor, SomeProtocol::new);

    @Nested
    class Connecting {
        @Test // Twisted: test_protocol.ClientCreatorTests.test_connectTCP
        void passesItsArgumentsToConnectTCPWithAFactoryOfTheProtocol() {
            IPv4Address bind = new IPv4Address("TCP", "1.2.3.4", 9876);
            cc.connectTCP("example.com", 1234, 4321, bind);
            FakeTCPReactor.TcpClient call = reactor.tcpClients.remove(0);
            assertEquals("example.com", call.host());
            assertEquals(1234, call.port());
            assertEquals(4321, call.timeout());
            assertSame(bind, call.bindAddress());
            assertInstanceOf(SomeProtocol.class, call.factory().buildProtocol(null));
        }

        @Test
        void defaultsToThirtySecondsFromAnyAddress() {
            cc.connectTCP("example.com", 1234);
            FakeTCPReactor.TcpClient call = reactor.tcpClients.get(0);
            assertEquals(30, call.timeout());
            assertNull(call.bindAddress());
        }

        @Test
        void firesWithTheConnectedProtocolOneTurnAfterTheConnectionIsMade() {
            Deferred<SomeProtocol> d = cc.connectTCP("example.com", 1234);
            ClientFactory factory = reactor.tcpClients.get(0).factory();
            IProtocol p = factory.buildProtocol(new IPv4Address("TCP", "127.0.0.1", 1234));
            StringTransport transport = new StringTransport();
            p.makeConnection(transport);
            assertNoResult(d);

            reactor.clock.advance(0);
            SomeProtocol connected = successResultOf(d);
            assertSame(p, connected);
            assertTrue(connected.made());
            assertSame(transport, connected.transport());
        }

        @Test
        void failsWithTheConnectionFailureOneTurnLater() {
            Deferred<SomeProtocol> d = cc.connectTCP("example.com", 1234);
            reactor.tcpClients.get(0).factory().clientConnectionFailed(reactor.connectors.get(0),
                    new Failure(new ConnectionRefusedError("refused")));
            assertNoResult(d);
            reactor.clock.advance(0);
            failureResultOf(d, ConnectionRefusedError.class);
        }

        @Test
        void makesANewProtocolForEachConnection() {
            cc.connectTCP("a", 1);
            cc.connectTCP("b", 2);
            IProtocol first = reactor.tcpClients.get(0).factory().buildProtocol(null);
            IProtocol second = reactor.tcpClients.get(1).factory().buildProtocol(null);
            assertTrue(first != second);
        }

        @Test
        void itsFactoryIsQuiet() {
            LogCapture.clear();
            cc.connectTCP("example.com", 1234);
            ClientFactory factory = reactor.tcpClients.get(0).factory();
            factory.doStart();
            factory.doStop();
            assertTrue(LogCapture.containing("factory").isEmpty(), LogCapture.events().toString());
        }

        @Test
        void aSecondBuildProtocolIsAnError() {
            cc.connectTCP("example.com", 1234);
            ClientFactory factory = reactor.tcpClients.get(0).factory();
            factory.buildProtocol(null);
            assertThrows(IllegalStateException.class, () -> factory.buildProtocol(null));
        }
    }

    @Nested
    class Cancelling {
        @Test // Twisted: test_protocol.ClientCreatorTests.test_cancelConnectTCP
        void beforeTheConnectionIsMadeDisconnectsTheConnector() {
            Deferred<SomeProtocol> d = cc.connectTCP("example.com", 1234);
            FakeConnector connector = reactor.connectors.get(0);
            assertEquals(0, connector.disconnects);
            d.cancel();
            assertEquals(1, connector.disconnects);
            failureResultOf(d, CancelledError.class);
        }

        @Test // Twisted: test_protocol.ClientCreatorTests.test_cancelConnectTCPTimeout
        void afterTheConnectionIsMadeButBeforeFiringClosesItAndCancelsTheCall() {
            Deferred<SomeProtocol> d = cc.connectTCP("example.com", 1234);
            IProtocol p = reactor.tcpClients.get(0).factory().buildProtocol(null);
            p.makeConnection(new StringTransport());
            assertEquals(1, reactor.getDelayedCalls().size());

            d.cancel();
            assertTrue(reactor.getDelayedCalls().isEmpty());
            assertEquals(1, reactor.connectors.get(0).disconnects);
            failureResultOf(d, CancelledError.class);
        }

        @Test // Twisted: test_protocol.ClientCreatorTests.test_cancelConnectTCPFailedTimeout
        void afterTheAttemptFailedButBeforeFiringCancelsTheCall() {
            Deferred<SomeProtocol> d = cc.connectTCP("example.com", 1234);
            reactor.tcpClients.get(0).factory().clientConnectionFailed(reactor.connectors.get(0),
                    new Failure(new RuntimeException("Simulated failure")));
            assertEquals(1, reactor.getDelayedCalls().size());

            d.cancel();
            assertTrue(reactor.getDelayedCalls().isEmpty());
            failureResultOf(d, CancelledError.class);
        }

        @Test
        void afterFiringChangesNothing() {
            Deferred<SomeProtocol> d = cc.connectTCP("example.com", 1234);
            reactor.tcpClients.get(0).factory().buildProtocol(null);
            reactor.clock.advance(0);
            d.cancel();
            assertEquals(0, reactor.connectors.get(0).disconnects);
            assertInstanceOf(SomeProtocol.class, successResultOf(d));
        }
    }
}
