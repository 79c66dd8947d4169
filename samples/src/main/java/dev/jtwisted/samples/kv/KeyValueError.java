package dev.jtwisted.samples.kv;

/**
 * The kv server refused a request ({@code error: MESSAGE}), or answered one in a way the
 * protocol does not allow: the failure of that {@link KeyValueClient} request. The message is
 * the server's, without the {@code error: } prefix.
 *
 * <p>Twisted: the {@code ClientError}/{@code ServerError} of {@code twisted.protocols.memcache},
 * which the training's client did not handle yet.
 */
public final class KeyValueError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KeyValueError(String message) {
        super(message);
    }
}
