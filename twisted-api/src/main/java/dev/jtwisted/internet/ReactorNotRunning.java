package dev.jtwisted.internet;

/**
 * stop() was called on a reactor that is not running.
 *
 * <p>Twisted: {@code twisted.internet.error.ReactorNotRunning}.
 */
public class ReactorNotRunning extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReactorNotRunning(String message) {
        super(message);
    }

    public ReactorNotRunning(String message, Throwable cause) {
        super(message, cause);
    }
}
