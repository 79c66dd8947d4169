package dev.jtwisted.web.error;

/**
 * A redirect agent followed as many redirects as its limit allows and was sent on again.
 *
 * <p>Twisted: {@code twisted.web.error.InfiniteRedirection}.
 */
public class InfiniteRedirection extends Error {
    private static final long serialVersionUID = 1L;

    private final String location;

    /** @param location the URI whose response was one redirect too many */
    public InfiniteRedirection(int code, String message, String location) {
        super(code, message + " at " + location, null);
        this.location = location;
    }

    /** The URI whose response was one redirect too many. */
    public String location() {
        return location;
    }
}
