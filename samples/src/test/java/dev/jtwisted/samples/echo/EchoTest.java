package dev.jtwisted.samples.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jtwisted.internet.testing.Chunks;
import dev.jtwisted.internet.testing.StringTransport;
import dev.jtwisted.samples.RunningServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code echo}: raw bytes back, as they arrive, on a fake transport and then on a real socket. */
@Timeout(60)
class EchoTest {
    /** Every byte value, 0 to 255. */
    private static byte[] everyByte() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        return all;
    }

    @Nested
    class OnAStringTransport {
        private final StringTransport transport = new StringTransport();
        private final Echo proto = new Echo();

        @BeforeEach
        void connect() {
            proto.makeConnection(transport);
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 7, 64, 256})
        void writesBackEveryByteWhateverTheChunkSize(int chunk) {
            Chunks.feed(proto, everyByte(), chunk);
            assertArrayEquals(everyByte(), transport.value());
        }

        @Test
        void writesBackEachChunkAsItArrivesWithoutWaitingForMore() {
            Chunks.feed(proto, "no line end", 64);
            assertEquals("no line end", transport.valueString());
            Chunks.feed(proto, "\r\n", 64);
            assertEquals("no line end\r\n", transport.valueString());
        }

        @Test
        void neverClosesTheConnectionByItself() {
            Chunks.feed(proto, new byte[100_000], 4096);
            assertFalse(transport.disconnecting());
        }
    }

    @Nested
    class OverTcp {
        private RunningServer server;

        @BeforeEach
        void start() throws Exception {
            server = RunningServer.start(EchoServer.raw());
        }

        @AfterEach
        void stop() throws Exception {
            server.close();
        }

        @Test
        void echoesEveryByteValue() throws Exception {
            try (Peer peer = new Peer(server)) {
                peer.send(everyByte());
                peer.expect(everyByte());
            }
        }

        @Test
        void echoesTextWithoutLookingForLines() throws Exception {
            try (Peer peer = new Peer(server)) {
                peer.send("no line end");
                peer.expect("no line end");
            }
        }

        @Test
        void echoesAMegabyteSentWhileTheEchoIsRead() throws Exception {
            byte[] data = new byte[1 << 20];
            new Random(42).nextBytes(data);
            try (Peer peer = new Peer(server)) {
                CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                    try {
                        peer.send(data);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                peer.expect(data);
                sent.get(RunningServer.WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        }

        @Test
        void servesManyConnectionsAtOnce() throws Exception {
            List<Peer> peers = new ArrayList<>();
            try {
                for (int i = 0; i < 10; i++) {
                    peers.add(new Peer(server));
                }
                for (int i = 0; i < peers.size(); i++) {
                    peers.get(i).send("peer " + i);
                }
                for (int i = 0; i < peers.size(); i++) {
                    peers.get(i).expect("peer " + i);
                }
            } finally {
                for (Peer peer : peers) {
                    peer.close();
                }
            }
        }
    }
}
