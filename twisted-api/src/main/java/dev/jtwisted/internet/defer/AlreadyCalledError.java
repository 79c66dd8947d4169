package dev.jtwisted.internet.defer;

/**
 * A Deferred was fired (callback or errback) a second time.
 *
 * <p>Twisted: {@code twisted.internet.defer.AlreadyCalledError}.
 */
public class AlreadyCalledError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AlreadyCalledError() {
        super();
    }

    public AlreadyCalledError(String message) {
        super(message);
    }
}
