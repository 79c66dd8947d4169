package dev.jtwisted.internet.endpoints;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.CannotListenError;
import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.ConnectError;
import dev.jtwisted.internet.ConnectingCancelledError;
import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.ConnectionRefusedError;
import dev.jtwisted.internet.DNSLookupError;
import dev.jtwisted.internet.Factory;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IHalfCloseableProtocol;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IPv6Address;
import dev.jtwisted.internet.IProducer;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IStreamClientEndpoint;
import dev.jtwisted.internet.IStreamServerEndpoint;
import dev.jtwisted.internet.ITransport;
import dev.jtwisted.internet.NoProtocol;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.TimeoutError;
import dev.jtwisted.internet.defer.CancelledError;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.testing.MemoryReactor;
import dev.jtwisted.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The TCP endpoints against a {@link MemoryReactor}, and the wrapping that makes a client
 * endpoint's Deferred fire at {@code connectionMade}. Ports Twisted's
 * {@code test_endpoints.TCP4EndpointsTests}, {@code TCP6EndpointsTests} (through
 * {@code ServerEndpointTestCaseMixin} and {@code ClientEndpointTestCaseMixin}),
 * {@code TCP6EndpointNameResolutionTests}, {@code WrappingFactoryTests} and
 * {@code ConnectProtocolTests}.
 */
class TCPEndpointsTest {
    final MemoryReactor reactor = new MemoryReactor();

    /** Records what happens to it. Twisted: {@code test_endpoints.TestProtocol}. */
    static class TestProtocol extends Protocol {
        final List<byte[]> data = new ArrayList<>();
        final List<Failure> connectionsLost = new ArrayList<>();
        int connectionMadeCalls;

        @Override
        public String logPrefix() {
            return "A Test Protocol";
        }

        @Override
        public void connectionMade() {
            connectionMadeCalls++;
        }

        @Override
        public void dataReceived(byte[] bytes) {
            data.add(bytes);
        }

        @Override
        public void connectionLost(Failure reason) {
            connectionsLost.add(reason);
        }
    }

    /** Twisted: {@code test_endpoints.TestHalfCloseableProtocol}. */
    static final class TestHalfCloseableProtocol extends TestProtocol implements IHalfCloseableProtocol {
        boolean readLost;
        boolean writeLost;

        @Override
        public void readConnectionLost() {
            readLost = true;
        }

        @Override
        public void writeConnectionLost() {
            writeLost = true;
        }
    }

    /** A transport that only records whether it was closed; enough to connect a protocol. */
    static final class RecordingTransport implements ITransport {
        boolean lost;
        boolean aborted;

        @Override
        public void write(byte[] data) {}

        @Override
        public void writeSequence(List<byte[]> data) {}

        @Override
        public void loseConnection() {
            lost = true;
        }

        @Override
        public void abortConnection() {
            aborted = true;
        }

        @Override
        public IAddress getPeer() {
            return new IPv4Address("TCP", "10.0.0.2", 80);
        }

        @Override
        public IAddress getHost() {
            return new IPv4Address("TCP", "10.0.0.1", 54321);
        }

        @Override
        public void registerProducer(IProducer producer, boolean streaming) {}

        @Override
        public void unregisterProducer() {}

        @Override
        public void pauseProducing() {}

        @Override
        public void resumeProducing() {}

        @Override
        public void stopProducing() {}
    }

    static ClientFactory testFactory() {
        return ClientFactory.forProtocol(TestProtocol::new);
    }

    /** What the reactor would do on connecting: build the protocol and connect a transport. */
    static IProtocol connectLatestAttempt(MemoryReactor reactor, ITransport transport) {
        List<MemoryReactor.TCPClient> clients = reactor.tcpClients();
        ClientFactory factory = clients.get(clients.size() - 1).factory();
        IProtocol proto = factory.buildProtocol(transport.getPeer());
        proto.makeConnection(transport);
        return proto;
    }

    // ------------------------------------------------------------------ shared contracts

    /** Twisted: {@code test_endpoints.ServerEndpointTestCaseMixin}. */
    abstract class ServerEndpointContract {
        /** The endpoint on port 0 with default arguments. */
        abstract IStreamServerEndpoint createServerEndpoint();

        /** The endpoint on port 0 with backlog 100 and a specific interface. */
        abstract IStreamServerEndpoint createServerEndpointWithNonDefaultArgs();

        abstract MemoryReactor.TCPServer expectedServer(IProtocolFactory factory);

        abstract MemoryReactor.TCPServer expectedServerWithNonDefaultArgs(IProtocolFactory factory);

        abstract IAddress expectedHost();

        final Factory factory = Factory.forProtocol(TestProtocol::new);

        @Test // Twisted: ServerEndpointTestCaseMixin.test_endpointListenSuccess
        void listenFiresWithTheListeningPort() {
            IListeningPort port = successResultOf(createServerEndpoint().listen(factory));

            assertEquals(expectedHost(), port.getHost());
            assertEquals(List.of(expectedServer(factory)), reactor.tcpServers());
        }

        @Test // Twisted: ServerEndpointTestCaseMixin.test_endpointListenFailure
        void aCannotListenErrorFailsTheDeferredInsteadOfBeingThrown() {
            CannotListenError error = new CannotListenError("Couldn't listen on any:80: in use");
            reactor.setListenException(error);

            Deferred<IListeningPort> d = createServerEndpoint().listen(factory);

            assertSame(error, failureResultOf(d, CannotListenError.class).value());
        }

        @Test
        void anyExceptionFromListenTCPFailsTheDeferred() {
            IllegalStateException error = new IllegalStateException("reactor is shutting down");
            reactor.setListenException(error);
            assertSame(error, failureResultOf(createServerEndpoint().listen(factory)).value());
        }

        @Test // Twisted: ServerEndpointTestCaseMixin.test_endpointListenNonDefaultArgs
        void listenPassesItsArgumentsToListenTCP() {
            createServerEndpointWithNonDefaultArgs().listen(factory);
            assertEquals(List.of(expectedServerWithNonDefaultArgs(factory)), reactor.tcpServers());
        }

        @Test
        void anEndpointListensAgainEachTimeItIsAsked() {
            IStreamServerEndpoint endpoint = createServerEndpoint();
            IListeningPort first = successResultOf(endpoint.listen(factory));
            IListeningPort second = successResultOf(endpoint.listen(factory));

            assertNotSame(first, second);
            assertEquals(2, reactor.tcpServers().size());
        }

        @Test
        void aNullFactoryFailsTheDeferredNamingIt() {
            Failure f = failureResultOf(createServerEndpoint().listen(null), NullPointerException.class);
            assertEquals("protocolFactory", f.value().getMessage());
            assertEquals(List.of(), reactor.tcpServers());
        }
    }

    /** Twisted: {@code test_endpoints.ClientEndpointTestCaseMixin}, and the wrapping end to end. */
    abstract class ClientEndpointContract {
        /** The endpoint to port 80 with default arguments. */
        abstract IStreamClientEndpoint createClientEndpoint();

        /** The endpoint to port 80 with timeout 10 and a bind address. */
        abstract IStreamClientEndpoint createClientEndpointWithNonDefaultArgs();

        abstract String expectedHost();

        abstract IAddress expectedDestination();

        final IPv4Address bindAddress = new IPv4Address("TCP", "localhost", 49595);

        @Test // Twisted: ClientEndpointTestCaseMixin.test_endpointConnectSuccess
        void connectFiresWithTheProtocolAfterItsConnectionMade() {
            Deferred<IProtocol> d = createClientEndpoint().connect(testFactory());
            assertNoResult(d);
            assertEquals(1, reactor.tcpClients().size());
            MemoryReactor.TCPClient call = reactor.tcpClients().get(0);
            assertEquals(expectedHost(), call.host());
            assertEquals(80, call.port());
            assertEquals(30.0, call.timeout());
            assertNull(call.bindAddress());

            IProtocol wrapper = call.factory().buildProtocol(null);
            assertNoResult(d);
            RecordingTransport transport = new RecordingTransport();
            wrapper.makeConnection(transport);

            TestProtocol proto = (TestProtocol) successResultOf(d);
            assertEquals(1, proto.connectionMadeCalls);
            assertSame(transport, proto.transport());
        }

        @Test
        void theConnectedProtocolHasHadItsConnectionMadeWhenTheDeferredFires() {
            int[] madeCallsSeen = {-1};
            createClientEndpoint().connect(testFactory()).addCallback(p -> {
                madeCallsSeen[0] = ((TestProtocol) p).connectionMadeCalls;
                return p;
            });
            connectLatestAttempt(reactor, new RecordingTransport());
            assertEquals(1, madeCallsSeen[0]);
        }

        @Test // Twisted: ClientEndpointTestCaseMixin.test_endpointConnectFailure
        void anExceptionFromConnectTCPFailsTheDeferredInsteadOfBeingThrown() {
            ConnectError error = new ConnectError("Connection Failed");
            reactor.setConnectException(error);

            Deferred<IProtocol> d = createClientEndpoint().connect(testFactory());

            assertSame(error, failureResultOf(d, ConnectError.class).value());
        }

        @Test
        void aRefusedConnectionFailsTheDeferredWithTheFactorysReason() {
            Deferred<IProtocol> d = createClientEndpoint().connect(testFactory());
            ConnectionRefusedError refused = new ConnectionRefusedError("Connection was refused by other side");

            reactor.tcpClients().get(0).factory().clientConnectionFailed(
                    reactor.connectors().get(0), new Failure(refused));

            assertSame(refused, failureResultOf(d, ConnectionRefusedError.class).value());
        }

        @Test
        void aTimedOutConnectionFailsTheDeferredWithTimeoutError() {
            Deferred<IProtocol> d = createClientEndpoint().connect(testFactory());
            reactor.tcpClients().get(0).factory().clientConnectionFailed(
                    reactor.connectors().get(0), new Failure(new TimeoutError("User timeout caused connection failure.")));
            failureResultOf(d, TimeoutError.class);
        }

        @Test
        void aFailedLookupFailsTheDeferredWithDNSLookupError() {
            Deferred<IProtocol> d = createClientEndpoint().connect(testFactory());
            reactor.tcpClients().get(0).factory().clientConnectionFailed(
                    reactor.connectors().get(0), new Failure(new DNSLookupError("no such host")));
            failureResultOf(d, DNSLookupError.class);
        }

        @Test // Twisted: ClientEndpointTestCaseMixin.test_endpointConnectingCancelled
        void cancellingStopsConnectingAndFailsWithConnectingCancelledError() {
            Deferred<IProtocol> d = createClientEndpoint().connect(testFactory());

            d.cancel();
            // A real connector then reports the attempt failed; that must change nothing.
            reactor.tcpClients().get(0).factory().clientConnectionFailed(null,
                    new Failure(new ConnectError("user stopped connecting")));

            Failure f = failureResultOf(d, ConnectingCancelledError.class);
            assertEquals(expectedDestination(), ((ConnectingCancelledError) f.value()).address());
            assertTrue(reactor.connectors().get(0).stoppedConnecting());
        }

        @Test
        void cancellingAfterTheConnectionIsMadeChangesNothing() {
            Deferred<IProtocol> d = createClientEndpoint().connect(testFactory());
            connectLatestAttempt(reactor, new RecordingTransport());

            d.cancel();

            assertInstanceOf(TestProtocol.class, successResultOf(d));
            assertFalse(reactor.connectors().get(0).stoppedConnecting());
        }

        @Test
        void aConnectionThatComesUpAfterCancellingIsRefusedWithoutBuildingAProtocol() {
            int[] built = {0};
            ClientFactory counting = new ClientFactory() {
                @Override
                public IProtocol buildProtocol(IAddress addr) {
                    built[0]++;
                    return new TestProtocol();
                }
            };
            Deferred<IProtocol> d = createClientEndpoint().connect(counting);
            d.cancel();

            assertNull(reactor.tcpClients().get(0).factory().buildProtocol(null));
            assertEquals(0, built[0]);
            failureResultOf(d, ConnectingCancelledError.class);
        }

        @Test
        void aConnectionMadeAfterCancellingIsAbortedAndTheProtocolNeverHearsOfIt() {
            Deferred<IProtocol> d = createClientEndpoint().connect(testFactory());
            IProtocol wrapper = reactor.tcpClients().get(0).factory().buildProtocol(null);
            TestProtocol proto = (TestProtocol) ((WrappingProtocol) wrapper).wrappedProtocol();
            d.cancel();
            RecordingTransport transport = new RecordingTransport();

            wrapper.makeConnection(transport);
            wrapper.connectionLost(new Failure(new ConnectionDone("closed")));

            assertTrue(transport.aborted);
            assertEquals(0, proto.connectionMadeCalls);
            assertEquals(List.of(), proto.connectionsLost);
            failureResultOf(d, ConnectingCancelledError.class);
        }

        @Test // Twisted: ClientEndpointTestCaseMixin.test_endpointConnectNonDefaultArgs
        void connectPassesItsArgumentsToConnectTCP() {
            createClientEndpointWithNonDefaultArgs().connect(testFactory());

            MemoryReactor.TCPClient call = reactor.tcpClients().get(0);
            assertEquals(expectedHost(), call.host());
            assertEquals(80, call.port());
            assertEquals(10.0, call.timeout());
            assertEquals(bindAddress, call.bindAddress());
        }

        @Test
        void anEndpointConnectsAgainEachTimeItIsAsked() {
            IStreamClientEndpoint endpoint = createClientEndpoint();
            Deferred<IProtocol> first = endpoint.connect(testFactory());
            connectLatestAttempt(reactor, new RecordingTransport());
            Deferred<IProtocol> second = endpoint.connect(testFactory());
            connectLatestAttempt(reactor, new RecordingTransport());

            assertNotSame(successResultOf(first), successResultOf(second));
            assertEquals(2, reactor.tcpClients().size());
            assertNotSame(reactor.tcpClients().get(0).factory(), reactor.tcpClients().get(1).factory());
        }

        @Test
        void aFactoryReturningNullFailsTheDeferredWithNoProtocol() {
            ClientFactory none = new ClientFactory() {
                @Override
                public IProtocol buildProtocol(IAddress addr) {
                    return null;
                }
            };
            Deferred<IProtocol> d = createClientEndpoint().connect(none);

            assertNull(reactor.tcpClients().get(0).factory().buildProtocol(null));

            Failure f = failureResultOf(d, NoProtocol.class);
            assertTrue(f.value().getMessage().contains("returned null"), f.value().getMessage());
        }

        @Test
        void aNullFactoryFailsTheDeferredNamingIt() {
            Failure f = failureResultOf(createClientEndpoint().connect(null), NullPointerException.class);
            assertTrue(f.value().getMessage().contains("Factory"), f.value().getMessage());
            assertEquals(List.of(), reactor.tcpClients());
        }

        @Test
        void theWrappedFactoryIsStartedAndStoppedThroughTheWrapper() {
            ClientFactory factory = testFactory();
            createClientEndpoint().connect(factory);
            ClientFactory wrapper = reactor.tcpClients().get(0).factory();

            wrapper.doStart();
            assertEquals(1, factory.numPorts());
            wrapper.doStop();
            assertEquals(0, factory.numPorts());
        }
    }

    // ------------------------------------------------------------------ TCP4

    @Nested // Twisted: TCP4EndpointsTests
    class TCP4Server extends ServerEndpointContract {
        @Override
        IStreamServerEndpoint createServerEndpoint() {
            return new TCP4ServerEndpoint(reactor, 0);
        }

        @Override
        IStreamServerEndpoint createServerEndpointWithNonDefaultArgs() {
            return new TCP4ServerEndpoint(reactor, 0, 100, "127.0.0.1");
        }

        @Override
        MemoryReactor.TCPServer expectedServer(IProtocolFactory factory) {
            return new MemoryReactor.TCPServer(0, factory, 50, "");
        }

        @Override
        MemoryReactor.TCPServer expectedServerWithNonDefaultArgs(IProtocolFactory factory) {
            return new MemoryReactor.TCPServer(0, factory, 100, "127.0.0.1");
        }

        @Override
        IAddress expectedHost() {
            return new IPv4Address("TCP", "0.0.0.0", 0);
        }

        @Test
        void refusesAnOutOfRangePortOrBacklogNamingTheValue() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new TCP4ServerEndpoint(reactor, 65536));
            assertEquals("port 65536 is out of range 0..65535", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> new TCP4ServerEndpoint(reactor, 80, -1, ""));
            assertEquals("backlog must be 0 or more: -1", e.getMessage());
        }
    }

    @Nested // Twisted: TCP4EndpointsTests
    class TCP4Client extends ClientEndpointContract {
        @Override
        IStreamClientEndpoint createClientEndpoint() {
            return new TCP4ClientEndpoint(reactor, "localhost", 80);
        }

        @Override
        IStreamClientEndpoint createClientEndpointWithNonDefaultArgs() {
            return new TCP4ClientEndpoint(reactor, "localhost", 80, 10, bindAddress);
        }

        @Override
        String expectedHost() {
            return "localhost";
        }

        @Override
        IAddress expectedDestination() {
            return new IPv4Address("TCP", "localhost", 80);
        }

        @Test
        void refusesANegativeTimeoutNamingIt() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new TCP4ClientEndpoint(reactor, "h", 80, -1, null));
            assertTrue(e.getMessage().contains("-1.0"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new TCP4ClientEndpoint(reactor, "h", 80, Double.NaN, null));
            assertThrows(IllegalArgumentException.class, () -> new TCP4ClientEndpoint(reactor, "h", -1));
        }
    }

    // ------------------------------------------------------------------ TCP6

    @Nested // Twisted: TCP6EndpointsTests
    class TCP6Server extends ServerEndpointContract {
        @Override
        IStreamServerEndpoint createServerEndpoint() {
            return new TCP6ServerEndpoint(reactor, 0);
        }

        @Override
        IStreamServerEndpoint createServerEndpointWithNonDefaultArgs() {
            return new TCP6ServerEndpoint(reactor, 0, 100, "::1");
        }

        @Override
        MemoryReactor.TCPServer expectedServer(IProtocolFactory factory) {
            return new MemoryReactor.TCPServer(0, factory, 50, "::");
        }

        @Override
        MemoryReactor.TCPServer expectedServerWithNonDefaultArgs(IProtocolFactory factory) {
            return new MemoryReactor.TCPServer(0, factory, 100, "::1");
        }

        @Override
        IAddress expectedHost() {
            return new IPv6Address("TCP", "::", 0);
        }
    }

    @Nested // Twisted: TCP6EndpointsTests
    class TCP6Client extends ClientEndpointContract {
        @Override
        IStreamClientEndpoint createClientEndpoint() {
            return new TCP6ClientEndpoint(reactor, "::1", 80);
        }

        @Override
        IStreamClientEndpoint createClientEndpointWithNonDefaultArgs() {
            return new TCP6ClientEndpoint(reactor, "::1", 80, 10, bindAddress);
        }

        @Override
        String expectedHost() {
            return "::1";
        }

        @Override
        IAddress expectedDestination() {
            return new IPv6Address("TCP", "::1", 80);
        }
    }

    @Nested // Twisted: TCP6EndpointNameResolutionTests
    class TCP6ClientNameResolution extends ClientEndpointContract {
        final List<String> lookedUp = new ArrayList<>();

        @Override
        IStreamClientEndpoint createClientEndpoint() {
            return new TCP6ClientEndpoint(reactor, "ipv6.example.com", 80, 30, null, this::resolve);
        }

        @Override
        IStreamClientEndpoint createClientEndpointWithNonDefaultArgs() {
            return new TCP6ClientEndpoint(reactor, "ipv6.example.com", 80, 10, bindAddress, this::resolve);
        }

        private String resolve(String host) {
            lookedUp.add(host);
            return "::2";
        }

        @Override
        String expectedHost() {
            return "::2";
        }

        @Override
        IAddress expectedDestination() {
            return new IPv6Address("TCP", "::2", 80);
        }

        @Test // Twisted: TCP6EndpointNameResolutionTests.test_nameResolution
        void looksTheHostNameUpAndConnectsToItsAddress() {
            createClientEndpoint().connect(testFactory());
            assertEquals(List.of("ipv6.example.com"), lookedUp);
            assertEquals("::2", reactor.tcpClients().get(0).host());
        }

        @Test
        void aFailedLookupFailsTheDeferredWithoutConnecting() {
            DNSLookupError error = new DNSLookupError("ipv6.example.com has no IPv6 address");
            TCP6ClientEndpoint endpoint = new TCP6ClientEndpoint(reactor, "ipv6.example.com", 80, 30, null,
                    host -> {
                        throw error;
                    });

            assertSame(error, failureResultOf(endpoint.connect(testFactory()), DNSLookupError.class).value());
            assertEquals(List.of(), reactor.tcpClients());
        }

        @Test
        void cancellingDuringTheLookupFailsWithCancelledErrorAndNeverConnects() {
            List<Runnable> pool = new ArrayList<>();
            MemoryReactor slowPool = new MemoryReactor() {
                @Override
                public void callInThread(Runnable callable) {
                    pool.add(callable);
                }
            };
            TCP6ClientEndpoint endpoint = new TCP6ClientEndpoint(slowPool, "ipv6.example.com", 80, 30, null,
                    this::resolve);
            Deferred<IProtocol> d = endpoint.connect(testFactory());
            assertNoResult(d);

            d.cancel();
            pool.get(0).run();

            failureResultOf(d, CancelledError.class);
            assertEquals(List.of(), slowPool.tcpClients());
        }
    }

    // ------------------------------------------------------------------ wrapping

    @Nested // Twisted: WrappingFactoryTests
    class Wrapping {
        @Test // Twisted: WrappingFactoryTests.test_doStart
        void doStartPassesThroughToTheWrappedFactory() {
            ClientFactory factory = new ClientFactory();
            new WrappingFactory(factory).doStart();
            assertEquals(1, factory.numPorts());
        }

        @Test // Twisted: WrappingFactoryTests.test_doStop
        void doStopPassesThroughToTheWrappedFactory() {
            ClientFactory factory = new ClientFactory();
            factory.doStart();
            factory.doStart();
            factory.doStart();
            new WrappingFactory(factory).doStop();
            assertEquals(2, factory.numPorts());
        }

        @Test // Twisted: WrappingFactoryTests.test_failedBuildProtocol
        void anExceptionFromBuildProtocolFailsTheConnectionDeferredWithIt() {
            IllegalStateException error = new IllegalStateException("My protocol is poorly defined.");
            WrappingFactory wf = new WrappingFactory(new ClientFactory() {
                @Override
                public IProtocol buildProtocol(IAddress addr) {
                    throw error;
                }
            });

            assertNull(wf.buildProtocol(null));

            assertSame(error, failureResultOf(wf.onConnection(), IllegalStateException.class).value());
        }

        @Test // Twisted: WrappingFactoryTests.test_buildNoneProtocol, test_buildProtocolReturnsNone
        void aNullProtocolFailsTheConnectionDeferredWithNoProtocolAndIsReturned() {
            WrappingFactory wf = new WrappingFactory(new ClientFactory() {
                @Override
                public IProtocol buildProtocol(IAddress addr) {
                    return null;
                }
            });
            assertNull(wf.buildProtocol(null));
            failureResultOf(wf.onConnection(), NoProtocol.class);
        }

        @Test // Twisted: WrappingFactoryTests.test_logPrefixPassthrough
        void theLogPrefixIsTheWrappedProtocols() {
            WrappingProtocol wp = (WrappingProtocol) new WrappingFactory(testFactory()).buildProtocol(null);
            assertEquals("A Test Protocol", wp.logPrefix());
        }

        @Test // Twisted: WrappingFactoryTests.test_logPrefixDefault
        void theLogPrefixOfAProtocolWithoutOneIsItsClassName() {
            final class NoLogPrefix implements IProtocol {
                @Override
                public void makeConnection(ITransport transport) {}

                @Override
                public void connectionMade() {}

                @Override
                public void dataReceived(byte[] data) {}

                @Override
                public void connectionLost(Failure reason) {}
            }
            WrappingProtocol wp = WrappingProtocol.wrap(new Deferred<>(), new NoLogPrefix());
            assertEquals("NoLogPrefix", wp.logPrefix());
        }

        @Test // Twisted: WrappingFactoryTests.test_wrappedProtocolDataReceived
        void dataReachesTheWrappedProtocol() {
            WrappingProtocol p = (WrappingProtocol) new WrappingFactory(testFactory()).buildProtocol(null);
            p.makeConnection(new RecordingTransport());

            p.dataReceived(new byte[] {'f', 'o', 'o'});
            p.dataReceived(new byte[] {'b', 'a', 'r'});

            TestProtocol wrapped = (TestProtocol) p.wrappedProtocol();
            assertEquals(2, wrapped.data.size());
            assertEquals("bar", new String(wrapped.data.get(1), java.nio.charset.StandardCharsets.US_ASCII));
        }

        @Test // Twisted: WrappingFactoryTests.test_wrappedProtocolTransport
        void theWrappedProtocolGetsTheTransport() {
            WrappingProtocol p = (WrappingProtocol) new WrappingFactory(testFactory()).buildProtocol(null);
            RecordingTransport transport = new RecordingTransport();
            p.makeConnection(transport);
            assertSame(transport, p.transport());
            assertSame(transport, ((TestProtocol) p.wrappedProtocol()).transport());
        }

        @Test // Twisted: WrappingFactoryTests.test_wrappedProtocolConnectionLost
        void connectionLostReachesTheWrappedProtocol() {
            WrappingProtocol p = (WrappingProtocol) new WrappingFactory(testFactory()).buildProtocol(null);
            Failure reason = new Failure(new ConnectionDone("fail"));
            p.connectionLost(reason);
            assertEquals(List.of(reason), ((TestProtocol) p.wrappedProtocol()).connectionsLost);
        }

        @Test // Twisted: WrappingFactoryTests.test_clientConnectionFailed
        void aFailedConnectionFailsTheConnectionDeferredWithTheSameFailure() {
            WrappingFactory wf = new WrappingFactory(testFactory());
            Failure expected = new Failure(new ConnectError("fail"));
            wf.clientConnectionFailed(null, expected);
            assertSame(expected, failureResultOf(wf.onConnection()));
        }

        @Test // Twisted: WrappingFactoryTests.test_wrappingProtocolHalfCloseable
        void theWrapperOfAHalfCloseableProtocolIsHalfCloseable() {
            WrappingProtocol p = WrappingProtocol.wrap(new Deferred<>(), new TestHalfCloseableProtocol());
            assertInstanceOf(IHalfCloseableProtocol.class, p);
        }

        @Test // Twisted: WrappingFactoryTests.test_wrappingProtocolNotHalfCloseable
        void theWrapperOfAnOrdinaryProtocolIsNotHalfCloseable() {
            WrappingProtocol p = WrappingProtocol.wrap(new Deferred<>(), new TestProtocol());
            assertFalse(p instanceof IHalfCloseableProtocol);
        }

        @Test // Twisted: WrappingFactoryTests.test_wrappedProtocolReadConnectionLost, ...WriteConnectionLost
        void halfClosesReachTheWrappedProtocol() {
            TestHalfCloseableProtocol hcp = new TestHalfCloseableProtocol();
            IHalfCloseableProtocol p = (IHalfCloseableProtocol) WrappingProtocol.wrap(new Deferred<>(), hcp);
            p.readConnectionLost();
            assertTrue(hcp.readLost);
            p.writeConnectionLost();
            assertTrue(hcp.writeLost);
        }
    }

    // ------------------------------------------------------------------ connectProtocol

    @Nested // Twisted: ConnectProtocolTests
    class ConnectProtocol {
        @Test // Twisted: ConnectProtocolTests.test_connectProtocolCreatesFactory
        void connectsThroughTheEndpointWithAFactoryBuildingThatProtocol() {
            TCP4ClientEndpoint endpoint = new TCP4ClientEndpoint(reactor, "127.0.0.1", 0);
            TestProtocol theProtocol = new TestProtocol();

            Endpoints.connectProtocol(endpoint, theProtocol);

            assertEquals(1, reactor.tcpClients().size());
            WrappingFactory wf = (WrappingFactory) reactor.tcpClients().get(0).factory();
            assertInstanceOf(Factory.class, wf.wrappedFactory());
            assertSame(theProtocol, wf.wrappedFactory().buildProtocol(null));
        }

        @Test // Twisted: ConnectProtocolTests.test_connectProtocolReturnsConnectResult
        void returnsTheEndpointsConnectResult() {
            Deferred<IProtocol> result = new Deferred<>();
            IStreamClientEndpoint endpoint = factory -> result;
            assertSame(result, Endpoints.connectProtocol(endpoint, new TestProtocol()));
        }

        @Test
        void firesWithThatProtocolOnceConnected() {
            TestProtocol theProtocol = new TestProtocol();
            Deferred<TestProtocol> d = Endpoints.connectProtocol(
                    new TCP4ClientEndpoint(reactor, "127.0.0.1", 80), theProtocol);
            assertNoResult(d);

            connectLatestAttempt(reactor, new RecordingTransport());

            assertSame(theProtocol, successResultOf(d));
            assertEquals(1, theProtocol.connectionMadeCalls);
        }
    }
}
