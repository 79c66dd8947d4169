package dev.jtwisted.internet;

/**
 * The process has already exited, so the operation asked for (sending it a signal) can no longer
 * be done.
 *
 * <p>Twisted: {@code twisted.internet.error.ProcessExitedAlready}.
 */
public class ProcessExitedAlready extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProcessExitedAlready(String message) {
        super(message);
    }

    public ProcessExitedAlready(String message, Throwable cause) {
        super(message, cause);
    }
}
