package dev.jtwisted.samples.echo;

import static dev.jtwisted.samples.echo.Peer.bytes;
import static dev.jtwisted.samples.echo.Peer.concat;
import static dev.jtwisted.samples.echo.Peer.int32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.testing.Chunks;
import dev.jtwisted.internet.testing.StringTransport;
import dev.jtwisted.samples.RunningServer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code echo-int32}: Int32StringReceiver's rules, on a fake transport and then on a real socket. */
@Timeout(60)
class Int32EchoTest {
    /** Int32StringReceiver's default MAX_LENGTH. */
    private static final int MAX_LENGTH = 99999;

    /** A 4-byte big-endian prefix announcing {@code length} bytes, with no string after it. */
    private static byte[] prefix(int length) {
        return ByteBuffer.allocate(4).putInt(length).array();
    }

    @Nested
    class OnAStringTransport {
        private final StringTransport transport = new StringTransport();
        private final Int32Echo proto = new Int32Echo();

        @BeforeEach
        void connect() {
            proto.makeConnection(transport);
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 5, 7, 64})
        void sendsBackEveryStringWhateverTheChunkSize(int chunk) {
            byte[] strings = concat(int32("hello"), int32(""), int32("a\0b\r\n"));
            Chunks.feed(proto, strings, chunk);
            assertArrayEquals(strings, transport.value());
        }

        @Test
        void sendsBackAnEmptyStringAsAZeroPrefix() {
            Chunks.feed(proto, prefix(0), 64);
            assertArrayEquals(new byte[4], transport.value());
        }

        @Test
        void sendsNothingUntilTheWholeStringHasArrived() {
            byte[] string = int32("hello");
            Chunks.feed(proto, Arrays.copyOf(string, string.length - 1), 64);
            assertEquals(0, transport.value().length);
            Chunks.feed(proto, new byte[] {'o'}, 1);
            assertArrayEquals(string, transport.value());
        }

        @Test
        void sendsBackAStringOfExactlyMaxLength() {
            byte[] string = int32("x".repeat(MAX_LENGTH));
            Chunks.feed(proto, string, 4096);
            assertArrayEquals(string, transport.value());
            assertFalse(transport.disconnecting());
        }

        @ParameterizedTest
        @ValueSource(ints = {MAX_LENGTH + 1, Integer.MAX_VALUE, -1})
        void losesTheConnectionOnAPrefixOverMaxLengthAsSoonAsThePrefixArrives(int length) {
            // -1 is 0xFFFFFFFF: the prefix is unsigned, so that is 4294967295 bytes.
            Chunks.feed(proto, prefix(length), 1);
            assertTrue(transport.disconnecting());
            assertEquals(0, transport.value().length);
        }

        @Test
        void sendsBackTheStringsBeforeAnOverlongPrefix() {
            Chunks.feed(proto, concat(int32("ok"), prefix(MAX_LENGTH + 1), bytes("xyz")), 64);
            assertArrayEquals(int32("ok"), transport.value());
            assertTrue(transport.disconnecting());
        }
    }

    @Nested
    class OverTcp {
        private RunningServer server;

        @BeforeEach
        void start() throws Exception {
            server = RunningServer.start(EchoServer.int32Strings());
        }

        @AfterEach
        void stop() throws Exception {
            server.close();
        }

        @Test
        void echoesAString() throws Exception {
            try (Peer peer = new Peer(server)) {
                peer.send(int32("hello"));
                peer.expect(int32("hello"));
            }
        }

        @Test
        void echoesSeveralStringsSentInOnePacket() throws Exception {
            byte[] strings = concat(int32("one"), int32("two"), int32(""), int32("three"));
            try (Peer peer = new Peer(server)) {
                peer.send(strings);
                peer.expect(strings);
            }
        }

        @Test
        void echoesAStringSplitAcrossPacketsInItsPayloadOrItsPrefix() throws Exception {
            byte[] two = int32("two");
            byte[] digits = int32("0123456789");
            try (Peer peer = new Peer(server)) {
                peer.send(concat(int32("one"), Arrays.copyOf(two, 5)));
                peer.expect(int32("one"));
                peer.send(concat(Arrays.copyOfRange(two, 5, two.length), Arrays.copyOf(digits, 2)));
                peer.expect(two);
                peer.send(Arrays.copyOfRange(digits, 2, digits.length));
                peer.expect(digits);
            }
        }

        @Test
        void echoesAnEmptyString() throws Exception {
            try (Peer peer = new Peer(server)) {
                peer.send(prefix(0));
                peer.expect(prefix(0));
            }
        }

        @Test
        void echoesAStringOfExactlyMaxLength() throws Exception {
            byte[] string = int32("x".repeat(MAX_LENGTH));
            try (Peer peer = new Peer(server)) {
                peer.send(string);
                peer.expect(string);
            }
        }

        @Test
        void closesAConnectionWhosePrefixIsOverMaxLengthWhileAnotherKeepsWorking() throws Exception {
            try (Peer good = new Peer(server); Peer bad = new Peer(server)) {
                good.send(int32("before"));
                good.expect(int32("before"));

                bad.send(prefix(MAX_LENGTH + 1));
                bad.expectClosedByServer();

                good.send(int32("after"));
                good.expect(int32("after"));
            }
        }
    }
}
