package dev.jtwisted.web.client;

/**
 * A response could not be parsed: a bad status line, header, content length or chunk. The
 * message says what and from which server, and {@link #data()} holds the offending text.
 *
 * <p>Twisted: {@code twisted.web._newclient.ParseError}.
 */
public class ParseError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String data;

    /**
     * @param reason what is wrong, such as "bad status line"
     * @param data the offending text (shown quoted and cut to 200 characters)
     */
    public ParseError(String reason, String data) {
        super(reason + " '" + (data.length() > 200 ? data.substring(0, 200) + "..." : data) + "'");
        this.data = data;
    }

    ParseError(String message, String data, boolean raw) {
        super(message);
        this.data = data;
    }

    /** The offending text. Twisted: {@code ParseError.data}. */
    public String data() {
        return data;
    }
}
