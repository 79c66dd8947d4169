package dev.jtwisted.web.error;

/**
 * A redirect status without a {@code Location} header: there is nowhere to go.
 *
 * <p>Twisted: {@code twisted.web.error.RedirectWithNoLocation}.
 */
public class RedirectWithNoLocation extends Error {
    private static final long serialVersionUID = 1L;

    private final String uri;

    /** @param uri the URI that answered with the redirect */
    public RedirectWithNoLocation(int code, String message, String uri) {
        super(code, message + " in the response to " + uri, null);
        this.uri = uri;
    }

    /** The URI that answered with the redirect. Twisted: {@code RedirectWithNoLocation.uri}. */
    public String uri() {
        return uri;
    }
}
