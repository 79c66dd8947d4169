package dev.jtwisted.internet;

/**
 * The host name could not be resolved.
 *
 * <p>Twisted: {@code twisted.internet.error.DNSLookupError}.
 */
public class DNSLookupError extends ConnectError {
    private static final long serialVersionUID = 1L;

    public DNSLookupError(String message) {
        super(message);
    }

    public DNSLookupError(String message, Throwable cause) {
        super(message, cause);
    }
}
