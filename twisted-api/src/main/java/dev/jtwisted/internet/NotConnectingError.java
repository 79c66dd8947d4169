package dev.jtwisted.internet;

/**
 * A connector was asked to stop connecting when it was not connecting (already connected, or
 * already failed).
 *
 * <p>Twisted: {@code twisted.internet.error.NotConnectingError}.
 */
public class NotConnectingError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotConnectingError(String message) {
        super(message);
    }
}
