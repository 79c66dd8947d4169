package dev.jtwisted.internet;

/**
 * A port could not be bound: in use, not permitted, or not a local address.
 *
 * <p>Twisted: {@code twisted.internet.error.CannotListenError}.
 */
public class CannotListenError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CannotListenError(String message) {
        super(message);
    }

    public CannotListenError(String message, Throwable cause) {
        super(message, cause);
    }
}
