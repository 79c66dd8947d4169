package dev.jtwisted.web.server;

/**
 * The constants of Twisted's {@code server} module: ported code's {@code server.NOT_DONE_YET}
 * is {@code Server.NOT_DONE_YET}.
 *
 * <p>Twisted: {@code twisted.web.server} (module level).
 */
public final class Server {
    private Server() {}

    /**
     * What a renderer returns when it will write and finish the request later (from a Deferred's
     * callback, a {@code callLater}...). An empty array compared by identity: any other array,
     * empty ones included, is a body.
     */
    public static final byte[] NOT_DONE_YET = new byte[0];

    /** The {@code Server} header of every response. Twisted: {@code server.version}. */
    public static final String version = "jtwisted.web/0.1";
}
