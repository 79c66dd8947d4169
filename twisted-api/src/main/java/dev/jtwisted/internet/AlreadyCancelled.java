package dev.jtwisted.internet;

/**
 * A delayed call was cancelled, delayed or reset after it had been cancelled.
 *
 * <p>Twisted: {@code twisted.internet.error.AlreadyCancelled}.
 */
public class AlreadyCancelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AlreadyCancelled(String message) {
        super(message);
    }
}
