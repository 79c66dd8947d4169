package dev.jtwisted.web.client;

/**
 * A response body without a length ended when the server closed the connection: it is probably
 * whole, but nothing proves it. The reason a body protocol's {@code connectionLost} gets for such a
 * body (an HTTP/1.0 server's, usually).
 *
 * <p>Twisted: {@code twisted.web.http.PotentialDataLoss}.
 */
public class PotentialDataLoss extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PotentialDataLoss(String message) {
        super(message);
    }
}
