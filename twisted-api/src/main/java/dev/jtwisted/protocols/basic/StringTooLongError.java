package dev.jtwisted.protocols.basic;

/**
 * A string is too long for a length-prefixed protocol's prefix to express, so it cannot be
 * sent: thrown by {@link IntNStringReceiver#sendString(byte[])}, nothing having been written.
 *
 * <p>Twisted: {@code twisted.protocols.basic.StringTooLongError} (an AssertionError there).
 */
public class StringTooLongError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StringTooLongError(String message) {
        super(message);
    }
}
