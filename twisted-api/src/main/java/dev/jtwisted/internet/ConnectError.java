package dev.jtwisted.internet;

/**
 * An outgoing connection could not be made; the subclasses say why.
 *
 * <p>Twisted: {@code twisted.internet.error.ConnectError}.
 */
public class ConnectError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConnectError(String message) {
        super(message);
    }

    public ConnectError(String message, Throwable cause) {
        super(message, cause);
    }
}
