package dev.jtwisted.web.error;

/**
 * A redirect that was not followed, for instance a 301 answering a POST through
 * {@code RedirectAgent}, which follows it only for GET and HEAD.
 *
 * <p>Twisted: {@code twisted.web.error.PageRedirect}.
 */
public class PageRedirect extends Error {
    private static final long serialVersionUID = 1L;

    private final String location;

    /**
     * @param message the reason phrase, or null for the standard one
     * @param location the URI involved (the request's, or where it pointed), or null
     */
    public PageRedirect(int code, String message, byte[] response, String location) {
        super(code, message == null ? null : message + (location == null ? "" : " to " + location), response);
        this.location = location;
    }

    /** The URI involved, or null. Twisted: {@code PageRedirect.location}. */
    public String location() {
        return location;
    }
}
