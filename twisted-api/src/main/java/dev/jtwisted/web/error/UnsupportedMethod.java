package dev.jtwisted.web.error;

import java.util.List;

/**
 * Raised by {@code render} when a resource has no renderer for the request's method; the
 * server answers 405 Method Not Allowed with an {@code Allow} header of {@link #allowedMethods()}.
 *
 * <p>Twisted: {@code twisted.web.error.UnsupportedMethod}.
 */
public class UnsupportedMethod extends RuntimeException {
    private final List<String> allowedMethods;

    public UnsupportedMethod(List<String> allowedMethods) {
        super("Expected one of " + allowedMethods);
        this.allowedMethods = List.copyOf(allowedMethods);
    }

    /** The methods the resource does render. */
    public List<String> allowedMethods() {
        return allowedMethods;
    }
}
