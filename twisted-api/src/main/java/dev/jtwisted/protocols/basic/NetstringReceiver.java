package dev.jtwisted.protocols.basic;

import dev.jtwisted.internet.ITransport;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A protocol that sends and receives netstrings ({@code 5:hello,}): override
 * {@link #stringReceived(byte[])}, send with {@link #sendString(byte[])}.
 * For messages that may contain any bytes, with a length a human can read on the wire.
 *
 * <p>Security, as Twisted: a netstring longer than {@link #MAX_LENGTH} is refused before its
 * payload is read, and any malformed input (a length with a non-digit or a leading zero, no
 * colon, no trailing comma) loses the connection and sets {@link #brokenPeer}. The bad bytes
 * stay buffered, so later data is refused the same way. The format is
 * <a href="http://cr.yp.to/proto/netstrings.txt">D. J. Bernstein's</a>.
 *
 * <p>Threads: as every protocol, called on its connection's reactor thread only.
 *
 * <p>Twisted: {@code twisted.protocols.basic.NetstringReceiver}.
 */
public abstract class NetstringReceiver extends TextReceiver {
    private static final Logger log = LoggerFactory.getLogger(NetstringReceiver.class);
    /** One digit more than any int MAX_LENGTH lets a length have (11, for 2^31 - 1). */
    private static final int MAX_DIGITS_SCANNED = 12;
    /** What one parsing step did: delivered or moved on, needs more bytes, or found garbage. */
    private static final int DONE = 0;
    private static final int PARTIAL = 1;
    private static final int BROKEN = 2;

    /**
     * The longest netstring payload accepted, in bytes. Twisted: {@code MAX_LENGTH}, 99999.
     * It must be at least 1 (Twisted fails with "math domain error" otherwise).
     */
    protected int MAX_LENGTH = 99999;
    /**
     * Set when the peer sent something that is not a netstring; the connection is then being
     * lost. Twisted: {@code brokenPeer}.
     */
    protected boolean brokenPeer;

    /** Received bytes not parsed yet; package-private for tests. */
    final InputBuffer in = new InputBuffer();
    private boolean parsingPayload;
    /** The payload's length plus one for the comma. Twisted: {@code _expectedPayloadSize}. */
    private int expectedPayloadSize;
    /** How much of the payload Twisted would have consumed. Twisted: {@code _currentPayloadSize}. */
    private int currentPayloadSize;
    /** What was wrong, when a step returns {@link #BROKEN}. */
    private NetstringParseError error;

    /**
     * Called with the payload of each netstring received.
     *
     * <p>Twisted: {@code NetstringReceiver.stringReceived}.
     *
     * @param string a fresh array the method may keep
     */
    public abstract void stringReceived(byte[] string);

    /** Starts with an empty buffer, after {@code connectionMade}. Twisted: {@code makeConnection}. */
    @Override
    public void makeConnection(ITransport transport) {
        super.makeConnection(transport);
        in.start = in.end;
        in.release();
        parsingPayload = false;
        expectedPayloadSize = 0;
        currentPayloadSize = 0;
        brokenPeer = false;
    }

    /**
     * Sends {@code string} as one netstring ({@code <length>:<string>,}), in one write. The
     * length is not checked against {@link #MAX_LENGTH}, as in Twisted.
     *
     * <p>Twisted: {@code NetstringReceiver.sendString}.
     */
    public void sendString(byte[] string) {
        byte[] length = Integer.toString(string.length).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[length.length + 1 + string.length + 1];
        System.arraycopy(length, 0, out, 0, length.length);
        out[length.length] = ':';
        System.arraycopy(string, 0, out, length.length + 1, string.length);
        out[out.length - 1] = ',';
        transport.write(out);
    }

    /** Sends {@code string} encoded with {@link #charset} as one netstring. */
    public void sendString(String string) {
        sendString(string.getBytes(charset));
    }


    /** Whether the peer has sent something that is not a netstring. Twisted: {@code brokenPeer}. */
    public boolean brokenPeer() {
        return brokenPeer;
    }

    /**
     * Parses netstrings out of the buffered bytes and {@code data}, delivering each complete one.
     * A callback may call it again; that call delivers what it can before returning.
     *
     * <p>Twisted: {@code NetstringReceiver.dataReceived}.
     *
     * @throws IllegalArgumentException if {@link #MAX_LENGTH} is less than 1 when a length is
     *     checked (Twisted: ValueError)
     */
    @Override
    public void dataReceived(byte[] data) {
        in.borrow(data);
        try {
            // Twisted loops while it has bytes not yet moved into its payload buffer.
            while (parsingPayload ? in.size() > currentPayloadSize : in.size() > 0) {
                int step = consume();
                if (step == PARTIAL) {
                    break;
                }
                if (step == BROKEN) {
                    handleParseError();
                    break;
                }
            }
        } finally {
            in.release();
        }
    }

    /**
     * Parses one length and what it can of the payload: {@link #DONE}, {@link #PARTIAL} when more
     * bytes are needed (Twisted: IncompleteNetstring), or {@link #BROKEN} with {@link #error} set
     * (Twisted: NetstringParseError).
     */
    private int consume() {
        if (!parsingPayload) {
            int step = consumeLength();
            if (step != DONE) {
                return step;
            }
            parsingPayload = true;
            currentPayloadSize = 0;
        }
        return consumePayload();
    }

    /** Reads {@code (0|[1-9]\d*):} at the start, as Twisted's {@code _LENGTH} pattern. */
    private int consumeLength() {
        byte[] b = in.buf;
        int s = in.start;
        int e = in.end;
        int first = b[s];
        int digitsEnd;
        if (first == '0') {
            digitsEnd = s + 1;
        } else if (first >= '1' && first <= '9') {
            digitsEnd = s + 1;
            int cap = s + MAX_DIGITS_SCANNED;
            while (digitsEnd < e && digitsEnd < cap && isDigit(b[digitsEnd])) {
                digitsEnd++;
            }
        } else {
            return missingLength();
        }
        boolean tooManyDigits = digitsEnd - s >= MAX_DIGITS_SCANNED;
        if (!tooManyDigits && digitsEnd < e && b[digitsEnd] == ':') {
            long length = extractLength(b, s, digitsEnd);
            if (length < 0) {
                return tooLong(b, s, digitsEnd);
            }
            expectedPayloadSize = (int) length + 1;
            in.start = digitsEnd + 1;
            return DONE;
        }
        // No full length yet. Twisted's _LENGTH_PREFIX, (0|[1-9]\d*)$, accepts digits that end
        // the data, or are followed by a final newline ($ matches before one).
        if (tooManyDigits || digitsEnd == e || (digitsEnd == e - 1 && b[digitsEnd] == '\n')) {
            if (extractLength(b, s, digitsEnd) < 0) {
                return tooLong(b, s, digitsEnd);
            }
            return PARTIAL;
        }
        return missingLength();
    }

    /** The length the digits {@code b[s..e)} give, or -1 if over {@link #MAX_LENGTH}. */
    private long extractLength(byte[] b, int s, int e) {
        int max = MAX_LENGTH;
        if (e - s > maxLengthSize(max)) {
            return -1;
        }
        long length = 0;
        for (int i = s; i < e; i++) {
            length = length * 10 + (b[i] - '0');
        }
        return length > max ? -1 : length;
    }

    /**
     * How many digits a length may have before it is certainly too long:
     * {@code ceil(log10(max)) + 1}, computed exactly. Twisted: {@code _maxLengthSize}.
     */
    static int maxLengthSize(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("MAX_LENGTH < 1: " + max);
        }
        int digits = 0;
        for (long p = 1; p < max; p *= 10) {
            digits++;
        }
        return digits + 1;
    }

    private int consumePayload() {
        int size = in.size();
        int expected = expectedPayloadSize;
        if (size < expected) {
            currentPayloadSize = size;
            return PARTIAL;
        }
        currentPayloadSize = expected;
        int s = in.start;
        if (in.buf[s + expected - 1] != ',') {
            return broken("The received netstring is not terminated by a comma.");
        }
        byte[] payload = in.copy(s, s + expected - 1);
        in.start = s + expected;
        parsingPayload = false;
        currentPayloadSize = 0;
        stringReceived(payload);
        return DONE;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private int missingLength() {
        return broken("The received netstring does not start with a length specification.");
    }

    private int broken(String message) {
        error = new NetstringParseError(message);
        return BROKEN;
    }

    private int tooLong(byte[] b, int s, int e) {
        String digits = new String(b, s, e - s, StandardCharsets.US_ASCII);
        if (e - s >= MAX_DIGITS_SCANNED) {
            digits += "...";
        }
        return broken("netstring length (" + digits + ") exceeds MAX_LENGTH (" + MAX_LENGTH + ")");
    }

    /** Loses the connection and sets {@link #brokenPeer}. Twisted: {@code _handleParseError}. */
    private void handleParseError() {
        if (!brokenPeer) {
            log.info("{}: {}; losing the connection", logPrefix(), error.getMessage());
        }
        transport.loseConnection();
        brokenPeer = true;
    }
}
