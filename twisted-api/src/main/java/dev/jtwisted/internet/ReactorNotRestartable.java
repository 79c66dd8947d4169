package dev.jtwisted.internet;

/**
 * run() was called on a reactor that has already run and stopped.
 *
 * <p>Twisted: {@code twisted.internet.error.ReactorNotRestartable}.
 */
public class ReactorNotRestartable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReactorNotRestartable(String message) {
        super(message);
    }

    public ReactorNotRestartable(String message, Throwable cause) {
        super(message, cause);
    }
}
