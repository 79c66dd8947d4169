package dev.jtwisted.internet;

/**
 * The connection was closed cleanly: the normal reason in {@code connectionLost}.
 *
 * <p>Twisted: {@code twisted.internet.error.ConnectionDone}.
 */
public class ConnectionDone extends ConnectionClosed {
    private static final long serialVersionUID = 1L;

    public ConnectionDone(String message) {
        super(message);
    }

    public ConnectionDone(String message, Throwable cause) {
        super(message, cause);
    }
}
