package dev.jtwisted.internet;

/**
 * The connection was lost in a non-clean fashion (reset, aborted, an error).
 *
 * <p>Twisted: {@code twisted.internet.error.ConnectionLost}.
 */
public class ConnectionLost extends ConnectionClosed {
    private static final long serialVersionUID = 1L;

    public ConnectionLost(String message) {
        super(message);
    }

    public ConnectionLost(String message, Throwable cause) {
        super(message, cause);
    }
}
