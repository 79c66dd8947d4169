package dev.jtwisted.web.client;

/**
 * The connection could not take the request: it was busy with another one, or already closed.
 * Nothing was written.
 *
 * <p>Twisted: {@code twisted.web._newclient.RequestNotSent}.
 */
public class RequestNotSent extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RequestNotSent(String message) {
        super(message);
    }
}
