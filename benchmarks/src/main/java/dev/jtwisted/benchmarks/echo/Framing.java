package dev.jtwisted.benchmarks.echo;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How the echo benchmarks cut the byte stream: not at all ({@code raw}), or into the frames of
 * {@code protocols.basic}: CRLF-terminated lines, netstrings, or int32-length-prefixed strings.
 * It builds the load tool's frames and the plain Netty server's decoders, so both agree with
 * what Twisted's receivers put on the wire.
 *
 * <p>Every frame echoed is byte-identical to the one sent, so the load tool still checks the
 * echoed stream byte for byte whatever the framing.
 */
enum Framing {
    RAW, LINE, NETSTRING, INT32;

    static final int MAX_LINE = 16384;
    static final int MAX_STRING = 99999;
    private static final ByteBuf CRLF = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(2).writeBytes(new byte[] {'\r', '\n'}).asReadOnly());
    private static final ByteBuf COMMA = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(1).writeByte(',').asReadOnly());

    /**
     * @throws IllegalArgumentException for a name other than raw, line, netstring or int32
     */
    static Framing named(String name) {
        for (Framing f : values()) {
            if (f.toString().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("--framing must be raw, line, netstring or int32: " + name);
    }

    /** The bytes one frame with a {@code payload}-byte body takes on the wire. */
    int frameLength(int payload) {
        switch (this) {
            case LINE:
                return payload + 2;
            case NETSTRING:
                return Integer.toString(payload).length() + 1 + payload + 1;
            case INT32:
                return payload + 4;
            default:
                return payload;
        }
    }

    /**
     * {@code frames} frames with {@code payload}-byte random bodies (no CR or LF in a line's),
     * one after the other.
     */
    byte[] frames(int frames, int payload, long seed) {
        int length = frameLength(payload);
        byte[] out = new byte[frames * length];
        SplittableRandom random = new SplittableRandom(seed);
        byte[] body = new byte[payload];
        for (int i = 0; i < frames; i++) {
            random.nextBytes(body);
            int at = i * length;
            switch (this) {
                case LINE:
                    for (int j = 0; j < payload; j++) {
                        if (body[j] == '\r' || body[j] == '\n') {
                            body[j] = 'x';
                        }
                    }
                    System.arraycopy(body, 0, out, at, payload);
                    out[at + payload] = '\r';
                    out[at + payload + 1] = '\n';
                    break;
                case NETSTRING:
                    byte[] header = (payload + ":").getBytes(StandardCharsets.US_ASCII);
                    System.arraycopy(header, 0, out, at, header.length);
                    System.arraycopy(body, 0, out, at + header.length, payload);
                    out[at + length - 1] = ',';
                    break;
                case INT32:
                    out[at] = (byte) (payload >>> 24);
                    out[at + 1] = (byte) (payload >>> 16);
                    out[at + 2] = (byte) (payload >>> 8);
                    out[at + 3] = (byte) payload;
                    System.arraycopy(body, 0, out, at + 4, payload);
                    break;
                default:
                    System.arraycopy(body, 0, out, at, payload);
            }
        }
        return out;
    }

    /** Adds this framing's decoder (and encoder) in front of a frame echo handler. */
    void addCodec(ChannelPipeline pipeline) {
        switch (this) {
            case LINE:
                pipeline.addLast(new LineBasedFrameDecoder(MAX_LINE));
                break;
            case NETSTRING:
                pipeline.addLast(new NetstringDecoder(MAX_STRING));
                break;
            case INT32:
                pipeline.addLast(new LengthFieldBasedFrameDecoder(MAX_STRING, 0, 4, 0, 4));
                pipeline.addLast(new LengthFieldPrepender(4));
                break;
            default:
                break;
        }
    }

    /** Writes {@code frame}, a decoded body, back in this framing; the caller flushes. */
    void writeFrame(ChannelHandlerContext ctx, ByteBuf frame) {
        switch (this) {
            case LINE:
                ctx.write(frame);
                ctx.write(CRLF.duplicate());
                break;
            case NETSTRING:
                ByteBuf header = ctx.alloc().buffer(12);
                header.writeCharSequence(frame.readableBytes() + ":", StandardCharsets.US_ASCII);
                ctx.write(header);
                ctx.write(frame);
                ctx.write(COMMA.duplicate());
                break;
            default: // INT32's prefix comes from the LengthFieldPrepender; RAW has none
                ctx.write(frame);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Netstrings ({@code <length>:<bytes>,}) for the Netty baseline, which has no decoder of its
     * own for them; the rules are Twisted's: digits only, at most {@code maxLength}.
     */
    static final class NetstringDecoder extends ByteToMessageDecoder {
        private final int maxLength;

        NetstringDecoder(int maxLength) {
            this.maxLength = maxLength;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            while (true) {
                int start = in.readerIndex();
                int end = in.writerIndex();
                int length = 0;
                int i = start;
                for (; i < end; i++) {
                    byte b = in.getByte(i);
                    if (b == ':') {
                        break;
                    }
                    if (b < '0' || b > '9' || i - start >= 5) {
                        throw new CorruptedFrameException("bad netstring length at byte " + (i - start));
                    }
                    length = length * 10 + (b - '0');
                }
                if (length > maxLength) {
                    throw new TooLongFrameException("netstring length (" + length + ") exceeds " + maxLength);
                }
                if (i == end || end - i - 1 < length + 1) {
                    return; // incomplete
                }
                if (i == start) {
                    throw new CorruptedFrameException("netstring without a length");
                }
                if (in.getByte(i + 1 + length) != ',') {
                    throw new CorruptedFrameException("netstring without its comma");
                }
                in.readerIndex(i + 1);
                out.add(in.readRetainedSlice(length));
                in.skipBytes(1);
            }
        }
    }
}
