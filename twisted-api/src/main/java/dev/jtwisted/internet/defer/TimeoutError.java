package dev.jtwisted.internet.defer;

/**
 * A Deferred given a timeout with {@link Deferred#addTimeout} did not fire in time and was
 * cancelled.
 *
 * <p>Twisted: {@code twisted.internet.defer.TimeoutError}.
 */
public class TimeoutError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TimeoutError(String message) {
        super(message);
    }

    /** The message Twisted gives: the timeout and what timed out. */
    public TimeoutError(double timeout, String what) {
        super(what + " timed out after " + timeout + " seconds");
    }
}
