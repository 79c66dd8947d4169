package dev.jtwisted.web.client;

import dev.jtwisted.python.failure.Failure;
import java.util.List;

/**
 * Not a byte of the response arrived: the connection was lost (or the TLS handshake failed, or
 * the request was cancelled or timed out) after the request was sent and before the server
 * answered. A {@link dev.jtwisted.internet.defer.CancelledError} among the {@link #reasons()}
 * means the request was cancelled, for instance by {@code addTimeout}.
 *
 * <p>Twisted: {@code twisted.web._newclient.ResponseNeverReceived}.
 */
public class ResponseNeverReceived extends ResponseFailed {
    private static final long serialVersionUID = 1L;

    /** @param reasons what went wrong, most direct first; at least one */
    public ResponseNeverReceived(List<Failure> reasons) {
        super("no response was received", reasons, null);
    }
}
