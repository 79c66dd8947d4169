package dev.jtwisted.samples.echo;

import static dev.jtwisted.samples.echo.Peer.int32;
import static dev.jtwisted.samples.echo.Peer.netstring;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtwisted.python.usage.Option;
import dev.jtwisted.samples.RunningServer;
import dev.jtwisted.samples.ServerSample;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the four echo servers share: their declarations, listening, stopping and failing to listen. */
@Timeout(120)
class EchoServerTest {
    private static final List<ServerSample> ALL = List.of(
            EchoServer.raw(), EchoServer.lines(), EchoServer.netstrings(), EchoServer.int32Strings());

    /** One frame for each sample, as it is sent and as it comes back. */
    private static final Map<String, byte[]> FRAME = Map.of(
            "echo", Peer.bytes("hello"),
            "echo-line", Peer.bytes("hello\r\n"),
            "echo-netstring", netstring("hello"),
            "echo-int32", int32("hello"));

    @Nested
    class Declarations {
        @Test
        void nameOneSamplePerFraming() {
            assertEquals(List.of("echo", "echo-line", "echo-netstring", "echo-int32"),
                    ALL.stream().map(ServerSample::name).toList());
        }

        @Test
        void takePortDefaulting8000AndInterfaceDefaultingToLoopback() {
            for (ServerSample sample : ALL) {
                assertEquals(List.of("--port N", "--interface ADDR"),
                        sample.options().stream().map(Option::toString).toList(), sample.name());
            }
        }
    }

    @Nested
    class Listening {
        @Test
        void printsOneLineWithTheLoopbackAddressAndThePortItGot() throws Exception {
            for (ServerSample sample : ALL) {
                try (RunningServer server = RunningServer.start(sample)) {
                    assertTrue(server.port() > 0, server.out());
                    assertEquals(sample.name() + " listening on 127.0.0.1:" + server.port() + "\n", server.out());
                }
            }
        }

        @Test
        void onEveryInterfaceAcceptsConnectionsToLoopback() throws Exception {
            try (RunningServer server = RunningServer.start(EchoServer.lines(), "--interface", "0.0.0.0")) {
                assertEquals("echo-line listening on 0.0.0.0:" + server.port() + "\n", server.out());
                try (Peer peer = new Peer(socket("127.0.0.1", server.port()))) {
                    peer.send("hello\r\n");
                    peer.expect("hello\r\n");
                }
            }
        }

        @Test
        void onIpv6LoopbackPrintsTheHostInBrackets() throws Exception {
            assumeTrue(ipv6LoopbackWorks(), "skipped: this machine cannot listen on ::1");
            try (RunningServer server = RunningServer.start(EchoServer.lines(), "--interface", "::1")) {
                assertEquals("echo-line listening on [::1]:" + server.port() + "\n", server.out());
                try (Peer peer = new Peer(server)) {
                    peer.send("hello\r\n");
                    peer.expect("hello\r\n");
                }
            }
        }

        @Test
        void onAPortInUseFailsWithOneLineNamingTheAddressAndPrintsNoListeningLine() throws Exception {
            try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
                int port = taken.getLocalPort();
                try (RunningServer server = RunningServer.launch(EchoServer.lines(), "--port", Integer.toString(port))) {
                    assertEquals(1, server.awaitExit());
                    assertEquals("", server.out());
                    assertTrue(server.err().startsWith("jtwisted-samples echo-line: Couldn't listen on "),
                            server.err());
                    assertTrue(server.err().contains("127.0.0.1:" + port), server.err());
                    assertEquals(1, server.err().lines().count(), "one line, no trace: " + server.err());
                }
            }
        }
    }

    @Nested
    class Stopping {
        @Test
        void theReactorEndsTheSampleWithStatusZeroAndNothingMorePrinted() throws Exception {
            try (RunningServer server = RunningServer.start(EchoServer.lines())) {
                try (Peer peer = new Peer(server)) {
                    peer.send("hello\r\n");
                    peer.expect("hello\r\n");
                }
                String listening = server.out();
                assertEquals(0, server.stop());
                assertEquals(listening, server.out());
                assertEquals("", server.err());
                assertTrue(server.reactor().isTerminated());
            }
        }

        @Test
        void closesTheConnectionsStillOpen() throws Exception {
            try (RunningServer server = RunningServer.start(EchoServer.lines());
                    Peer peer = new Peer(server)) {
                peer.send("hello\r\n");
                peer.expect("hello\r\n");
                assertEquals(0, server.stop());
                peer.expectClosedByServer();
            }
        }

        @Test
        void letsEverySampleRunAgainOnAFreshReactorInTheSameJvm() throws Exception {
            for (int round = 0; round < 3; round++) {
                for (ServerSample sample : ALL) {
                    try (RunningServer server = RunningServer.start(sample); Peer peer = new Peer(server)) {
                        peer.send(FRAME.get(sample.name()));
                        peer.expect(FRAME.get(sample.name()));
                        assertEquals(0, server.stop(), sample.name());
                    }
                }
            }
        }

        @Test
        void ofOneServerLeavesAnotherRunningBesideIt() throws Exception {
            try (RunningServer lines = RunningServer.start(EchoServer.lines());
                    RunningServer raw = RunningServer.start(EchoServer.raw())) {
                assertEquals(0, lines.stop());
                try (Peer peer = new Peer(raw)) {
                    peer.send("still here");
                    peer.expect("still here");
                }
            }
        }
    }

    private static Socket socket(String host, int port) throws IOException {
        Socket socket = new Socket(host, port);
        socket.setSoTimeout((int) RunningServer.WAIT.toMillis());
        return socket;
    }

    private static boolean ipv6LoopbackWorks() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
