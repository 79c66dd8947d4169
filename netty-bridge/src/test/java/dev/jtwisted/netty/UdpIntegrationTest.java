package dev.jtwisted.netty;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtwisted.internet.CannotListenError;
import dev.jtwisted.internet.DatagramProtocol;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IMulticastTransport;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IPv6Address;
import dev.jtwisted.internet.IUDPTransport;
import dev.jtwisted.internet.InvalidAddressError;
import dev.jtwisted.internet.MessageLengthError;
import dev.jtwisted.internet.MulticastJoinError;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * UDP through real sockets on 127.0.0.1, on each backend available here: echo, connected UDP,
 * refused peers, packet sizes, stopping, multicast.
 *
 * <p>Twisted: {@code twisted.test.test_udp} ({@code UDPTests}, {@code ReactorShutdownInteractionTests},
 * {@code MulticastTests}), ported where they apply.
 */
@Timeout(60)
class UdpIntegrationTest {
    static final String LOCAL = "127.0.0.1";

    record Received(String data, IAddress from) {}

    /** Records its events in queues and futures a test can wait on. */
    static class Recorder extends DatagramProtocol {
        final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        final CompletableFuture<IUDPTransport> started = new CompletableFuture<>();
        final CompletableFuture<Void> stopped = new CompletableFuture<>();
        final BlockingQueue<Boolean> refused = new LinkedBlockingQueue<>();
        volatile Thread thread;

        @Override
        public void startProtocol() {
            started.complete(transport);
        }

        @Override
        public void stopProtocol() {
            stopped.complete(null);
        }

        @Override
        public void datagramReceived(byte[] datagram, IAddress addr) {
            thread = Thread.currentThread();
            received.add(new Received(new String(datagram, ISO_8859_1), addr));
        }

        @Override
        public void connectionRefused() {
            refused.add(true);
        }

        Received next() throws InterruptedException {
            Received r = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(r, "no datagram within 10 s");
            return r;
        }
    }

    /** Sends every datagram back where it came from. */
    static final class Echo extends Recorder {
        @Override
        public void datagramReceived(byte[] datagram, IAddress addr) {
            super.datagramReceived(datagram, addr);
            transport.write(datagram, addr);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(ISO_8859_1);
    }

    static int port(IUDPTransport t) {
        return ((IPv4Address) t.getHost()).port();
    }

    /** A UDP port number nothing listens on (just bound and closed). */
    static int closedPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName(LOCAL))) {
            return s.getLocalPort();
        }
    }

    @Nested
    class OnNio extends Contract {
        OnNio() {
            super(IoBackend.NIO);
        }
    }

    @Nested
    class OnEpoll extends Contract {
        OnEpoll() {
            super(IoBackend.EPOLL);
        }
    }

    @Nested
    class OnIoUring extends Contract {
        OnIoUring() {
            super(IoBackend.IO_URING);
        }
    }

    abstract class Contract {
        private final IoBackend backend;
        private final Reactors reactors = new Reactors();
        NettyReactor reactor;

        Contract(IoBackend backend) {
            this.backend = backend;
        }

        @BeforeEach
        void start() {
            assumeTrue(backend.isAvailable(), () -> backend + " is not available here: " + backend.unavailabilityCause());
            reactor = reactors.started(NettyReactor.builder().backend(backend).name("udp-" + backend));
        }

        @AfterEach
        void stop() {
            reactors.close();
        }

        IUDPTransport listen(DatagramProtocol protocol) {
            return reactor.listenUDP(0, protocol, LOCAL, 8192);
        }

        @Test // Twisted: UDPTests.test_sendPackets
        void echoesADatagramBackToItsSender() throws Exception {
            Echo server = new Echo();
            IUDPTransport serverPort = listen(server);
            Recorder client = new Recorder();
            IUDPTransport clientPort = listen(client);

            clientPort.write(bytes("hello"), serverPort.getHost());
            Received atServer = server.next();
            assertEquals("hello", atServer.data());
            assertEquals(new IPv4Address("UDP", LOCAL, port(clientPort)), atServer.from());
            Received back = client.next();
            assertEquals(new Received("hello", new IPv4Address("UDP", LOCAL, port(serverPort))), back);
            assertTrue(Thread.currentThread() != client.thread && client.thread.getName().startsWith("udp-"));
        }

        @Test
        void deliversManyDatagramsInOneTurnEachWhole() throws Exception {
            Echo server = new Echo();
            IUDPTransport serverPort = listen(server);
            Recorder client = new Recorder();
            IUDPTransport clientPort = listen(client);
            int n = 50;
            Reactors.on(reactor, () -> {
                for (int i = 0; i < n; i++) {
                    clientPort.write(bytes("datagram " + i), LOCAL, port(serverPort));
                }
                return null;
            });
            for (int i = 0; i < n; i++) {
                assertEquals("datagram " + i, client.next().data());
            }
        }

        @Test // Twisted: UDPTests.test_oldAddress, test_startStop, test_rebind
        void startsTheProtocolOnListenStopsItWhenStopListeningFiresAndRestartsItOnAnotherPort() throws Exception {
            Recorder proto = new Recorder();
            IUDPTransport port = listen(proto);
            assertTrue(proto.started.isDone(), "startProtocol ran before listenUDP returned");
            assertTrue(port.getHost() instanceof IPv4Address && port(port) > 0, port.getHost().toString());
            assertEquals(port, proto.transport());

            Reactors.onDeferred(reactor, port::stopListening);
            assertTrue(proto.stopped.isDone());
            assertNull(proto.transport(), "doStop forgets the transport");
            assertEquals(port.getHost(), port.getHost(), "the address stays known after closing");

            IUDPTransport again = listen(proto);
            assertEquals(again, proto.transport());
            Echo server = new Echo();
            IUDPTransport serverPort = listen(server);
            again.write(bytes("back"), serverPort.getHost());
            assertEquals("back", proto.next().data());
        }

        @Test // Twisted: UDPTests.test_bindError
        void bindingAPortInUseIsCannotListenError() {
            IUDPTransport port = listen(new Recorder());
            CannotListenError e = assertThrows(CannotListenError.class,
                    () -> reactor.listenUDP(port(port), new Recorder(), LOCAL, 8192));
            assertTrue(e.getMessage().contains("127.0.0.1:" + port(port)), e.getMessage());
        }

        @Test // Twisted: UDPTests.test_connectionRefused
        void aConnectedPortHearsConnectionRefusedAfterWritingToAClosedPort() throws Exception {
            Recorder client = new Recorder();
            IUDPTransport port = listen(client);
            port.connect(LOCAL, closedPort());
            port.write(bytes("anyone?"));
            assertEquals(Boolean.TRUE, client.refused.poll(10, TimeUnit.SECONDS), "connectionRefused within 10 s");
            // The port stays usable.
            Echo server = new Echo();
            IUDPTransport serverPort = listen(server);
            Recorder other = new Recorder();
            listen(other).write(bytes("still here"), serverPort.getHost());
            assertEquals("still here", server.next().data());
        }

        @Test // Twisted: UDPTests.test_connectionRefused (the unconnected half)
        void anUnconnectedPortIgnoresRefusals() throws Exception {
            Recorder client = new Recorder();
            IUDPTransport port = listen(client);
            port.write(bytes("anyone?"), LOCAL, closedPort());
            Echo server = new Echo();
            IUDPTransport serverPort = listen(server);
            port.write(bytes("you?"), serverPort.getHost());
            assertEquals("you?", client.next().data());
            assertTrue(client.refused.isEmpty());
        }

        @Test
        void aConnectedPortWritesWithoutAnAddressAndHearsOnlyItsPeer() throws Exception {
            Echo server = new Echo();
            IUDPTransport serverPort = listen(server);
            Recorder intruder = new Recorder();
            IUDPTransport intruderPort = listen(intruder);
            Recorder client = new Recorder();
            IUDPTransport clientPort = listen(client);
            clientPort.connect(LOCAL, port(serverPort));

            intruderPort.write(bytes("not for you"), clientPort.getHost());
            clientPort.write(bytes("ping"));
            clientPort.write(bytes("pong"), serverPort.getHost());
            assertEquals(new Received("ping", serverPort.getHost()), client.next());
            assertEquals("pong", client.next().data());
        }

        @Test // Twisted: UDPTests.test_badConnect
        void connectTakesOnlyIpAddressesAndOnlyOnce() throws Exception {
            IUDPTransport port = listen(new Recorder());
            InvalidAddressError e = assertThrows(InvalidAddressError.class, () -> port.connect("localhost", 80));
            assertEquals("localhost", e.address());
            assertThrows(IllegalArgumentException.class, () -> port.write(bytes("x")),
                    "not connected: an address is needed");
            port.connect(LOCAL, closedPort());
            assertThrows(IllegalStateException.class, () -> port.connect(LOCAL, 9));
            assertThrows(IllegalArgumentException.class, () -> port.write(bytes("x"), LOCAL, 9));
        }

        @Test // Twisted: UDPTests.test_NoWarningOnBroadcast / test_badWrite...
        void writeTakesOnlyIpAddressesOfItsFamily() {
            IUDPTransport port = listen(new Recorder());
            assertThrows(InvalidAddressError.class, () -> port.write(bytes("x"), "localhost", 9));
            assertThrows(InvalidAddressError.class, () -> port.write(bytes("x"), "::1", 9));
            assertThrows(InvalidAddressError.class, () -> reactor.listenUDP(0, new Recorder(), "localhost", 8192));
        }

        @Test
        void aDatagramTooLongForIpv4IsMessageLengthError() throws Exception {
            Echo server = new Echo();
            IUDPTransport serverPort = listen(server);
            IUDPTransport port = listen(new Recorder());
            MessageLengthError e = assertThrows(MessageLengthError.class,
                    () -> port.write(new byte[UdpPort.MAX_IPV4_PAYLOAD + 1], serverPort.getHost()));
            assertTrue(e.getMessage().startsWith("Message is too long to send"), e.getMessage());
            port.write(new byte[UdpPort.MAX_IPV4_PAYLOAD], serverPort.getHost());
        }

        @Test
        void theLargestDatagramArrivesWholeWithAMaxPacketSizeThatFits() throws Exception {
            Recorder server = new Recorder();
            IUDPTransport serverPort = reactor.listenUDP(0, server, LOCAL, 65536);
            byte[] big = new byte[UdpPort.MAX_IPV4_PAYLOAD];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) (i * 31);
            }
            listen(new Recorder()).write(big, serverPort.getHost());
            assertEquals(new String(big, ISO_8859_1), server.next().data());
        }

        @Test // Twisted: recvfrom(maxPacketSize) cuts longer datagrams
        void aDatagramLongerThanMaxPacketSizeIsCutToIt() throws Exception {
            Recorder server = new Recorder();
            IUDPTransport serverPort = reactor.listenUDP(0, server, LOCAL, 10);
            IUDPTransport client = listen(new Recorder());
            client.write(bytes("0123456789abcdefghij"), serverPort.getHost());
            client.write(bytes("short"), serverPort.getHost());
            assertEquals("0123456789", server.next().data());
            assertEquals("short", server.next().data());
        }

        @Test // Twisted: UDPTests.test_portRepr / log.err in doRead
        void anExceptionInDatagramReceivedIsLoggedAndTheNextDatagramStillArrives() throws Exception {
            Recorder server = new Recorder() {
                @Override
                public void datagramReceived(byte[] datagram, IAddress addr) {
                    super.datagramReceived(datagram, addr);
                    if (new String(datagram, ISO_8859_1).equals("boom")) {
                        throw new IllegalStateException("boom");
                    }
                }
            };
            IUDPTransport serverPort = listen(server);
            IUDPTransport client = listen(new Recorder());
            client.write(bytes("boom"), serverPort.getHost());
            client.write(bytes("after"), serverPort.getHost());
            assertEquals("boom", server.next().data());
            assertEquals("after", server.next().data());
        }

        @Test // Twisted: ReactorShutdownInteractionTests
        void stoppingTheReactorStopsItsProtocols() throws Exception {
            Recorder proto = new Recorder();
            listen(proto);
            Reactors.stopAndWait(reactor);
            proto.stopped.get(10, TimeUnit.SECONDS);
        }

        @Test
        void broadcastIsOffUntilAllowed() {
            IUDPTransport port = listen(new Recorder());
            assertFalse(port.getBroadcastAllowed());
            port.setBroadcastAllowed(true);
            assertTrue(port.getBroadcastAllowed());
        }

        @Test
        void anIpv6PortEchoesOverIpv6Loopback() throws Exception {
            Echo server = new Echo();
            IUDPTransport serverPort;
            try {
                serverPort = reactor.listenUDP(0, server, "::1", 8192);
            } catch (CannotListenError e) {
                assumeTrue(false, "no IPv6 loopback here: " + e.getMessage());
                return;
            }
            IPv6Address host = assertInstanceOf(IPv6Address.class, serverPort.getHost());
            Recorder client = new Recorder();
            IUDPTransport clientPort = reactor.listenUDP(0, client, "::1", 8192);
            clientPort.write(bytes("six"), "::1", host.port());
            Received back = client.next();
            assertEquals("six", back.data());
            assertEquals(new IPv6Address("UDP", "::1", host.port()), back.from());
        }

        // -------------------------------------------------------------- multicast

        static final String GROUP = "239.255.42.99";
        static final String OTHER_GROUP = "239.255.42.100";

        /** Joins GROUP on the loopback interface, or skips the test saying why it can't. */
        void joinOrSkip(IMulticastTransport port) throws Exception {
            try {
                Reactors.onDeferred(reactor, () -> port.joinGroup(GROUP, LOCAL));
            } catch (MulticastJoinError e) {
                assumeTrue(false, "this kernel does not let us join " + GROUP + " on " + LOCAL + ": " + e.getMessage());
            }
        }

        IMulticastTransport listenMulticast(DatagramProtocol protocol, int port) {
            return reactor.listenMulticast(port, protocol, "", 8192, true);
        }

        @Test // Twisted: MulticastTests.test_multicast
        void aMemberOfAGroupOnLoopbackGetsDatagramsSentToIt() throws Exception {
            Recorder member = new Recorder();
            IMulticastTransport memberPort = listenMulticast(member, 0);
            joinOrSkip(memberPort);
            Recorder sender = new Recorder();
            IMulticastTransport senderPort = listenMulticast(sender, 0);
            Reactors.onDeferred(reactor, () -> senderPort.setOutgoingInterface(LOCAL));
            assertEquals(LOCAL, senderPort.getOutgoingInterface());

            senderPort.write(bytes("to the group"), GROUP, port(memberPort));
            assertEquals("to the group", member.next().data());
        }

        // Whether the sender hears itself can't be seen on the loopback interface: what is sent
        // out of lo comes back in through it whatever IP_MULTICAST_LOOP says.
        @Test // Twisted: MulticastTests.test_loopback, test_interface, test_ttl
        void multicastSettingsReadBackAsSet() throws Exception {
            IMulticastTransport port = listenMulticast(new Recorder(), 0);
            assertEquals("0.0.0.0", port.getOutgoingInterface());
            Reactors.onDeferred(reactor, () -> port.setOutgoingInterface(LOCAL));
            assertEquals(LOCAL, port.getOutgoingInterface());
            assertTrue(port.getLoopbackMode(), "on by default");
            port.setLoopbackMode(false);
            assertFalse(port.getLoopbackMode());
            port.setLoopbackMode(true);
            assertTrue(port.getLoopbackMode());
            assertEquals(1, port.getTTL(), "1 by default");
            port.setTTL(2);
            assertEquals(2, port.getTTL());
            assertThrows(IllegalArgumentException.class, () -> port.setTTL(256));
        }

        @Test // Twisted: MulticastTests.test_joinLeave, test_multiListen
        void aPortThatLeftTheGroupNoLongerGetsItsDatagrams() throws Exception {
            Recorder stays = new Recorder();
            IMulticastTransport staysPort = listenMulticast(stays, 0);
            joinOrSkip(staysPort);
            Recorder leaves = new Recorder();
            IMulticastTransport leavesPort = listenMulticast(leaves, port(staysPort));
            joinOrSkip(leavesPort);
            Recorder sender = new Recorder();
            IMulticastTransport senderPort = listenMulticast(sender, 0);
            Reactors.onDeferred(reactor, () -> senderPort.setOutgoingInterface(LOCAL));

            senderPort.write(bytes("both"), GROUP, port(staysPort));
            assertEquals("both", stays.next().data());
            assertEquals("both", leaves.next().data());

            // Two sockets share the port, so a marker sent to the port could reach either: it goes
            // to a second group only the leaving one is in.
            Reactors.onDeferred(reactor, () -> leavesPort.joinGroup(OTHER_GROUP, LOCAL));
            Reactors.onDeferred(reactor, () -> leavesPort.leaveGroup(GROUP, LOCAL));
            senderPort.write(bytes("one"), GROUP, port(staysPort));
            senderPort.write(bytes("marker"), OTHER_GROUP, port(staysPort));
            assertEquals("one", stays.next().data());
            assertEquals("marker", leaves.next().data(), "the group's datagram did not reach the port that left");
        }

        @Test
        void joiningANonMulticastAddressFailsWithMulticastJoinError() throws Exception {
            IMulticastTransport port = listenMulticast(new Recorder(), 0);
            ExecutionException e = assertThrows(ExecutionException.class, () -> {
                try {
                    Reactors.onDeferred(reactor, () -> port.joinGroup("127.0.0.2", LOCAL));
                } catch (Exception inner) {
                    throw new ExecutionException(inner);
                }
            });
            assertInstanceOf(MulticastJoinError.class, e.getCause(), e.toString());
        }

        @Test
        void portsArePerReactorAndListedUntilClosed() throws Exception {
            IUDPTransport a = listen(new Recorder());
            IUDPTransport b = listen(new Recorder());
            assertEquals(2, reactor.udpPorts.size());
            Reactors.onDeferred(reactor, a::stopListening);
            assertEquals(List.of(b), List.copyOf(reactor.udpPorts));
        }
    }
}
