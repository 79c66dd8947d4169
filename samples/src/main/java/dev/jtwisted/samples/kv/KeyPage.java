package dev.jtwisted.samples.kv;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jtwisted.internet.ConnectError;
import dev.jtwisted.internet.ConnectionClosed;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.web.http.Http;
import dev.jtwisted.web.iweb.IRequest;
import dev.jtwisted.web.resource.Resource;
import dev.jtwisted.web.server.Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * {@code /KEY}: one key of the kv store over HTTP, through the front end's
 * {@link KeyValueConnection}.
 * <pre>
 * GET /KEY       200 and the value, or 404
 * POST /KEY      stores the form field {@code value}, or else the whole body: 200 "stored"
 * DELETE /KEY    200 "deleted", or 404
 * </pre>
 * Each renderer asks the kv server and returns {@code NOT_DONE_YET}; the reply's callbacks write
 * the response and finish it. Errors are plain text: 400 for a request the client or the kv
 * server refuses (a key with a space, a reserved or too long value), 503 when the kv server
 * cannot be reached, 502 when the connection to it is lost before the reply.
 *
 * <p>Made per request by the front end's root, so its fields belong to one request.
 *
 * <p>Twisted: the training's {@code keyvalue_web.py}: {@code GetPage}, {@code SetPage} and
 * {@code DeletePage}, whose {@code render_GET} does {@code d = self.kv.get(key)},
 * {@code d.addErrback(...)}, {@code d.addCallback(request.write)}, {@code d.addCallback(lambda
 * _: request.finish())} and returns {@code NOT_DONE_YET}. Here one resource takes the three
 * methods, REST style, and the key is its path.
 */
final class KeyPage extends Resource {
    private static final String TEXT = "text/plain; charset=utf-8";

    private final KeyValueConnection kv;
    private final String key;
    /** Whether the web client went away before its answer was written. */
    private boolean gone;

    KeyPage(KeyValueConnection kv, String key) {
        this.kv = Objects.requireNonNull(kv, "kv");
        this.key = Objects.requireNonNull(key, "key");
        isLeaf = true;
    }

    public byte[] render_GET(IRequest request) {
        watch(request);
        kv.client()
                .addCallbackDeferring(client -> client.get(key))
                .addErrback(f -> errorPage(request, f))
                .addCallback(body -> write(request, body))
                .addErrback(request::processingFailed);
        return Server.NOT_DONE_YET;
    }

    public byte[] render_POST(IRequest request) {
        watch(request);
        String value = value(request);
        kv.client()
                .addCallbackDeferring(client -> client.set(key, value))
                .addCallback(stored -> KeyValueProtocol.STORED + "\n")
                .addErrback(f -> errorPage(request, f))
                .addCallback(body -> write(request, body))
                .addErrback(request::processingFailed);
        return Server.NOT_DONE_YET;
    }

    public byte[] render_DELETE(IRequest request) {
        watch(request);
        kv.client()
                .addCallbackDeferring(client -> client.delete(key))
                .addCallback(deleted -> KeyValueProtocol.DELETED + "\n")
                .addErrback(f -> errorPage(request, f))
                .addCallback(body -> write(request, body))
                .addErrback(request::processingFailed);
        return Server.NOT_DONE_YET;
    }

    /** The value a POST stores: the form field {@code value} if there is one, else the body. */
    private static String value(IRequest request) {
        List<String> field = request.args().get("value");
        if (field != null && !field.isEmpty()) {
            return field.get(0);
        }
        try {
            return new String(request.content().readAllBytes(), UTF_8);
        } catch (IOException e) {
            // The body is in memory already; a failure here is a bug.
            throw new UncheckedIOException("cannot read the body of " + request.uri(), e);
        }
    }

    private void watch(IRequest request) {
        request.notifyFinish().addErrback(f -> {
            gone = true;
            return null;
        });
    }

    /**
     * The error's status, set on {@code request}, and its message as the body; rethrows a
     * failure it does not know, for {@code processingFailed}.
     */
    private String errorPage(IRequest request, Failure f) {
        if (f.check(KeyNotFound.class) != null) {
            request.setResponseCode(Http.NOT_FOUND);
            return f.getErrorMessage() + "\n";
        }
        if (f.check(IllegalArgumentException.class) != null) {
            request.setResponseCode(Http.BAD_REQUEST);
            return f.getErrorMessage() + "\n";
        }
        if (f.check(KeyValueError.class) != null) {
            request.setResponseCode(Http.BAD_REQUEST);
            return "refused by the kv server: " + f.getErrorMessage() + "\n";
        }
        if (f.check(ConnectError.class) != null) {
            request.setResponseCode(Http.SERVICE_UNAVAILABLE);
            return "the kv server at " + kv.server() + " is unavailable: " + f.getErrorMessage() + "\n";
        }
        if (f.check(ConnectionClosed.class) != null) {
            request.setResponseCode(Http.BAD_GATEWAY);
            return "lost the connection to the kv server at " + kv.server() + ": " + f.getErrorMessage() + "\n";
        }
        throw f.raiseException();
    }

    private Void write(IRequest request, String body) {
        if (gone) {
            return null;
        }
        request.setHeader("content-type", TEXT);
        request.write(body.getBytes(UTF_8));
        request.finish();
        return null;
    }

    @Override
    public String toString() {
        return "KeyPage(" + key + ")";
    }
}
