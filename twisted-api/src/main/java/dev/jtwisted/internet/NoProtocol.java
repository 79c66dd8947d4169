package dev.jtwisted.internet;

/**
 * The factory given to a client endpoint returned null from {@code buildProtocol}, so the
 * connection had nothing to drive it and was dropped.
 *
 * <p>Twisted: {@code twisted.internet.error.NoProtocol}.
 */
public class NoProtocol extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NoProtocol(String message) {
        super(message);
    }
}
