package dev.jtwisted.internet;

/**
 * The file of a UNIX socket is no good: with {@code checkPID}, no live server holds its lock.
 *
 * <p>Twisted: {@code twisted.internet.error.BadFileError}.
 */
public class BadFileError extends ConnectError {
    private static final long serialVersionUID = 1L;

    public BadFileError(String message) {
        super(message);
    }
}
