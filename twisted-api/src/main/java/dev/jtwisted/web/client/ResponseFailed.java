package dev.jtwisted.web.client;

import dev.jtwisted.python.failure.Failure;
import java.util.List;

/**
 * The response could not be received whole: the connection was lost in the middle of it, or it
 * was malformed (a {@link ParseError} among the reasons), or the request was cancelled. A body
 * protocol gets it in {@code connectionLost} when the body ends badly; a request's Deferred
 * fails with it when the headers never arrived whole.
 *
 * <p>Twisted: {@code twisted.web._newclient.ResponseFailed}.
 */
public class ResponseFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Failure> reasons;
    private final transient IResponse response;

    /** @param reasons what went wrong, most direct first; at least one */
    public ResponseFailed(List<Failure> reasons) {
        this(reasons, null);
    }

    /**
     * @param reasons what went wrong, most direct first; at least one
     * @param response the response received so far, or null
     */
    public ResponseFailed(List<Failure> reasons, IResponse response) {
        this("the response failed", reasons, response);
    }

    ResponseFailed(String what, List<Failure> reasons, IResponse response) {
        super(Errors.describe(what, reasons), Errors.firstCause(reasons));
        this.reasons = List.copyOf(reasons);
        this.response = response;
    }

    /** What went wrong, most direct first. Twisted: {@code reasons}. */
    public List<Failure> reasons() {
        return reasons;
    }

    /** The response received so far, or null. Twisted: {@code response}. */
    public IResponse response() {
        return response;
    }
}
