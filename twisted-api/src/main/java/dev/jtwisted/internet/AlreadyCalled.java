package dev.jtwisted.internet;

/**
 * A delayed call was cancelled, delayed or reset after it had already run.
 *
 * <p>Twisted: {@code twisted.internet.error.AlreadyCalled}.
 */
public class AlreadyCalled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AlreadyCalled(String message) {
        super(message);
    }
}
