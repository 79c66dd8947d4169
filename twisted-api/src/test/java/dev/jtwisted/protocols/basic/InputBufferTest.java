package dev.jtwisted.protocols.basic;

import static dev.jtwisted.protocols.basic.TestSupport.b;
import static dev.jtwisted.protocols.basic.TestSupport.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InputBufferTest {
    private final InputBuffer in = new InputBuffer();

    private String content() {
        return s(in.copy(in.start, in.end));
    }

    @Test
    void anArrayGivenToAnEmptyBufferIsBorrowedNotCopied() {
        byte[] data = b("hello");
        in.borrow(data);
        assertSame(data, in.buf);
        assertTrue(in.borrowed);
        assertEquals(0, in.bytesCopied);
    }

    @Test
    void releaseCopiesOutWhatIsLeftOfABorrowedArray() {
        byte[] data = b("line\r\npart");
        in.borrow(data);
        in.start = 6;
        in.release();
        Arrays.fill(data, (byte) 'z');
        assertFalse(in.borrowed);
        assertEquals("part", content());
        assertEquals(4, in.bytesCopied);
    }

    @Test
    void appendingWhileBorrowingMovesTheContentIntoOwnStorage() {
        byte[] data = b("abc");
        in.borrow(data);
        in.start = 1;
        in.append(b("de"));
        assertNotSame(data, in.buf);
        assertFalse(in.borrowed);
        assertEquals("bcde", content());
    }

    @Test
    void aNonEmptyBufferCopiesWhatItIsGiven() {
        in.borrow(b("ab"));
        in.release();
        byte[] more = b("cd");
        in.borrow(more);
        assertNotSame(more, in.buf);
        assertEquals("abcd", content());
        in.release();
        assertEquals("abcd", content());
    }

    @Test
    void storageIsReusedAfterItEmpties() {
        in.append(b("x".repeat(1000)));
        byte[] storage = in.buf;
        in.start = in.end;
        in.release();
        in.borrow(b("y".repeat(500) + "\n" + "tail"));
        in.start = 501;
        in.release();
        assertSame(storage, in.buf);
        assertEquals("tail", content());
    }

    @Test
    void bigStorageIsDroppedOnceEmpty() {
        in.append(new byte[InputBuffer.RETAINED_CAPACITY * 2]);
        in.start = in.end;
        in.release();
        assertEquals(0, in.buf.length);
        assertEquals(0, in.start);
        assertEquals(0, in.end);
    }

    @Test
    void consumedBytesAreReclaimedWithoutQuadraticMoves() {
        // A long-lived partial frame with small frames consumed in front of it, a byte at a time.
        byte[] one = {'x'};
        long appended = 0;
        for (int i = 0; i < 1_000_000; i++) {
            in.append(one);
            appended++;
            if (i % 3 == 0) {
                in.start++;
            }
        }
        assertTrue(in.bytesCopied <= 4 * appended, "copied " + in.bytesCopied);
        assertEquals(1_000_000 - 333_334, in.size());
    }

    @Test
    void takeAllHandsOverAWholeBorrowedArray() {
        byte[] data = b("raw");
        in.borrow(data);
        assertSame(data, in.takeAll());
        assertTrue(in.isEmpty());
        in.borrow(b("raw2"));
        in.start = 1;
        assertArrayEquals(b("aw2"), in.takeAll());
    }
}
