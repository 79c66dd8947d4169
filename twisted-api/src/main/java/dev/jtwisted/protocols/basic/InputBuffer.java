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
 * returns is copied ({@link #release()}).
 */
final class InputBuffer {
    private static final byte[] EMPTY = new byte[0];
    /** An empty buffer keeps at most this much storage between calls. */
    static final int RETAINED_CAPACITY = 64 * 1024;

    /** The bytes; {@link #owned}, or while {@link #borrowed} the caller's array. */
    byte[] buf = EMPTY;
    /** First unparsed byte. */
    int start;
    /** One past the last unparsed byte. */
    int end;
    /** True while {@link #buf} is an array a caller lent to {@link #borrow}. */
    boolean borrowed;
    /** Bytes copied into or within storage, for tests that prove buffering linear. */
    long bytesCopied;
    /** This buffer's own storage, kept while borrowing so that it can be reused. */
    private byte[] owned = EMPTY;

    /** True while {@link #receive} is delivering: a nested call only buffers. */
    boolean receiving;

    /**
     * Delivers {@code data} after the unparsed bytes with {@code deliver}, borrowing the array
     * for the call. A call made while a delivery runs (a callback fed the receiver more bytes)
     * only buffers them: the running delivery reaches them, in order.
     */
    void receive(byte[] data, Runnable deliver) {
        if (receiving) {
            append(data);
            return;
        }
        receiving = true;
        borrow(data);
        try {
            deliver.run();
        } finally {
            receiving = false;
            release();
        }
    }

    int size() {
        return end - start;
    }

    boolean isEmpty() {
        return start == end;
    }

    /**
     * Takes {@code data} as the content without copying it, if the buffer is empty and not
     * borrowing already; otherwise copies it in. Every call must be paired with a
     * {@link #release()} before the caller returns, since the array may have been borrowed.
     */
    void borrow(byte[] data) {
        if (start == end && !borrowed && data.length > 0) {
            buf = data;
            start = 0;
            end = data.length;
            borrowed = true;
            return;
        }
        append(data);
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

    /**
     * Makes room for {@code n} more bytes after {@code end}, in owned storage: moves the
     * unparsed bytes to the front when that frees at least as much as it moves, else grows.
     */
    private void ensureRoom(int n) {
        if (!borrowed && buf.length - end >= n) {
            return;
        }
        int size = end - start;
        long needed = (long) size + n;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new OutOfMemoryError("buffer of " + needed + " bytes");
        }
        byte[] target = owned;
        // Moving at most half the storage frees at least half of it: amortized linear. A
        // borrowed array is always moved out, into storage that fits or a bigger one.
        if (needed > (borrowed ? target.length : target.length / 2)) {
            target = new byte[(int) Math.min(Integer.MAX_VALUE - 8,
                    Math.max(needed, Math.max(256L, 2L * owned.length)))];
        }
        System.arraycopy(buf, start, target, 0, size);
        bytesCopied += size;
        buf = owned = target;
        borrowed = false;
        start = 0;
        end = size;
    }

    /**
     * Stops borrowing: copies what is left of a borrowed array into owned storage. Drops big
     * storage once empty, so one long frame does not pin memory for the connection's life.
     * Harmless when nothing is borrowed.
     */
    void release() {
        if (start == end) {
            start = 0;
            end = 0;
            if (owned.length > RETAINED_CAPACITY) {
                owned = EMPTY;
            }
            buf = owned;
            borrowed = false;
        } else if (borrowed) {
            ensureRoom(0);
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
