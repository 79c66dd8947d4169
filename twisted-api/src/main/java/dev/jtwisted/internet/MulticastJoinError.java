package dev.jtwisted.internet;

/**
 * Joining (or leaving) a multicast group failed.
 *
 * <p>Twisted: {@code twisted.internet.error.MulticastJoinError}.
 */
public class MulticastJoinError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MulticastJoinError(String message, Throwable cause) {
        super(message, cause);
    }
}
