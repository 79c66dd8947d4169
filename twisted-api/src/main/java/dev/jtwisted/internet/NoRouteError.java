package dev.jtwisted.internet;

/**
 * There is no route to the host.
 *
 * <p>Twisted: {@code twisted.internet.error.NoRouteError}.
 */
public class NoRouteError extends ConnectError {
    private static final long serialVersionUID = 1L;

    public NoRouteError(String message) {
        super(message);
    }

    public NoRouteError(String message, Throwable cause) {
        super(message, cause);
    }
}
