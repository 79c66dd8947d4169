package dev.jtwisted.interop;

import dev.jtwisted.internet.ITransport;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.protocols.basic.Int32StringReceiver;
import dev.jtwisted.protocols.basic.LineOnlyReceiver;
import dev.jtwisted.protocols.basic.LineReceiver;
import dev.jtwisted.protocols.basic.NetstringReceiver;
import dev.jtwisted.python.failure.Failure;
import java.nio.charset.StandardCharsets;

/**
 * The framings of {@code protocols.basic} the interop tests run, each named as the Python
 * scripts' {@code --framing} names it, with a jtwisted receiver that hands its frames to a
 * {@link Handler}: so one echo or checking client serves every framing, as one Python class
 * does in {@code echo_server.py}.
 */
enum Framing {
    LINE("line", 16384, "lineLengthExceeded") {
        @Override
        Protocol protocol(int maxLength, Handler handler) {
            return new Line(maxLength, handler);
        }

        @Override
        byte[] encode(byte[] payload) {
            return concat(payload, CRLF);
        }
    },
    LINE_ONLY("lineonly", 16384, "lineLengthExceeded") {
        @Override
        Protocol protocol(int maxLength, Handler handler) {
            return new LineOnly(maxLength, handler);
        }

        @Override
        byte[] encode(byte[] payload) {
            return concat(payload, CRLF);
        }
    },
    NETSTRING("netstring", 99999, "brokenPeer") {
        @Override
        Protocol protocol(int maxLength, Handler handler) {
            return new Netstring(maxLength, handler);
        }

        @Override
        byte[] encode(byte[] payload) {
            byte[] length = (payload.length + ":").getBytes(StandardCharsets.US_ASCII);
            return concat(concat(length, payload), new byte[] {','});
        }
    },
    INT32("int32", 99999, "lengthLimitExceeded") {
        @Override
        Protocol protocol(int maxLength, Handler handler) {
            return new Int32(maxLength, handler);
        }

        @Override
        byte[] encode(byte[] payload) {
            int n = payload.length;
            return concat(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n}, payload);
        }
    };

    private static final byte[] CRLF = {'\r', '\n'};

    /** What the Python scripts' {@code --framing} calls it. */
    final String pythonName;
    /** The receiver's MAX_LENGTH in Twisted (and jtwisted) unless a subclass sets another. */
    final int defaultMaxLength;
    /** How {@code echo_server.py} reports a peer that broke this framing. */
    final String error;

    Framing(String pythonName, int defaultMaxLength, String error) {
        this.pythonName = pythonName;
        this.defaultMaxLength = defaultMaxLength;
        this.error = error;
    }

    /** A new jtwisted receiver of this framing with {@code MAX_LENGTH} {@code maxLength}. */
    abstract Protocol protocol(int maxLength, Handler handler);

    /** {@code payload} as one frame on the wire: what the receiver's send method writes. */
    abstract byte[] encode(byte[] payload);

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** What one connection does with its frames. Called on the reactor thread. */
    interface Handler {
        default void connectionMade(Framed connection) {}

        void frameReceived(Framed connection, byte[] frame);

        default void connectionLost(Framed connection, Failure reason) {}
    }

    /** A receiver of one of these framings, as its {@link Handler} sees it. */
    interface Framed {
        /** Sends {@code frame} with the receiver's own method: {@code sendLine} or {@code sendString}. */
        void sendFrame(byte[] frame);

        ITransport transport();

        /**
         * What the receiver made of a peer that broke the framing, named as {@link #error}; null
         * if nothing.
         */
        String error();
    }

    private static final class Line extends LineReceiver implements Framed {
        private final Handler handler;
        private String error;

        Line(int maxLength, Handler handler) {
            this.MAX_LENGTH = maxLength;
            this.handler = handler;
        }

        @Override
        public void connectionMade() {
            handler.connectionMade(this);
        }

        /** The handler's name, so that the receiver's log lines say which connection. */
        @Override
        public String logPrefix() {
            return handler.toString();
        }

        @Override
        public void lineReceived(byte[] line) {
            handler.frameReceived(this, line);
        }

        @Override
        public void lineLengthExceeded(byte[] line) {
            error = LINE.error;
            super.lineLengthExceeded(line);
        }

        @Override
        public void connectionLost(Failure reason) {
            handler.connectionLost(this, reason);
        }

        @Override
        public void sendFrame(byte[] frame) {
            sendLine(frame);
        }

        @Override
        public String error() {
            return error;
        }
    }

    private static final class LineOnly extends LineOnlyReceiver implements Framed {
        private final Handler handler;
        private String error;

        LineOnly(int maxLength, Handler handler) {
            this.MAX_LENGTH = maxLength;
            this.handler = handler;
        }

        @Override
        public void connectionMade() {
            handler.connectionMade(this);
        }

        /** The handler's name, so that the receiver's log lines say which connection. */
        @Override
        public String logPrefix() {
            return handler.toString();
        }

        @Override
        public void lineReceived(byte[] line) {
            handler.frameReceived(this, line);
        }

        @Override
        public void lineLengthExceeded(byte[] line) {
            error = LINE_ONLY.error;
            super.lineLengthExceeded(line);
        }

        @Override
        public void connectionLost(Failure reason) {
            handler.connectionLost(this, reason);
        }

        @Override
        public void sendFrame(byte[] frame) {
            sendLine(frame);
        }

        @Override
        public String error() {
            return error;
        }
    }

    private static final class Netstring extends NetstringReceiver implements Framed {
        private final Handler handler;

        Netstring(int maxLength, Handler handler) {
            this.MAX_LENGTH = maxLength;
            this.handler = handler;
        }

        @Override
        public void connectionMade() {
            handler.connectionMade(this);
        }

        /** The handler's name, so that the receiver's log lines say which connection. */
        @Override
        public String logPrefix() {
            return handler.toString();
        }

        @Override
        public void stringReceived(byte[] string) {
            handler.frameReceived(this, string);
        }

        @Override
        public void connectionLost(Failure reason) {
            handler.connectionLost(this, reason);
        }

        @Override
        public void sendFrame(byte[] frame) {
            sendString(frame);
        }

        @Override
        public String error() {
            return brokenPeer() ? NETSTRING.error : null;
        }
    }

    private static final class Int32 extends Int32StringReceiver implements Framed {
        private final Handler handler;
        private String error;

        Int32(int maxLength, Handler handler) {
            this.MAX_LENGTH = maxLength;
            this.handler = handler;
        }

        @Override
        public void connectionMade() {
            handler.connectionMade(this);
        }

        /** The handler's name, so that the receiver's log lines say which connection. */
        @Override
        public String logPrefix() {
            return handler.toString();
        }

        @Override
        public void stringReceived(byte[] string) {
            handler.frameReceived(this, string);
        }

        @Override
        public void lengthLimitExceeded(long length) {
            error = INT32.error;
            super.lengthLimitExceeded(length);
        }

        @Override
        public void connectionLost(Failure reason) {
            handler.connectionLost(this, reason);
        }

        @Override
        public void sendFrame(byte[] frame) {
            sendString(frame);
        }

        @Override
        public String error() {
            return error;
        }
    }
}
