package dev.jtwisted.protocols.basic;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A protocol that receives lines, and raw data when switched to raw mode: override
 * {@link #lineReceived(byte[])}, and {@link #rawDataReceived(byte[])} if you use raw mode.
 * For line-based protocols that sometimes carry a blob (HTTP bodies, file transfers); use
 * {@link LineOnlyReceiver} when there is never raw data.
 *
 * <p>Subclasses set {@link #delimiter} and {@link #MAX_LENGTH} in their constructor, as Twisted
 * subclasses set the class attributes. Lines are bytes; {@link #charset} with
 * {@link #sendLine(String)} and {@link #decode(byte[])} are there for text protocols.
 *
 * <p>The receiver is also a push producer: {@link #pauseProducing()} stops line delivery (the
 * transport stops reading, and lines already buffered wait) until {@link #resumeProducing()}.
 *
 * <p>Parsing is linear in the bytes received, however they are split: the delimiter search
 * resumes where it stopped, and each line costs one {@code byte[]}. An exception thrown by a
 * callback propagates out of {@link #dataReceived(byte[])}; the line it was given is consumed.
 *
 * <p>Threads: as every protocol, called on its connection's reactor thread only.
 *
 * <p>Twisted: {@code twisted.protocols.basic.LineReceiver}.
 */
public abstract class LineReceiver extends PauseableReceiver {
    private static final Logger log = LoggerFactory.getLogger(LineReceiver.class);
    private static final byte[] CRLF = {'\r', '\n'};

    /**
     * What ends a line, {@code \r\n} unless a subclass sets another. Assign a new array to
     * change it; do not modify the array in place. Twisted: {@code delimiter}.
     */
    protected byte[] delimiter = CRLF;
    /**
     * The longest line accepted, in bytes without the delimiter; longer lines go to
     * {@link #lineLengthExceeded(byte[])}. Twisted: {@code MAX_LENGTH}, 16384.
     */
    protected int MAX_LENGTH = 16384;

    /** Received bytes not parsed yet; package-private for tests. */
    final InputBuffer in = new InputBuffer();
    private boolean lineMode = true;
    /** No delimiter starts before {@code in.start + searchFrom}; valid for {@link #searched}. */
    private int searchFrom;
    private byte[] searched;
    /** Positions examined by the delimiter search, for tests that prove it linear. */
    long bytesScanned;

    /**
     * Called with each line received, without its delimiter, while in line mode.
     * It may switch to raw mode (the rest of the buffer goes to raw data), pause (the rest
     * waits), clear the buffer (the rest is dropped) or lose the connection (the rest stays
     * buffered: as in Twisted, no more lines are delivered once the transport is disconnecting,
     * for transports that tell, which {@code StringTransport} does).
     *
     * <p>Twisted: {@code LineReceiver.lineReceived}.
     *
     * @param line a fresh array the method may keep
     */
    public abstract void lineReceived(byte[] line);

    /**
     * Called with data received in raw mode (see {@link #setRawMode()}).
     * Override it if you use raw mode; the default throws.
     *
     * <p>Twisted: {@code LineReceiver.rawDataReceived}.
     *
     * @param data bytes the method may keep, but must not modify
     * @throws UnsupportedOperationException unless overridden (Twisted: NotImplementedError)
     */
    public void rawDataReceived(byte[] data) {
        throw new UnsupportedOperationException(
                "rawDataReceived is not overridden in " + getClass().getName());
    }

    /**
     * Called when a line is longer than {@link #MAX_LENGTH}, or when {@code MAX_LENGTH +
     * delimiter.length} bytes have arrived without a delimiter; the buffer is emptied first.
     * The default loses the connection, so one hostile peer cannot exhaust memory.
     *
     * <p>Twisted: {@code LineReceiver.lineLengthExceeded}.
     *
     * @param line everything that was buffered, starting with the too-long line: it may
     *     hold more lines after it, or only the start of the line
     */
    public void lineLengthExceeded(byte[] line) {
        if (log.isInfoEnabled()) {
            log.info("{}: line length ({}) exceeds MAX_LENGTH ({}); losing the connection",
                    logPrefix(), describeLength(line, delimiter), MAX_LENGTH);
        }
        transport.loseConnection();
    }

    /**
     * Sends {@code line} followed by {@link #delimiter}, in one write.
     *
     * <p>Twisted: {@code LineReceiver.sendLine}.
     */
    public void sendLine(byte[] line) {
        transport.write(concat(line, delimiter));
    }

    /**
     * Sends {@code line} encoded with {@link #charset}, followed by {@link #delimiter}.
     * The text twin of {@link #sendLine(byte[])}; the line should not contain the delimiter.
     */
    public void sendLine(String line) {
        sendLine(line.getBytes(charset));
    }


    /**
     * Switches to raw mode: what follows, including bytes already buffered after the current
     * line, goes to {@link #rawDataReceived(byte[])}.
     *
     * <p>Twisted: {@code LineReceiver.setRawMode}.
     */
    public void setRawMode() {
        lineMode = false;
    }

    /**
     * Switches to line mode: what follows is cut into lines.
     *
     * <p>Twisted: {@code LineReceiver.setLineMode()}.
     */
    public void setLineMode() {
        lineMode = true;
    }

    /**
     * Switches to line mode and parses {@code extra} for lines as if just received. From
     * {@link #rawDataReceived(byte[])}, pass the part of the data that was not raw; do not pass
     * extra data from {@link #lineReceived(byte[])}.
     *
     * <p>Twisted: {@code LineReceiver.setLineMode(extra)}.
     */
    public void setLineMode(byte[] extra) {
        Objects.requireNonNull(extra, "extra");
        lineMode = true;
        if (extra.length > 0) {
            dataReceived(extra);
        }
    }

    /** Whether lines (true) or raw data (false) are being delivered. Twisted: {@code line_mode}. */
    public boolean lineMode() {
        return lineMode;
    }

    /**
     * Empties the buffer of received but undelivered bytes and returns them. Useful from
     * {@link #lineReceived(byte[])} to hand the rest of the stream to something else.
     *
     * <p>Twisted: {@code LineReceiver.clearLineBuffer}.
     */
    public byte[] clearLineBuffer() {
        byte[] rest = in.copy(in.start, in.end);
        in.start = in.end;
        searchFrom = 0;
        return rest;
    }

    /**
     * Cuts the data into lines (or passes it on as raw data) and delivers them until the buffer
     * is empty or the receiver is paused. Called from a callback, it only buffers the data; the
     * running call delivers it.
     *
     * <p>Twisted: {@code LineReceiver.dataReceived}.
     */
    @Override
    public void dataReceived(byte[] data) {
        in.receive(data, this::deliver);
    }

    private void deliver() {
        InputBuffer in = this.in;
        while (in.start < in.end && !paused) {
            if (lineMode) {
                byte[] d = delimiter;
                int dl = d.length;
                if (d != searched) {
                    searched = d;
                    searchFrom = 0;
                }
                int start = in.start;
                int end = in.end;
                int max = MAX_LENGTH;
                // A line may be at most max long, so a delimiter starting after start + max
                // would only tell us the line is too long; the length test below says as much.
                int last = (int) Math.min((long) end - dl, (long) start + max);
                int from = start + searchFrom;
                int at = -1;
                if (dl > 0 && from <= last) {
                    at = indexOf(in.buf, from, last, d);
                    bytesScanned += (at < 0 ? last : at) - from + 1;
                    if (at < 0) {
                        searchFrom = last + 1 - start;
                    }
                }
                if (at < 0) {
                    if ((long) end - start >= (long) max + dl) {
                        byte[] line = in.takeAll();
                        searchFrom = 0;
                        lineLengthExceeded(line);
                    }
                    return;
                }
                byte[] line = in.copy(start, at);
                in.start = at + dl;
                searchFrom = 0;
                lineReceived(line);
                if (transport != null && transport.disconnecting()) {
                    return;
                }
            } else {
                byte[] raw = in.takeAll();
                searchFrom = 0;
                rawDataReceived(raw);
            }
        }
    }

    /** The first position in {@code [from, last]} where {@code d} starts, or -1. */
    static int indexOf(byte[] buf, int from, int last, byte[] d) {
        byte first = d[0];
        if (d.length == 1) {
            for (int i = from; i <= last; i++) {
                if (buf[i] == first) {
                    return i;
                }
            }
            return -1;
        }
        outer:
        for (int i = from; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int j = 1; j < d.length; j++) {
                if (buf[i + j] != d[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** For the log: the length of the line {@code data} starts with, or "at least n". */
    static String describeLength(byte[] data, byte[] d) {
        int at = d.length == 0 || data.length < d.length
                ? -1 : indexOf(data, 0, data.length - d.length, d);
        return at >= 0 ? Integer.toString(at) : "at least " + data.length;
    }




}
