package dev.jtwisted.samples.echo;

import static dev.jtwisted.samples.echo.Peer.bytes;
import static dev.jtwisted.samples.echo.Peer.concat;
import static dev.jtwisted.samples.echo.Peer.netstring;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.testing.Chunks;
import dev.jtwisted.internet.testing.StringTransport;
import dev.jtwisted.samples.RunningServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code echo-netstring}: NetstringReceiver's rules, on a fake transport and then on a real socket. */
@Timeout(60)
class NetstringEchoTest {
    /** NetstringReceiver's default MAX_LENGTH. */
    private static final int MAX_LENGTH = 99999;

    /** Input that is not a netstring, each for its own reason. */
    private static final List<String> MALFORMED = List.of(
            "hello,",        // no length
            "5hello,",       // no colon
            ":hello,",       // an empty length
            "-5:hello,",     // a sign
            "05:hello,",     // a leading zero
            "5:hello!",      // no comma
            "3:hello,");     // a length that does not match, so no comma where it should be

    @Nested
    class OnAStringTransport {
        private final StringTransport transport = new StringTransport();
        private final NetstringEcho proto = new NetstringEcho();

        @BeforeEach
        void connect() {
            proto.makeConnection(transport);
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 7, 64})
        void sendsBackEveryNetstringWhateverTheChunkSize(int chunk) {
            Chunks.feed(proto, "5:hello,0:,12:hello, world,", chunk);
            assertEquals("5:hello,0:,12:hello, world,", transport.valueString());
        }

        @Test
        void sendsBackAnEmptyNetstring() {
            Chunks.feed(proto, "0:,", 64);
            assertEquals("0:,", transport.valueString());
        }

        @Test
        void sendsBackAnyBytesInThePayloadEvenColonsCommasAndNewlines() {
            Chunks.feed(proto, netstring("a,b:c\r\n\0d"), 1);
            assertEquals("9:a,b:c\r\n\0d,", transport.valueString());
        }

        @Test
        void sendsBackANetstringOfExactlyMaxLength() {
            byte[] string = netstring("x".repeat(MAX_LENGTH));
            Chunks.feed(proto, string, 4096);
            assertEquals(new String(string, StandardCharsets.ISO_8859_1), transport.valueString());
            assertFalse(transport.disconnecting());
        }

        @Test
        void losesTheConnectionOnALengthOverMaxLengthBeforeReadingThePayload() {
            Chunks.feed(proto, (MAX_LENGTH + 1) + ":", 64);
            assertTrue(transport.disconnecting());
            assertTrue(proto.brokenPeer());
        }

        @Test
        void losesTheConnectionOnEveryKindOfMalformedInputAndSendsNothing() {
            for (String bad : MALFORMED) {
                StringTransport t = new StringTransport();
                NetstringEcho p = new NetstringEcho();
                p.makeConnection(t);
                Chunks.feed(p, bad, 64);
                assertTrue(t.disconnecting(), bad);
                assertEquals("", t.valueString(), bad);
            }
        }

        @Test
        void sendsBackTheNetstringsBeforeTheGarbage() {
            Chunks.feed(proto, "3:abc,xyz", 64);
            assertEquals("3:abc,", transport.valueString());
            assertTrue(transport.disconnecting());
        }
    }

    @Nested
    class OverTcp {
        private RunningServer server;

        @BeforeEach
        void start() throws Exception {
            server = RunningServer.start(EchoServer.netstrings());
        }

        @AfterEach
        void stop() throws Exception {
            server.close();
        }

        @Test
        void echoesANetstring() throws Exception {
            try (Peer peer = new Peer(server)) {
                peer.send("5:hello,");
                peer.expect("5:hello,");
            }
        }

        @Test
        void echoesSeveralNetstringsSentInOnePacket() throws Exception {
            try (Peer peer = new Peer(server)) {
                peer.send("3:one,3:two,0:,5:three,");
                peer.expect("3:one,3:two,0:,5:three,");
            }
        }

        @Test
        void echoesANetstringSplitAcrossPacketsInItsPayloadOrItsLength() throws Exception {
            try (Peer peer = new Peer(server)) {
                peer.send("3:one,3:t");
                peer.expect("3:one,");
                peer.send("wo,1");
                peer.expect("3:two,");
                peer.send("0:0123456789,");
                peer.expect("10:0123456789,");
            }
        }

        @Test
        void echoesAnEmptyNetstring() throws Exception {
            try (Peer peer = new Peer(server)) {
                peer.send("0:,");
                peer.expect("0:,");
            }
        }

        @Test
        void echoesANetstringOfExactlyMaxLength() throws Exception {
            byte[] string = netstring("x".repeat(MAX_LENGTH));
            try (Peer peer = new Peer(server)) {
                peer.send(string);
                peer.expect(string);
            }
        }

        @Test
        void closesEachConnectionThatSendsMalformedInputWhileAnotherKeepsWorking() throws Exception {
            try (Peer good = new Peer(server)) {
                good.send("6:before,");
                good.expect("6:before,");
                for (String bad : MALFORMED) {
                    try (Peer peer = new Peer(server)) {
                        peer.send(bad);
                        peer.expectClosedByServer();
                    }
                }
                good.send("5:after,");
                good.expect("5:after,");
            }
        }

        @Test
        void closesAConnectionThatAnnouncesMoreThanMaxLengthWhileAnotherKeepsWorking() throws Exception {
            try (Peer good = new Peer(server); Peer bad = new Peer(server)) {
                good.send("6:before,");
                good.expect("6:before,");

                bad.send(concat(bytes((MAX_LENGTH + 1) + ":"), bytes("x".repeat(10))));
                bad.expectClosedByServer();

                good.send("5:after,");
                good.expect("5:after,");
            }
        }
    }
}
