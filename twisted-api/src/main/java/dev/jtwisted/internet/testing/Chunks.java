package dev.jtwisted.internet.testing;

import dev.jtwisted.internet.IProtocol;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Feeds bytes to a protocol in chunks of a chosen size, because a real connection may split
 * them anywhere. A protocol's tests should pass for every chunk size down to one byte.
 *
 * <p>Twisted: none; {@code IProtocol.dataReceived}'s advice that data comes in arbitrary pieces.
 */
public final class Chunks {
    private Chunks() {}

    /**
     * Calls {@code protocol.dataReceived} with {@code data} cut into pieces of {@code chunkSize}
     * bytes (the last may be shorter), in order. Nothing is delivered for empty data. Each
     * piece goes through {@link IProtocol#dataReceived(ByteBuffer)} as a read-only view, as the
     * Netty reactor delivers it, so protocols overriding either {@code dataReceived} get it.
     *
     * @throws IllegalArgumentException if {@code chunkSize < 1}
     */
    public static void feed(IProtocol protocol, byte[] data, int chunkSize) {
        Objects.requireNonNull(protocol, "protocol");
        for (byte[] chunk : split(data, chunkSize)) {
            protocol.dataReceived(ByteBuffer.wrap(chunk).asReadOnlyBuffer());
        }
    }

    /** {@link #feed(IProtocol, byte[], int)} with {@code text} encoded as ISO-8859-1. */
    public static void feed(IProtocol protocol, String text, int chunkSize) {
        Objects.requireNonNull(text, "text");
        feed(protocol, text.getBytes(StandardCharsets.ISO_8859_1), chunkSize);
    }

    /**
     * {@code data} cut into fresh arrays of {@code chunkSize} bytes (the last may be shorter).
     *
     * @throws IllegalArgumentException if {@code chunkSize < 1}
     */
    public static List<byte[]> split(byte[] data, int chunkSize) {
        Objects.requireNonNull(data, "data");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize < 1: " + chunkSize);
        }
        List<byte[]> chunks = new ArrayList<>(data.length / chunkSize + 1);
        for (int start = 0; start < data.length; start += chunkSize) {
            chunks.add(Arrays.copyOfRange(data, start, Math.min(data.length, start + chunkSize)));
        }
        return chunks;
    }
}
