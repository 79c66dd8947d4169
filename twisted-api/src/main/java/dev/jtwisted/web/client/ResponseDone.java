package dev.jtwisted.web.client;

/**
 * A response body was received whole: the reason a body protocol's {@code connectionLost} gets
 * when all is well.
 *
 * <p>Twisted: {@code twisted.web._newclient.ResponseDone}.
 */
public class ResponseDone extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ResponseDone(String message) {
        super(message);
    }
}
