package dev.jtwisted.internet;

/**
 * The connection was aborted on this side, with {@link ITransport#abortConnection()}: unsent
 * data was dropped. A kind of {@link ConnectionLost}, so code trapping that sees it too.
 *
 * <p>Twisted: {@code twisted.internet.error.ConnectionAborted}.
 */
public class ConnectionAborted extends ConnectionLost {
    private static final long serialVersionUID = 1L;

    public ConnectionAborted(String message) {
        super(message);
    }

    public ConnectionAborted(String message, Throwable cause) {
        super(message, cause);
    }
}
