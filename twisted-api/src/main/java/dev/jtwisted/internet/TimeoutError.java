package dev.jtwisted.internet;

/**
 * The connection was not made within its timeout.
 *
 * <p>Twisted: {@code twisted.internet.error.TimeoutError}.
 */
public class TimeoutError extends ConnectError {
    private static final long serialVersionUID = 1L;

    public TimeoutError(String message) {
        super(message);
    }

    public TimeoutError(String message, Throwable cause) {
        super(message, cause);
    }
}
