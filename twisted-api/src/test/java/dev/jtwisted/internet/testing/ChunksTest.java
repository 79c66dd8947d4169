package dev.jtwisted.internet.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.Protocol;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunksTest {
    /** Records each dataReceived call separately. */
    static final class ChunkRecorder extends Protocol {
        final List<byte[]> calls = new ArrayList<>();

        @Override
        public void dataReceived(byte[] data) {
            calls.add(data);
        }
    }

    @Nested
    class Feed {
        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 4, 10, 11, 100})
        void deliversEveryByteInOrderInPiecesNoLargerThanTheChunkSize(int chunk) {
            ChunkRecorder proto = new ChunkRecorder();
            byte[] data = "0123456789".getBytes(US_ASCII);
            Chunks.feed(proto, data, chunk);

            assertEquals((data.length + chunk - 1) / chunk, proto.calls.size());
            StringBuilder joined = new StringBuilder();
            for (byte[] piece : proto.calls) {
                assertTrue(piece.length >= 1 && piece.length <= chunk, "piece of " + piece.length);
                joined.append(new String(piece, US_ASCII));
            }
            assertEquals("0123456789", joined.toString());
        }

        @Test
        void feedsTextAsLatin1() {
            AccumulatingProtocol proto = new AccumulatingProtocol();
            Chunks.feed(proto, "caf\u00e9", 1);
            assertArrayEquals(new byte[] {'c', 'a', 'f', (byte) 0xe9}, proto.data());
        }

        @Test
        void deliversNothingForEmptyData() {
            ChunkRecorder proto = new ChunkRecorder();
            Chunks.feed(proto, new byte[0], 3);
            assertEquals(0, proto.calls.size());
        }

        @Test
        void rejectsAChunkSizeBelowOneNamingIt() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Chunks.feed(new ChunkRecorder(), new byte[1], 0));
            assertEquals("chunkSize < 1: 0", e.getMessage());
        }
    }

    @Nested
    class Split {
        @Test
        void makesFreshArraysWithAShorterLastOne() {
            byte[] data = {1, 2, 3, 4, 5};
            List<byte[]> pieces = Chunks.split(data, 2);
            assertEquals(3, pieces.size());
            assertArrayEquals(new byte[] {5}, pieces.get(2));
            data[0] = 9;
            assertArrayEquals(new byte[] {1, 2}, pieces.get(0));
        }
    }
}
