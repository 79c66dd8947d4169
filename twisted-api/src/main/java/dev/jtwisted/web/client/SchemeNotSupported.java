package dev.jtwisted.web.client;

/**
 * The URI's scheme is neither {@code http} nor {@code https}.
 *
 * <p>Twisted: {@code twisted.web.error.SchemeNotSupported}.
 */
public class SchemeNotSupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SchemeNotSupported(String message) {
        super(message);
    }
}
