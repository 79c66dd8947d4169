package dev.jtwisted.internet;

/**
 * run() was called on a reactor that is running.
 *
 * <p>Twisted: {@code twisted.internet.error.ReactorAlreadyRunning}.
 */
public class ReactorAlreadyRunning extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReactorAlreadyRunning(String message) {
        super(message);
    }

    public ReactorAlreadyRunning(String message, Throwable cause) {
        super(message, cause);
    }
}
