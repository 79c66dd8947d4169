package dev.jtwisted.protocols.basic;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A protocol that receives only lines: override {@link #lineReceived(byte[])}.
 * A lighter {@link LineReceiver} for protocols that never switch to raw data and never pause.
 *
 * <p>Subclasses set {@link #delimiter} and {@link #MAX_LENGTH} in their constructor. As in
 * Twisted, the delimiter in force when a packet arrives cuts that whole packet, and the packet's
 * lines after one that made the transport start disconnecting, that was too long, or whose
 * {@code lineReceived} threw, are dropped. An exception from a callback propagates out of
 * {@link #dataReceived(byte[])}.
 *
 * <p>Threads: as every protocol, called on its connection's reactor thread only.
 *
 * <p>Twisted: {@code twisted.protocols.basic.LineOnlyReceiver}.
 */
public abstract class LineOnlyReceiver extends TextReceiver {
    private static final Logger log = LoggerFactory.getLogger(LineOnlyReceiver.class);
    private static final byte[] CRLF = {'\r', '\n'};

    /**
     * What ends a line, {@code \r\n} unless a subclass sets another; must not be empty.
     * Assign a new array to change it. Twisted: {@code delimiter}.
     */
    protected byte[] delimiter = CRLF;
    /**
     * The longest line accepted, in bytes without the delimiter; longer lines, and more than
     * this many bytes with no delimiter, go to {@link #lineLengthExceeded(byte[])}.
     * Twisted: {@code MAX_LENGTH}, 16384.
     */
    protected int MAX_LENGTH = 16384;

    /** Received bytes not parsed yet; package-private for tests. */
    final InputBuffer in = new InputBuffer();
    /** No delimiter starts before {@code in.start + searchFrom}; valid for {@link #searched}. */
    private int searchFrom;
    private byte[] searched;
    /** Positions examined by the delimiter search, for tests that prove it linear. */
    long bytesScanned;

    /**
     * Called with each line received, without its delimiter.
     *
     * <p>Twisted: {@code LineOnlyReceiver.lineReceived}.
     *
     * @param line a fresh array the method may keep
     */
    public abstract void lineReceived(byte[] line);

    /**
     * Called with a line longer than {@link #MAX_LENGTH}, or with the unfinished line once it
     * is longer than that; the unfinished line stays buffered. The default loses the connection,
     * so one hostile peer cannot exhaust memory.
     *
     * <p>Twisted: {@code LineOnlyReceiver.lineLengthExceeded}.
     */
    public void lineLengthExceeded(byte[] line) {
        if (log.isInfoEnabled()) {
            log.info("{}: line length ({}) exceeds MAX_LENGTH ({}); losing the connection",
                    logPrefix(), line.length, MAX_LENGTH);
        }
        transport.loseConnection();
    }

    /**
     * Sends {@code line} followed by {@link #delimiter}, in one write (Twisted writes the two
     * as a sequence; the bytes on the wire are the same).
     *
     * <p>Twisted: {@code LineOnlyReceiver.sendLine}.
     */
    public void sendLine(byte[] line) {
        transport.write(concat(line, delimiter));
    }

    /** Sends {@code line} encoded with {@link #charset}, followed by {@link #delimiter}. */
    public void sendLine(String line) {
        sendLine(line.getBytes(charset));
    }


    /**
     * Cuts the buffered bytes and {@code data} into lines and delivers them. Called from
     * {@link #lineReceived(byte[])}, it only buffers the data; the running call delivers it.
     *
     * <p>Twisted: {@code LineOnlyReceiver.dataReceived}.
     *
     * @throws IllegalArgumentException if {@link #delimiter} is empty (Twisted: ValueError)
     */
    @Override
    public void dataReceived(byte[] data) {
        if (!in.receiving && delimiter.length == 0) {
            throw new IllegalArgumentException("delimiter is empty");
        }
        in.receive(data, this::deliver);
    }

    private void deliver() {
        byte[] d = delimiter;
        InputBuffer in = this.in;
        if (d != searched) {
            searched = d;
            searchFrom = 0;
        }
        while (true) {
            int at = next(d);
            if (at < 0) {
                break;
            }
            if (transport != null && transport.disconnecting()) {
                skipToLastLine(d);
                return;
            }
            byte[] line = in.copy(in.start, at);
            in.start = at + d.length;
            searchFrom = 0;
            if (line.length > MAX_LENGTH) {
                skipToLastLine(d);
                lineLengthExceeded(line);
                return;
            }
            boolean delivered = false;
            try {
                lineReceived(line);
                delivered = true;
            } finally {
                if (!delivered) {
                    // Twisted has already kept only the packet's unfinished line.
                    skipToLastLine(d);
                }
            }
        }
        if (in.size() > MAX_LENGTH) {
            lineLengthExceeded(in.copy(in.start, in.end));
        }
    }

    /** Where the next delimiter starts in the buffer, or -1 (remembering how far it looked). */
    private int next(byte[] d) {
        InputBuffer in = this.in;
        int from = in.start + searchFrom;
        int last = in.end - d.length;
        if (from > last) {
            return -1;
        }
        int at = LineReceiver.indexOf(in.buf, from, last, d);
        bytesScanned += (at < 0 ? last : at) - from + 1;
        if (at < 0) {
            searchFrom = last + 1 - in.start;
        }
        return at;
    }

    /**
     * Drops the buffered complete lines, keeping the unfinished one: Twisted has split the
     * packet before delivering, so lines after an early return are lost.
     */
    private void skipToLastLine(byte[] d) {
        for (int at = next(d); at >= 0; at = next(d)) {
            in.start = at + d.length;
            searchFrom = 0;
        }
    }
}
