package dev.jtwisted.internet;

/**
 * A connection ended; the subclasses say whether cleanly.
 *
 * <p>Twisted: {@code twisted.internet.error.ConnectionClosed}.
 */
public class ConnectionClosed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConnectionClosed(String message) {
        super(message);
    }

    public ConnectionClosed(String message, Throwable cause) {
        super(message, cause);
    }
}
