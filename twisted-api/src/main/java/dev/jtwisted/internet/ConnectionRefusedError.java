package dev.jtwisted.internet;

/**
 * The peer refused the connection: nothing listens there.
 *
 * <p>Twisted: {@code twisted.internet.error.ConnectionRefusedError}.
 */
public class ConnectionRefusedError extends ConnectError {
    private static final long serialVersionUID = 1L;

    public ConnectionRefusedError(String message) {
        super(message);
    }

    public ConnectionRefusedError(String message, Throwable cause) {
        super(message, cause);
    }
}
