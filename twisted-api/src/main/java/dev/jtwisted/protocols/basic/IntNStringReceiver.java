package dev.jtwisted.protocols.basic;

import java.nio.ByteOrder;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A protocol for strings prefixed by their length as an unsigned integer of a fixed number of
 * bytes: override {@link #stringReceived(byte[])}, send with {@link #sendString(byte[])}.
 * Extend {@link Int8StringReceiver}, {@link Int16StringReceiver} or {@link Int32StringReceiver},
 * or this class for another prefix size or byte order.
 *
 * <p>A length over {@link #MAX_LENGTH} goes to {@link #lengthLimitExceeded(long)} as soon as its
 * prefix arrives, before any of the string is read. The receiver is a push producer, paused and
 * resumed as {@link LineReceiver} is.
 *
 * <p>Unlike Twisted 22.4, strings delivered before a length that exceeded the limit are not
 * delivered again by the next {@code dataReceived}; the unread bytes, from that length's prefix
 * on, stay buffered and give {@code lengthLimitExceeded} again, as in Twisted. Twisted's
 * deprecated {@code recvd} attribute is not provided.
 *
 * <p>Threads: as every protocol, called on its connection's reactor thread only.
 *
 * <p>Twisted: {@code twisted.protocols.basic.IntNStringReceiver}.
 */
public abstract class IntNStringReceiver extends PauseableReceiver {
    private static final Logger log = LoggerFactory.getLogger(IntNStringReceiver.class);

    /**
     * The longest string accepted, in bytes. Twisted: {@code MAX_LENGTH}, 99999.
     */
    protected int MAX_LENGTH = 99999;

    private final int prefixLength;
    private final boolean littleEndian;
    /** Received bytes not parsed yet; package-private for tests. */
    final InputBuffer in = new InputBuffer();

    /**
     * A receiver whose prefixes are {@code prefixLength} bytes in network (big-endian) order.
     *
     * @throws IllegalArgumentException unless {@code prefixLength} is 1 to 8
     */
    protected IntNStringReceiver(int prefixLength) {
        this(prefixLength, ByteOrder.BIG_ENDIAN);
    }

    /**
     * A receiver whose prefixes are {@code prefixLength} bytes in {@code order}. Twisted's
     * subclasses say the same with {@code structFormat}: {@code "<I"} is {@code (4,
     * LITTLE_ENDIAN)}.
     *
     * @throws IllegalArgumentException unless {@code prefixLength} is 1 to 8
     */
    protected IntNStringReceiver(int prefixLength, ByteOrder order) {
        if (prefixLength < 1 || prefixLength > 8) {
            throw new IllegalArgumentException("prefixLength not in 1..8: " + prefixLength);
        }
        this.prefixLength = prefixLength;
        this.littleEndian = Objects.requireNonNull(order, "order") == ByteOrder.LITTLE_ENDIAN;
    }

    /** The size of the length prefix, in bytes. Twisted: {@code prefixLength}. */
    public final int prefixLength() {
        return prefixLength;
    }

    /**
     * Called with each string received, without its prefix.
     *
     * <p>Twisted: {@code IntNStringReceiver.stringReceived}.
     *
     * @param string a fresh array the method may keep
     */
    public abstract void stringReceived(byte[] string);

    /**
     * Called when a prefix announces more than {@link #MAX_LENGTH} bytes. The default loses the
     * connection, so one hostile peer cannot exhaust memory.
     *
     * <p>Twisted: {@code IntNStringReceiver.lengthLimitExceeded}.
     *
     * @param length the announced length; unsigned, so for an 8-byte prefix over
     *     {@code Long.MAX_VALUE} it is negative (see {@link Long#toUnsignedString(long)})
     */
    public void lengthLimitExceeded(long length) {
        if (log.isInfoEnabled()) {
            log.info("{}: string length ({}) exceeds MAX_LENGTH ({}); losing the connection",
                    logPrefix(), Long.toUnsignedString(length), MAX_LENGTH);
        }
        transport.loseConnection();
    }

    /**
     * Sends {@code string} after its length prefix, in one write.
     *
     * <p>Twisted: {@code IntNStringReceiver.sendString}.
     *
     * @throws StringTooLongError if the prefix cannot express the length; nothing is sent
     */
    public void sendString(byte[] string) {
        int n = prefixLength;
        int length = string.length;
        if (n < 4 && length >= 1 << (8 * n)) {
            throw new StringTooLongError("string length (" + length + ") exceeds the maximum ("
                    + ((1 << (8 * n)) - 1) + ") of a " + n + "-byte length prefix");
        }
        byte[] out = new byte[n + length];
        for (int i = 0; i < n; i++) {
            int shift = 8 * (littleEndian ? i : n - 1 - i);
            out[i] = shift < 32 ? (byte) (length >>> shift) : 0;
        }
        System.arraycopy(string, 0, out, n, length);
        transport.write(out);
    }

    /** Sends {@code string} encoded with {@link #charset}, after its length prefix. */
    public void sendString(String string) {
        sendString(string.getBytes(charset));
    }


    /**
     * Cuts the buffered bytes and {@code data} into strings and delivers them until it runs out
     * or is paused. Called from a callback, it only buffers the data; the running call delivers
     * it.
     *
     * <p>Twisted: {@code IntNStringReceiver.dataReceived}.
     */
    @Override
    public void dataReceived(byte[] data) {
        in.receive(data, this::deliver);
    }

    private void deliver() {
        InputBuffer in = this.in;
        int n = prefixLength;
        while (in.size() >= n && !paused) {
            long length = readPrefix(in.buf, in.start);
            if (length < 0 || length > MAX_LENGTH) {
                lengthLimitExceeded(length);
                return;
            }
            if (in.size() - n < length) {
                return;
            }
            int from = in.start + n;
            int to = from + (int) length;
            byte[] string = in.copy(from, to);
            in.start = to;
            stringReceived(string);
        }
    }

    private long readPrefix(byte[] b, int at) {
        long value = 0;
        int n = prefixLength;
        if (littleEndian) {
            for (int i = n - 1; i >= 0; i--) {
                value = (value << 8) | (b[at + i] & 0xff);
            }
        } else {
            for (int i = 0; i < n; i++) {
                value = (value << 8) | (b[at + i] & 0xff);
            }
        }
        return value;
    }




}
