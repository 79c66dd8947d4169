package dev.jtwisted.samples.echo;

import static dev.jtwisted.samples.echo.Peer.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.testing.Chunks;
import dev.jtwisted.internet.testing.StringTransport;
import dev.jtwisted.samples.RunningServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code echo-line}: LineReceiver's rules, on a fake transport and then on a real socket. */
@Timeout(60)
class LineEchoTest {
    /** LineReceiver's default MAX_LENGTH. */
    private static final int MAX_LENGTH = 16384;

    @Nested
    class OnAStringTransport {
        private final StringTransport transport = new StringTransport();
        private final LineEcho proto = new LineEcho();

        @BeforeEach
        void connect() {
            proto.makeConnection(transport);
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 7, 64})
        void sendsBackEveryLineWhateverTheChunkSize(int chunk) {
            Chunks.feed(proto, "one\r\ntwo\r\n\r\nthree\r\n", chunk);
            assertEquals("one\r\ntwo\r\n\r\nthree\r\n", transport.valueString());
        }

        @Test
        void sendsNothingUntilTheLineEnds() {
            Chunks.feed(proto, "no end yet", 3);
            assertEquals("", transport.valueString());
            Chunks.feed(proto, "\r\n", 1);
            assertEquals("no end yet\r\n", transport.valueString());
        }

        @Test
        void sendsBackAnEmptyLine() {
            Chunks.feed(proto, "\r\n", 64);
            assertEquals("\r\n", transport.valueString());
        }

        @Test
        void keepsABareLineFeedInsideTheLine() {
            Chunks.feed(proto, "a\nb\r\n", 64);
            assertEquals("a\nb\r\n", transport.valueString());
        }

        @Test
        void sendsBackALineOfExactlyMaxLength() {
            String line = "x".repeat(MAX_LENGTH);
            Chunks.feed(proto, line + "\r\n", 1000);
            assertEquals(line + "\r\n", transport.valueString());
            assertFalse(transport.disconnecting());
        }

        @Test // Twisted: test_basic.LineReceiverTests.test_maximumLineLength
        void losesTheConnectionOnALineLongerThanMaxLengthAndSendsNothingAfterIt() {
            Chunks.feed(proto, "before\r\n" + "x".repeat(MAX_LENGTH + 1) + "\r\nafter\r\n", 1000);
            assertEquals("before\r\n", transport.valueString());
            assertTrue(transport.disconnecting());
        }

        @Test
        void losesTheConnectionOnceMaxLengthPlusTwoBytesArriveWithoutADelimiter() {
            Chunks.feed(proto, "x".repeat(MAX_LENGTH + 1), 1000);
            assertFalse(transport.disconnecting());
            Chunks.feed(proto, "x", 1);
            assertTrue(transport.disconnecting());
            assertEquals("", transport.valueString());
        }
    }

    @Nested
    class OverTcp {
        private RunningServer server;

        @BeforeEach
        void start() throws Exception {
            server = RunningServer.start(EchoServer.lines());
        }

        @AfterEach
        void stop() throws Exception {
            server.close();
        }

        @Test
        void echoesALine() throws Exception {
            try (Peer peer = new Peer(server)) {
                peer.send("hello\r\n");
                peer.expect("hello\r\n");
            }
        }

        @Test
        void echoesSeveralLinesSentInOnePacket() throws Exception {
            try (Peer peer = new Peer(server)) {
                peer.send("one\r\ntwo\r\n\r\nthree\r\n");
                peer.expect("one\r\ntwo\r\n\r\nthree\r\n");
            }
        }

        @Test
        void echoesALineSplitAcrossPacketsOnceItsEndArrives() throws Exception {
            try (Peer peer = new Peer(server)) {
                peer.send("one\r\ntw");
                peer.expect("one\r\n");
                // "tw" waits in the server's buffer; this is a later packet, sent after its answer.
                peer.send("o\r\n");
                peer.expect("two\r\n");
            }
        }

        @Test
        void echoesAnEmptyLine() throws Exception {
            try (Peer peer = new Peer(server)) {
                peer.send("\r\n");
                peer.expect("\r\n");
            }
        }

        @Test
        void echoesUtf8BytesUnchanged() throws Exception {
            byte[] line = "héllo, wörld ☃\r\n".getBytes(StandardCharsets.UTF_8);
            try (Peer peer = new Peer(server)) {
                peer.send(line);
                peer.expect(line);
            }
        }

        @Test
        void echoesALineOfExactlyMaxLength() throws Exception {
            String line = "x".repeat(MAX_LENGTH) + "\r\n";
            try (Peer peer = new Peer(server)) {
                peer.send(line);
                peer.expect(line);
            }
        }

        @Test
        void closesAConnectionThatSendsALineOverMaxLengthWhileAnotherKeepsWorking() throws Exception {
            try (Peer good = new Peer(server); Peer bad = new Peer(server)) {
                good.send("before\r\n");
                good.expect("before\r\n");

                bad.send(bytes("x".repeat(MAX_LENGTH + 1) + "\r\n"));
                bad.expectClosedByServer();

                good.send("after\r\n");
                good.expect("after\r\n");
            }
        }
    }
}
