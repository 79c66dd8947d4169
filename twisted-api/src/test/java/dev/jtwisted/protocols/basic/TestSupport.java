package dev.jtwisted.protocols.basic;

import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.testing.StringTransport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Byte helpers, chunk sizes and a write-recording transport for this package's tests. */
final class TestSupport {
    private TestSupport() {}

    /** {@code text} as ISO-8859-1: one byte per char. */
    static byte[] b(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code bytes} as ISO-8859-1: one char per byte. */
    static String s(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static List<String> strings(List<byte[]> list) {
        List<String> out = new ArrayList<>(list.size());
        for (byte[] bytes : list) {
            out.add(s(bytes));
        }
        return out;
    }

    /** The chunk sizes every parsing test runs with: 1 to 10 bytes, then a few larger. */
    static IntStream chunkSizes() {
        return IntStream.concat(IntStream.rangeClosed(1, 10), IntStream.of(13, 64, 1000));
    }

    /**
     * Feeds {@code data} one byte at a time through a single reused array: proves that a
     * receiver keeps nothing of an array after dataReceived returns, and costs no allocation.
     */
    static void feedBytewise(IProtocol protocol, byte[] data) {
        byte[] one = new byte[1];
        for (byte x : data) {
            one[0] = x;
            protocol.dataReceived(one);
        }
    }

    /** A {@link StringTransport} that also records each write as its own string. */
    static class RecordingTransport extends StringTransport {
        final List<String> writes = new ArrayList<>();

        @Override
        public void write(byte[] data) {
            writes.add(s(data));
            super.write(data);
        }
    }
}
