package dev.jtwisted.internet.defer;

/**
 * A Deferred was cancelled before it had a result.
 *
 * <p>Twisted: {@code twisted.internet.defer.CancelledError}.
 */
public class CancelledError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CancelledError() {
        super();
    }

    public CancelledError(String message) {
        super(message);
    }
}
