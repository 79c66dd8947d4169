package dev.jtwisted.web.client;

import dev.jtwisted.python.failure.Failure;
import java.util.List;

/**
 * The connection was lost before the whole request was sent.
 *
 * <p>Twisted: {@code twisted.web._newclient.RequestTransmissionFailed}.
 */
public class RequestTransmissionFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Failure> reasons;

    /** @param reasons what went wrong, most direct first; at least one */
    public RequestTransmissionFailed(List<Failure> reasons) {
        super(Errors.describe("the request could not be sent", reasons), Errors.firstCause(reasons));
        this.reasons = List.copyOf(reasons);
    }

    /** What went wrong, most direct first. Twisted: {@code reasons}. */
    public List<Failure> reasons() {
        return reasons;
    }
}
