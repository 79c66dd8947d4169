package dev.jtwisted.protocols.basic;

import java.util.Arrays;

/**
 * The bytes a receiver has been given but not parsed yet: {@code buf[start..end)}.
 * One per protocol; parsing moves {@code start} forward instead of copying the tail, so a
 * burst of small frames costs one pass, and the array is compacted only when that frees at
 * least as much as it moves. Not API.
 *
 * <p>While the buffer is empty, an incoming array is <em>borrowed</em> rather than copied:
 * frames are cut straight out of the caller's array, and only what is left when the call
 * returns is copied ({@link #release()}). The borrowing call must release before it returns.
 */
final class InputBuffer {
    private static final byte[] EMPTY = new byte[0];
    /** An empty buffer keeps at most this much storage between calls. */
    static final int RETAINED_CAPACITY = 64 * 1024;

    /** The bytes; either this buffer's own storage or, while {@link #borrowed}, the caller's. */
    byte[] buf = EMPTY;
    /** First unparsed byte. */
    int start;
    /** One past the last unparsed byte. */
    int end;
    /** True while {@link #buf} is an array a caller lent to {@link #borrow}. */
    boolean borrowed;
    /** Bytes copied into or within storage, for tests that prove buffering linear. */
    long bytesCopied;

    int size() {
        return end - start;
    }

    boolean isEmpty() {
        return start == end;
    }

    /**
     * Takes {@code data} as the content without copying it, if the buffer is empty and not
     * borrowing already; otherwise copies it in.
     *
     * @return true if {@code data} was borrowed: the caller must {@link #release()} before
     *     returning
     */
    boolean borrow(byte[] data) {
        if (start == end && !borrowed && data.length > 0) {
            buf = data;
            start = 0;
            end = data.length;
            borrowed = true;
            return true;
        }
        append(data);
        return false;
    }

    /** Copies {@code data} in after the unparsed bytes. */
    void append(byte[] data) {
        int n = data.length;
        if (n == 0) {
            return;
        }
        ensureRoom(n);
        System.arraycopy(data, 0, buf, end, n);
        end += n;
        bytesCopied += n;
    }

    /** Makes room for {@code n} more bytes after {@code end} in storage this buffer owns. */
    private void ensureRoom(int n) {
        int size = end - start;
        if (!borrowed && buf.length - end >= n) {
            return;
        }
        long needed = (long) size + n;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new OutOfMemoryError("buffer of " + needed + " bytes");
        }
        bytesCopied += size;
        if (!borrowed && needed <= buf.length / 2) {
            // Moving at most half the array frees at least half of it: amortized linear.
            System.arraycopy(buf, start, buf, 0, size);
        } else {
            int capacity = (int) Math.min(Integer.MAX_VALUE - 8,
                    Math.max(needed, Math.max(256L, 2L * buf.length)));
            byte[] grown = new byte[capacity];
            System.arraycopy(buf, start, grown, 0, size);
            buf = grown;
            borrowed = false;
        }
        start = 0;
        end = size;
    }

    /**
     * Stops borrowing: copies what is left of a borrowed array into owned storage. Drops big
     * storage once empty, so one long frame does not pin memory for the connection's life.
     */
    void release() {
        if (start == end) {
            start = 0;
            end = 0;
            if (borrowed || buf.length > RETAINED_CAPACITY) {
                buf = EMPTY;
                borrowed = false;
            }
        } else if (borrowed) {
            int size = end - start;
            byte[] owned = new byte[Math.max(256, size)];
            System.arraycopy(buf, start, owned, 0, size);
            buf = owned;
            start = 0;
            end = size;
            borrowed = false;
            bytesCopied += size;
        }
    }

    /** A copy of {@code buf[from..to)}. */
    byte[] copy(int from, int to) {
        return Arrays.copyOfRange(buf, from, to);
    }

    /**
     * Removes and returns all unparsed bytes. Hands over the borrowed array itself when it is
     * the whole content, since the caller gave it to us to read anyway.
     */
    byte[] takeAll() {
        byte[] out;
        if (borrowed && start == 0 && end == buf.length) {
            out = buf;
        } else {
            out = Arrays.copyOfRange(buf, start, end);
        }
        start = end;
        return out;
    }
}
