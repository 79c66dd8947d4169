package dev.jtwisted.samples.notify;

/**
 * The notification server refused a request ({@code error: MESSAGE}): the failure of that
 * {@link NotificationClient} request. The message is the server's, without {@code error: }.
 */
public final class NotifyError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotifyError(String message) {
        super(message);
    }
}
