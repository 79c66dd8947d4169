package dev.jtwisted.internet;

/**
 * A datagram is too long to send.
 *
 * <p>Twisted: {@code twisted.internet.error.MessageLengthError}.
 */
public class MessageLengthError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** "Message is too long to send: {@code message}." as Twisted prints it. */
    public MessageLengthError(String message) {
        super("Message is too long to send: " + message + ".");
    }
}
