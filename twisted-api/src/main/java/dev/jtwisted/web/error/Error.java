package dev.jtwisted.web.error;

import dev.jtwisted.web.http.Http;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP response whose status says the request failed: {@code Client.getPage} fails with one
 * for any status outside 2xx, carrying the status code, its message and the body that came
 * with it. Shadows {@code java.lang.Error} where imported: import it by its full name, or
 * catch it as {@code dev.jtwisted.web.error.Error}.
 *
 * <p>Twisted: {@code twisted.web.error.Error}.
 */
public class Error extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final byte[] EMPTY = new byte[0];

    private final int code;
    private final String statusMessage;
    private final transient byte[] response;

    /** An error for {@code code} with its standard reason phrase and no body. */
    public Error(int code) {
        this(code, null, null);
    }

    /**
     * @param code the HTTP status code
     * @param message the reason phrase; null for the standard one ({@code Http.responsePhrase})
     * @param response the response body, or null for none (kept, not copied)
     */
    public Error(int code, String message, byte[] response) {
        super(code + " " + (message != null ? message : Http.responsePhrase(code)));
        this.code = code;
        this.statusMessage = message != null ? message : Http.responsePhrase(code);
        this.response = response != null ? response : EMPTY;
    }

    /** The HTTP status code, such as 404. */
    public int code() {
        return code;
    }

    /** The status code as text, such as "404". Twisted: {@code Error.status}. */
    public String status() {
        return Integer.toString(code);
    }

    /** The reason phrase, such as "Not Found". Twisted: {@code Error.message}. */
    public String message() {
        return statusMessage;
    }

    /** The body that came with the status; empty if none. Twisted: {@code Error.response}. */
    public byte[] response() {
        return response;
    }

    /** {@link #response()} decoded as UTF-8 (malformed bytes replaced). */
    public String responseString() {
        return new String(response, StandardCharsets.UTF_8);
    }
}
