package dev.jtwisted.protocols.basic;

import dev.jtwisted.internet.Protocol;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * What every receiver of this package shares: frames are bytes, and {@link #charset} with
 * {@link #decode(byte[])} and the {@code String} forms of the send methods serve text
 * protocols. Not API: the public receivers are the types to extend.
 */
abstract class TextReceiver extends Protocol {
    /** Read by {@code sendLine}/{@code sendString}'s {@code String} forms and {@link #decode}; UTF-8. */
    protected Charset charset = StandardCharsets.UTF_8;

    /**
     * Decodes received bytes with {@link #charset}: {@code decode(line)} in a
     * {@code lineReceived} or {@code stringReceived} gives the frame as text. Malformed input
     * becomes U+FFFD.
     */
    protected String decode(byte[] bytes) {
        return new String(bytes, charset);
    }

    /** {@code a} followed by {@code b}, in one new array: a frame and its delimiter, for one write. */
    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
