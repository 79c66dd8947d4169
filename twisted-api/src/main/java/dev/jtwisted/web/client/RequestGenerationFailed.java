package dev.jtwisted.web.client;

import dev.jtwisted.python.failure.Failure;
import java.util.List;

/**
 * The request could not be produced: its body producer failed (or was cancelled), or wrote more
 * or fewer bytes than it said. The connection was aborted.
 *
 * <p>Twisted: {@code twisted.web._newclient.RequestGenerationFailed}.
 */
public class RequestGenerationFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Failure> reasons;

    /** @param reasons what went wrong, most direct first; at least one */
    public RequestGenerationFailed(List<Failure> reasons) {
        super(Errors.describe("the request body could not be produced", reasons), Errors.firstCause(reasons));
        this.reasons = List.copyOf(reasons);
    }

    /** What went wrong, most direct first. Twisted: {@code reasons}. */
    public List<Failure> reasons() {
        return reasons;
    }
}
