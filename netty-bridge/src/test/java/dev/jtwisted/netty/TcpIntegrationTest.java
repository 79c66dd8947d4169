package dev.jtwisted.netty;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.CannotListenError;
import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.ConnectError;
import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.ConnectionLost;
import dev.jtwisted.internet.ConnectionRefusedError;
import dev.jtwisted.internet.DNSLookupError;
import dev.jtwisted.internet.IConnector;
import dev.jtwisted.internet.IHalfCloseableProtocol;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPushProducer;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IPv6Address;
import dev.jtwisted.internet.ITCPTransport;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.internet.TimeoutError;
import dev.jtwisted.python.failure.Failure;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TCP through real sockets on 127.0.0.1: connecting, closing, flow control, errors. */
@Timeout(60)
class TcpIntegrationTest {
    private final Reactors reactors = new Reactors();
    private NettyReactor server;
    private NettyReactor client;

    @BeforeEach
    void start() {
        server = reactors.started(NettyReactor.builder().name("server"));
        client = reactors.started(NettyReactor.builder().name("client"));
    }

    @AfterEach
    void stop() throws Exception {
        reactors.close();
    }

    private int listen(Supplier<? extends Protocol> protocol) {
        return listen(ServerFactory.forProtocol(protocol));
    }

    private int listen(ServerFactory factory) {
        IListeningPort port = server.listenTCP(0, factory, 128, "127.0.0.1");
        return ((IPv4Address) port.getHost()).port();
    }

    private IConnector connect(int port, Supplier<? extends Protocol> protocol) {
        return client.connectTCP("127.0.0.1", port, ClientFactory.forProtocol(protocol));
    }

    /** A protocol whose events complete futures a test can wait on. */
    static class Watched extends Protocol {
        final CompletableFuture<ITCPTransport> made = new CompletableFuture<>();
        final CompletableFuture<Failure> lost = new CompletableFuture<>();
        final StringBuffer received = new StringBuffer();
        /** Completes when everything received so far reads {@link #expected}. */
        final CompletableFuture<String> gotExpected = new CompletableFuture<>();
        volatile String expected;

        @Override
        public void connectionMade() {
            made.complete((ITCPTransport) transport);
        }

        @Override
        public void dataReceived(byte[] data) {
            received.append(new String(data, US_ASCII));
            if (received.toString().equals(expected)) {
                gotExpected.complete(expected);
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            lost.complete(reason);
        }
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    /** A client factory recording what the connector tells it. */
    static class RecordingClientFactory extends ClientFactory {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<Failure> failed = new CompletableFuture<>();

        RecordingClientFactory() {
            protocol = Watched::new;
        }

        @Override
        public void startedConnecting(IConnector connector) {
            events.add("startedConnecting");
        }

        @Override
        public void clientConnectionFailed(IConnector connector, Failure reason) {
            events.add("clientConnectionFailed");
            failed.complete(reason);
        }
    }

    /** A port number that nothing listens on now. */
    private int closedPort() throws Exception {
        IListeningPort port = server.listenTCP(0, ServerFactory.forProtocol(Protocol::new), 50, "127.0.0.1");
        int number = ((IPv4Address) port.getHost()).port();
        Reactors.onDeferred(server, port::stopListening);
        return number;
    }

    @Nested
    class Connecting {
        @Test
        void bothEndsSeeTheirAddresses() throws Exception {
            Watched accepted = new Watched();
            int port = listen(() -> accepted);
            Watched dialer = new Watched();
            connect(port, () -> dialer);
            ITCPTransport serverSide = get(accepted.made);
            ITCPTransport clientSide = get(dialer.made);
            assertEquals(new IPv4Address("TCP", "127.0.0.1", port), serverSide.getHost());
            assertEquals(new IPv4Address("TCP", "127.0.0.1", port), clientSide.getPeer());
            assertEquals(clientSide.getHost(), serverSide.getPeer());
        }

        @Test
        void listenTCPOnTheReactorThreadBindsInlineAndFailsInline() throws Exception {
            Watched accepted = new Watched();
            int port = Reactors.on(server, () -> {
                IListeningPort p = server.listenTCP(0, ServerFactory.forProtocol(() -> accepted), 50, "127.0.0.1");
                int number = ((IPv4Address) p.getHost()).port();
                CannotListenError e = org.junit.jupiter.api.Assertions.assertThrows(CannotListenError.class,
                        () -> server.listenTCP(number, ServerFactory.forProtocol(Protocol::new), 50, "127.0.0.1"));
                assertTrue(e.getMessage().contains(":" + number), e.getMessage());
                return number;
            });
            connect(port, Watched::new);
            get(accepted.made);
        }

        @Test
        void ipv6LoopbackWorksAndGivesIPv6Addresses() throws Exception {
            Watched accepted = new Watched();
            IListeningPort port = server.listenTCP(0, ServerFactory.forProtocol(() -> accepted), 50, "::1");
            assertInstanceOf(IPv6Address.class, port.getHost());
            int number = ((IPv6Address) port.getHost()).port();
            Watched dialer = new Watched();
            IConnector connector = client.connectTCP("::1", number, ClientFactory.forProtocol(() -> dialer));
            assertEquals(new IPv6Address("TCP", "::1", number), connector.getDestination());
            assertEquals(new IPv6Address("TCP", "::1", number), get(dialer.made).getPeer());
            assertInstanceOf(IPv6Address.class, get(accepted.made).getPeer());
        }

        @Test
        void aHostNameIsLookedUpOnTheThreadPool() throws Exception {
            Watched accepted = new Watched();
            int port = listen(() -> accepted);
            IConnector connector = client.connectTCP("localhost", port, ClientFactory.forProtocol(Watched::new));
            assertEquals(new IPv4Address("TCP", "localhost", port), connector.getDestination());
            get(accepted.made);
        }

        @Test
        void disconnectClosesTheConnectionMade() throws Exception {
            Watched accepted = new Watched();
            int port = listen(() -> accepted);
            Watched dialer = new Watched();
            IConnector connector = connect(port, () -> dialer);
            get(dialer.made);
            connector.disconnect();
            assertNotNull(get(dialer.lost).check(ConnectionDone.class));
            assertNotNull(get(accepted.lost).check(ConnectionDone.class));
        }

        @Test // Twisted: test_tcp.ConnectorTests / ClientFactory.clientConnectionFailed
        void aRefusedConnectionFailsWithConnectionRefusedError() throws Exception {
            int port = closedPort();
            RecordingClientFactory factory = new RecordingClientFactory();
            client.connectTCP("127.0.0.1", port, factory);
            Failure reason = get(factory.failed);
            assertNotNull(reason.check(ConnectionRefusedError.class), reason.getTraceback());
            assertNotNull(reason.value().getCause());
            assertEquals(List.of("startedConnecting", "clientConnectionFailed"), factory.events);
            Reactors.on(client, () -> null);
            assertEquals(0, factory.numPorts(), "doStop after the failed attempt");
        }

        @Test
        void aConnectionThatIsNotAcceptedInTimeFailsWithTimeoutError() throws Exception {
            // A listening socket whose accept queue is full: the kernel drops further SYNs.
            try (ServerSocketChannel full = ServerSocketChannel.open()) {
                full.bind(new InetSocketAddress("127.0.0.1", 0), 1);
                int port = ((InetSocketAddress) full.getLocalAddress()).getPort();
                List<Socket> fillers = new ArrayList<>();
                try {
                    boolean queueFull = false;
                    for (int i = 0; i < 16 && !queueFull; i++) {
                        Socket s = new Socket();
                        fillers.add(s);
                        try {
                            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
                        } catch (SocketTimeoutException e) {
                            queueFull = true;
                        }
                    }
                    assertTrue(queueFull, "could not fill the accept queue");
                    RecordingClientFactory factory = new RecordingClientFactory();
                    client.connectTCP("127.0.0.1", port, factory, 0.2, null);
                    Failure reason = get(factory.failed);
                    assertNotNull(reason.check(TimeoutError.class), reason.getTraceback());
                } finally {
                    for (Socket s : fillers) {
                        s.close();
                    }
                }
            }
        }

        @Test // Twisted: test_tcp.ConnectorTests.test_stopConnecting... via ClientFactory
        void stopConnectingFailsTheAttemptWithAUserAbort() throws Exception {
            int port = closedPort();
            RecordingClientFactory factory = new RecordingClientFactory() {
                @Override
                public void startedConnecting(IConnector connector) {
                    super.startedConnecting(connector);
                    connector.stopConnecting();
                }
            };
            client.connectTCP("127.0.0.1", port, factory);
            Failure reason = get(factory.failed);
            assertSame(ConnectError.class, reason.type());
            assertEquals("User aborted connection", reason.getErrorMessage());
        }

        @Test // Twisted: test_tcp.ConnectorTests.test_reconnect
        void aFactoryMayConnectAgainAfterAFailureAndStartsOnlyOnce() throws Exception {
            int port = closedPort();
            Watched accepted = new Watched();
            AtomicInteger starts = new AtomicInteger();
            ClientFactory factory = new ClientFactory() {
                {
                    protocol = Protocol::new;
                }

                @Override
                public void startFactory() {
                    starts.incrementAndGet();
                }

                @Override
                public void clientConnectionFailed(IConnector connector, Failure reason) {
                    server.listenTCP(port, ServerFactory.forProtocol(() -> accepted), 50, "127.0.0.1");
                    connector.connect();
                }
            };
            client.connectTCP("127.0.0.1", port, factory);
            get(accepted.made);
            assertEquals(1, starts.get());
        }

        @Test
        void aLostConnectionTellsTheClientFactoryAfterTheProtocol() throws Exception {
            int port = listen(Protocol::new);
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Failure> factoryLost = new CompletableFuture<>();
            ClientFactory factory = new ClientFactory() {
                {
                    protocol = () -> new Protocol() {
                        @Override
                        public void connectionMade() {
                            transport.loseConnection();
                        }

                        @Override
                        public void connectionLost(Failure reason) {
                            order.add("connectionLost");
                        }
                    };
                }

                @Override
                public void clientConnectionLost(IConnector connector, Failure reason) {
                    order.add("clientConnectionLost");
                    factoryLost.complete(reason);
                }
            };
            client.connectTCP("127.0.0.1", port, factory);
            assertNotNull(get(factoryLost).check(ConnectionDone.class));
            assertEquals(List.of("connectionLost", "clientConnectionLost"), order);
        }

        @Test
        void anUnknownHostBecomesDNSLookupError() {
            TcpConnector connector = new TcpConnector(client, "no.such.host", 1, new ClientFactory(), 30, null, null,
                    client.mainLoop);
            Failure f = connector.translate(new UnknownHostException("no.such.host"));
            assertNotNull(f.check(DNSLookupError.class));
            assertInstanceOf(UnknownHostException.class, f.value().getCause());
        }

        @Test
        void aFactoryThatBuildsNoProtocolHasTheConnectionClosed() throws Exception {
            int port = listen(new ServerFactory() {
                @Override
                public dev.jtwisted.internet.IProtocol buildProtocol(dev.jtwisted.internet.IAddress addr) {
                    return null;
                }
            });
            Watched dialer = new Watched();
            connect(port, () -> dialer);
            assertNotNull(get(dialer.lost).check(ConnectionDone.class));
        }

        @Test
        void stopListeningFiresAfterDoStopAndRefusesNewConnections() throws Exception {
            ServerFactory factory = ServerFactory.forProtocol(Protocol::new);
            IListeningPort port = server.listenTCP(0, factory, 50, "127.0.0.1");
            int number = ((IPv4Address) port.getHost()).port();
            assertEquals(1, factory.numPorts());
            Reactors.onDeferred(server, port::stopListening);
            assertEquals(0, factory.numPorts());
            RecordingClientFactory refused = new RecordingClientFactory();
            client.connectTCP("127.0.0.1", number, refused);
            assertNotNull(get(refused.failed).check(ConnectionRefusedError.class));
        }
    }

    @Nested
    class Closing {
        @Test
        void aCleanCloseGivesConnectionDoneOnBothEnds() throws Exception {
            Watched accepted = new Watched() {
                @Override
                public void connectionMade() {
                    super.connectionMade();
                    transport.write("bye".getBytes(US_ASCII));
                    transport.loseConnection();
                }
            };
            int port = listen(() -> accepted);
            Watched dialer = new Watched();
            connect(port, () -> dialer);
            assertNotNull(get(accepted.lost).check(ConnectionDone.class));
            assertNotNull(get(dialer.lost).check(ConnectionDone.class));
            assertEquals("bye", dialer.received.toString());
        }

        @Test
        void abortConnectionResetsThePeer() throws Exception {
            Watched accepted = new Watched();
            int port = listen(() -> accepted);
            Watched dialer = new Watched() {
                @Override
                public void connectionMade() {
                    super.connectionMade();
                    transport.abortConnection();
                }
            };
            connect(port, () -> dialer);
            Failure local = get(dialer.lost);
            assertNotNull(local.check(dev.jtwisted.internet.ConnectionAborted.class), local.getTraceback());
            Failure remote = get(accepted.lost);
            assertNotNull(remote.check(ConnectionLost.class), remote.getTraceback());
            assertNotNull(remote.value().getCause(), "the Netty exception is the cause");
        }

        @Test
        void anExceptionInOneConnectionsDataReceivedClosesOnlyThatOne() throws Exception {
            List<Failure> serverLost = Collections.synchronizedList(new ArrayList<>());
            int port = listen(() -> new Protocol() {
                @Override
                public void dataReceived(byte[] data) {
                    if (new String(data, US_ASCII).contains("boom")) {
                        throw new IllegalStateException("boom from the peer");
                    }
                    transport.write(data);
                }

                @Override
                public void connectionLost(Failure reason) {
                    serverLost.add(reason);
                }
            });
            Watched bad = new Watched() {
                @Override
                public void connectionMade() {
                    super.connectionMade();
                    transport.write("boom".getBytes(US_ASCII));
                }
            };
            Watched good = new Watched();
            good.expected = "still echoing";
            connect(port, () -> bad);
            connect(port, () -> good);
            get(bad.lost);
            get(good.made).write("still echoing".getBytes(US_ASCII));
            assertEquals("still echoing", get(good.gotExpected));
            assertFalse(good.lost.isDone());
            assertEquals(1, serverLost.size());
            assertInstanceOf(IllegalStateException.class, serverLost.get(0).value());
        }

        @Test
        void stopWithOpenConnectionsSendsWhatWasWrittenClosesThemAndRunReturns() throws Exception {
            NettyReactor owner = reactors.create(NettyReactor.builder().name("owner"));
            byte[] megabyte = new byte[1 << 20];
            Watched accepted = new Watched() {
                @Override
                public void connectionMade() {
                    super.connectionMade();
                    transport.write(megabyte);
                    owner.stop();
                }
            };
            IListeningPort port = owner.listenTCP(0, ServerFactory.forProtocol(() -> accepted), 50, "127.0.0.1");
            CountDownLatch all = new CountDownLatch(1 << 20);
            Watched dialer = new Watched() {
                @Override
                public void dataReceived(byte[] data) {
                    for (int i = 0; i < data.length; i++) {
                        all.countDown();
                    }
                }
            };
            connect(((IPv4Address) port.getHost()).port(), () -> dialer);
            Thread runner = new Thread(owner::run, "owner-run");
            runner.start();
            runner.join(20_000);
            assertFalse(runner.isAlive(), "run() did not return");
            assertNotNull(get(accepted.lost).check(ConnectionLost.class), "Twisted's reason at shutdown");
            assertNotNull(get(dialer.lost).check(ConnectionDone.class));
            assertEquals(0, all.getCount(), "the megabyte written before stop() was sent");
        }
    }

    @Nested
    class HalfClose {
        class HalfCloseable extends Watched implements IHalfCloseableProtocol {
            final List<String> halves = Collections.synchronizedList(new ArrayList<>());

            @Override
            public void readConnectionLost() {
                halves.add("readConnectionLost");
            }

            @Override
            public void writeConnectionLost() {
                halves.add("writeConnectionLost");
            }
        }

        @Test // Twisted: test_tcp.HalfCloseTests
        void aHalfCloseableServerHearsEndOfInputAndMayStillAnswer() throws Exception {
            HalfCloseable accepted = new HalfCloseable() {
                @Override
                public void readConnectionLost() {
                    super.readConnectionLost();
                    transport.write(("answer to " + received).getBytes(US_ASCII));
                    transport.loseConnection();
                }
            };
            int port = listen(() -> accepted);
            HalfCloseable dialer = new HalfCloseable() {
                @Override
                public void connectionMade() {
                    super.connectionMade();
                    transport.write("question".getBytes(US_ASCII));
                    ((ITCPTransport) transport).loseWriteConnection();
                }

                @Override
                public void readConnectionLost() {
                    super.readConnectionLost();
                    transport.loseConnection();
                }
            };
            connect(port, () -> dialer);
            assertNotNull(get(dialer.lost).check(ConnectionDone.class));
            assertEquals("answer to question", dialer.received.toString());
            assertEquals(List.of("writeConnectionLost", "readConnectionLost"), dialer.halves);
            assertEquals(List.of("readConnectionLost"), accepted.halves);
        }

        @Test // Twisted: test_tcp.HalfClose2Tests (a protocol that is not half-closeable)
        void anyOtherServerHasTheConnectionClosedCleanlyAtEndOfInput() throws Exception {
            Watched accepted = new Watched();
            int port = listen(() -> accepted);
            Watched dialer = new Watched() {
                @Override
                public void connectionMade() {
                    super.connectionMade();
                    transport.write("last".getBytes(US_ASCII));
                    ((ITCPTransport) transport).loseWriteConnection();
                }
            };
            connect(port, () -> dialer);
            assertNotNull(get(accepted.lost).check(ConnectionDone.class));
            assertEquals("last", accepted.received.toString());
        }
    }

    @Nested
    class FlowControl {
        static final int CHUNK = 16 * 1024;

        /** Writes {@code total} bytes in chunks while not paused; tracks the channel's backlog. */
        class FastProducer extends Protocol implements IPushProducer {
            final long total;
            long sent;
            boolean paused;
            long maxPending;
            int pauses;

            FastProducer(long total) {
                this.total = total;
            }

            @Override
            public void connectionMade() {
                transport.registerProducer(this, true);
                resumeProducing();
            }

            @Override
            public void pauseProducing() {
                paused = true;
                pauses++;
            }

            @Override
            public void resumeProducing() {
                paused = false;
                io.netty.channel.Channel channel = ((ChannelTransport) transport).channel;
                while (!paused && sent < total) {
                    transport.write(new byte[CHUNK]);
                    sent += CHUNK;
                    maxPending = Math.max(maxPending, channel.unsafe().outboundBuffer().totalPendingWriteBytes());
                }
                if (sent >= total) {
                    transport.unregisterProducer();
                    transport.loseConnection();
                }
            }

            @Override
            public void stopProducing() {
            }
        }

        @Test
        void aFastPushProducerToASlowReaderKeepsTheSendersBufferBounded() throws Exception {
            long total = 16L << 20;
            FastProducer producer = new FastProducer(total);
            int port = listen(() -> producer);
            AtomicInteger receivedBytes = new AtomicInteger();
            Watched slow = new Watched() {
                long sinceBreak;

                @Override
                public void dataReceived(byte[] data) {
                    receivedBytes.addAndGet(data.length);
                    sinceBreak += data.length;
                    if (sinceBreak >= 256 * 1024) {
                        sinceBreak = 0;
                        transport.pauseProducing();
                        client.callLater(0.002, transport::resumeProducing);
                    }
                }
            };
            connect(port, () -> slow);
            get(slow.lost);
            assertEquals(total, receivedBytes.get());
            io.netty.channel.WriteBufferWaterMark marks = io.netty.channel.WriteBufferWaterMark.DEFAULT;
            long bound = marks.high() + CHUNK + 96;
            Reactors.on(server, () -> {
                assertTrue(producer.pauses > 0, "the producer was never paused");
                assertTrue(producer.maxPending <= bound,
                        "pending outbound bytes reached " + producer.maxPending + " > " + bound);
                return null;
            });
        }

        @Test
        void pausingATransportStopsReadingSoThePeersBufferedBytesGrow() throws Exception {
            int total = 64 << 20;
            CompletableFuture<Long> all = new CompletableFuture<>();
            Watched paused = new Watched() {
                long got;

                @Override
                public void connectionMade() {
                    super.connectionMade();
                    transport.pauseProducing();
                }

                @Override
                public void dataReceived(byte[] data) {
                    got += data.length;
                    received.setLength(0);
                    received.append(got);
                    if (got == total) {
                        all.complete(got);
                    }
                }
            };
            int port = listen(() -> paused);
            Watched writer = new Watched() {
                @Override
                public void connectionMade() {
                    for (int i = 0; i < 16; i++) {
                        transport.write(new byte[total / 16]);
                    }
                    super.connectionMade();
                }
            };
            connect(port, () -> writer);
            ITCPTransport writerTransport = get(writer.made);
            ITCPTransport pausedTransport = get(paused.made);
            // Two turns of the writer's loop: the flush has run and the kernel took what it could.
            Reactors.on(client, () -> null);
            Reactors.on(client, () -> null);
            long pending = Reactors.on(client,
                    () -> ((ChannelTransport) writerTransport).channel.unsafe().outboundBuffer().totalPendingWriteBytes());
            assertEquals("", Reactors.on(server, paused.received::toString), "read while paused");
            // The kernel buffers of both ends hold at most tcp_wmem max + tcp_rmem max (4 + 32 MB here).
            assertTrue(pending >= total - (40L << 20), "only " + pending + " bytes still buffered");
            Reactors.on(server, () -> {
                pausedTransport.resumeProducing();
                return null;
            });
            assertEquals(total, get(all), "all bytes arrive after resumeProducing");
        }
    }

    @Nested
    class Resources {
        private int openFileDescriptors() {
            String[] fds = new File("/proc/self/fd").list();
            return fds == null ? -1 : fds.length;
        }

        private Set<Thread> threadsNamed(String prefix) {
            return Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith(prefix) || t.getName().startsWith("PoolThread-" + prefix))
                    .collect(Collectors.toSet());
        }

        @Test
        void aThousandConnectionsOpenedAndClosedLeaveNoChannelsDescriptorsOrThreads() throws Exception {
            NettyReactor leakServer = reactors.started(NettyReactor.builder().name("leak-server").eventLoops(2));
            NettyReactor leakClient = reactors.started(NettyReactor.builder().name("leak-client"));
            int total = 1000;
            CountDownLatch serverLost = new CountDownLatch(total);
            IListeningPort port = leakServer.listenTCP(0, ServerFactory.forProtocol(() -> new Protocol() {
                @Override
                public void dataReceived(byte[] data) {
                    transport.write(data);
                }

                @Override
                public void connectionLost(Failure reason) {
                    // Counted once the reactor has forgotten the connection, later in this task.
                    ((ChannelTransport) transport).loop.execute(serverLost::countDown);
                }
            }), 512, "127.0.0.1");
            int number = ((IPv4Address) port.getHost()).port();
            Reactors.on(leakClient, () -> null);
            int fdsBefore = openFileDescriptors();
            int batch = 100;
            AtomicInteger clean = new AtomicInteger();
            for (int b = 0; b < total / batch; b++) {
                CountDownLatch lost = new CountDownLatch(batch);
                for (int i = 0; i < batch; i++) {
                    leakClient.connectTCP("127.0.0.1", number, ClientFactory.forProtocol(() -> new Protocol() {
                        @Override
                        public void connectionMade() {
                            transport.write("ping".getBytes(US_ASCII));
                        }

                        @Override
                        public void dataReceived(byte[] data) {
                            transport.loseConnection();
                        }

                        @Override
                        public void connectionLost(Failure reason) {
                            if (reason.check(ConnectionDone.class) != null) {
                                clean.incrementAndGet();
                            }
                            // Counted once the reactor has forgotten the connection, later in this task.
                            ((ChannelTransport) transport).loop.execute(lost::countDown);
                        }
                    }));
                }
                assertTrue(lost.await(20, TimeUnit.SECONDS), "batch " + b + " did not finish");
            }
            assertEquals(total, clean.get());
            assertTrue(serverLost.await(20, TimeUnit.SECONDS), "the server did not see every close");
            assertEquals(0, leakServer.connectionCount());
            assertEquals(0, leakClient.connectionCount());
            int fdsAfter = openFileDescriptors();
            assertTrue(fdsAfter <= fdsBefore + 2, "descriptors: " + fdsBefore + " before, " + fdsAfter + " after");
            Set<Thread> threads = threadsNamed("leak-");
            assertFalse(threads.isEmpty());
            Reactors.stopAndWait(leakClient);
            Reactors.stopAndWait(leakServer);
            for (Thread t : threads) {
                t.join(5000);
                assertFalse(t.isAlive(), t + " outlived its reactor");
            }
            // The shutdown thread itself ends just after it completes whenStopped().
            for (Thread t : threadsNamed("leak-")) {
                t.join(5000);
                assertFalse(t.isAlive(), t + " outlived its reactor");
            }
        }
    }

    @Test
    void tcpOptionsGoToTheSocket() throws Exception {
        Watched accepted = new Watched();
        int port = listen(() -> accepted);
        connect(port, Watched::new);
        ITCPTransport t = get(accepted.made);
        Reactors.on(server, () -> {
            t.setTcpNoDelay(false);
            assertFalse(t.getTcpNoDelay());
            t.setTcpNoDelay(true);
            assertTrue(t.getTcpNoDelay());
            t.setTcpKeepAlive(true);
            assertTrue(t.getTcpKeepAlive());
            return null;
        });
    }
}
