package dev.jtwisted.web.iweb;

import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IConsumer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.web.http.Http;
import dev.jtwisted.web.http_headers.Headers;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request and its response, as a resource sees it: what was asked, and the means to
 * answer. Implemented by {@link dev.jtwisted.web.server.Request} (a real connection) and
 * {@link dev.jtwisted.web.test.DummyRequest} (resource tests).
 *
 * <p>Twisted's attributes are methods here ({@code request.method} is {@code method()}); the
 * lists and maps they return are the request's own, mutable ones, as in Twisted: resource
 * traversal moves path segments from {@link #postpath()} to {@link #prepath()}.
 *
 * <p>Threads: a request belongs to its connection's reactor thread. Call it only from there.
 *
 * <p>Twisted: {@code twisted.web.iweb.IRequest}.
 */
public interface IRequest extends IConsumer {
    /** The method, as sent ({@code "GET"}, {@code "POST"}). */
    String method();

    /** The request target as sent, query included: {@code /a/b%20/c?q=v}. */
    String uri();

    /** {@link #uri()} without its query: {@code /a/b%20/c}. */
    String path();

    /** The protocol version as sent: {@code "HTTP/1.1"} or {@code "HTTP/1.0"}. */
    String clientproto();

    /**
     * Query arguments, and form fields of a urlencoded POST body, each name with its values in
     * order: {@code ?a=1&a=2&b=} gives {@code {a=[1, 2], b=[""]}}. Twisted's rules: items are
     * split at {@code &} and {@code ;}, blank values are kept, an item without {@code =} is
     * dropped, {@code +} is a space; percent escapes are decoded as UTF-8 (Twisted keeps bytes).
     */
    Map<String, List<String>> args();

    /** The request body. The same stream each call; {@code reset()} rewinds it (Twisted: seek(0)). */
    InputStream content();

    /** Path segments already traversed, percent-decoded. */
    List<String> prepath();

    /** Path segments still to traverse, percent-decoded: {@code /a/b/} gives {@code [a, b, ""]}. */
    List<String> postpath();

    Headers requestHeaders();

    Headers responseHeaders();

    /** The last value of the request header {@code key}, or null. */
    default String getHeader(String key) {
        return requestHeaders().getLastRawHeader(key);
    }

    /** Every request header's last value, by lower-case name. */
    default Map<String, String> getAllHeaders() {
        Map<String, String> all = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : requestHeaders().getAllRawHeaders()) {
            List<String> v = e.getValue();
            all.put(e.getKey().toLowerCase(Locale.ROOT), v.get(v.size() - 1));
        }
        return all;
    }

    /** The value of the cookie {@code key} the client sent, or null. */
    String getCookie(String key);

    /** The client's address (the TCP peer). */
    IAddress getClientAddress();

    /** This server's address for the connection. */
    IAddress getHost();

    /** The host the client asked for (the {@code Host} header without its port), else this host's address. */
    String getRequestHostname();

    /** Whether the request came over TLS. */
    boolean isSecure();

    /** The URL of the resource being rendered: scheme, host, port and {@link #prepath()}. */
    String prePathURL();

    /** The user name of HTTP basic authentication, or {@code ""}. */
    String getUser();

    /** The password of HTTP basic authentication, or {@code ""}. */
    String getPassword();

    /** The response's status code so far (200 until set). */
    int code();

    /** Sets the status code, with its standard reason phrase. */
    default void setResponseCode(int code) {
        setResponseCode(code, null);
    }

    /** Sets the status code and the reason phrase to send with it. */
    void setResponseCode(int code, String message);

    /** Sets the response header {@code name}, replacing its values. */
    default void setHeader(String name, String value) {
        responseHeaders().setRawHeader(name, value);
    }

    /** Adds a {@code Set-Cookie} header. */
    default void addCookie(String key, String value) {
        addCookie(key, value, new Cookie());
    }

    /** Adds a {@code Set-Cookie} header with attributes. Twisted: {@code addCookie}'s keywords. */
    void addCookie(String key, String value, Cookie attributes);

    /** Answers with 302 Found to {@code url}; call {@link #finish()} after. */
    default void redirect(String url) {
        setResponseCode(Http.FOUND);
        setHeader("location", url);
    }

    /**
     * Sets {@code Last-Modified} (seconds since the epoch) unless a later time is set already.
     * Returns true (Twisted: {@code http.CACHED}) if the client's {@code If-Modified-Since}
     * shows it has this version: the status is then 304 and the body should be empty.
     */
    boolean setLastModified(long when);

    /**
     * Sets the {@code ETag}. Returns true (Twisted: {@code http.CACHED}) if the client's
     * {@code If-None-Match} names it: the status is then 304 (412 for other methods than GET and
     * HEAD) and the body should be empty.
     */
    boolean setETag(String etag);

    /**
     * Writes part of the body; the first write sends the status and headers. Without a
     * {@code Content-Length} an HTTP/1.1 response is sent chunked.
     *
     * @throws IllegalStateException after {@link #finish()}
     */
    @Override
    void write(byte[] data);

    /**
     * Ends the response (sending status and headers if nothing was written).
     *
     * @throws IllegalStateException if the connection was lost first; see {@link #notifyFinish()}
     */
    void finish();

    /** Whether {@link #finish()} has been called. */
    boolean finished();

    /**
     * A Deferred that fires with null once the response is finished, or fails (with the
     * connection's reason, usually {@code ConnectionDone} or {@code ConnectionLost}) if the
     * connection is lost before: the way a slow resource learns the client has gone.
     */
    Deferred<Void> notifyFinish();

    /**
     * Ends the request with a 500 after an error in a resource: logs {@code reason} with its
     * traceback (naming the request) and sends a generic page. Pass it as an errback for a
     * response finished later: {@code d.addErrback(request::processingFailed)}.
     */
    Void processingFailed(Failure reason);
}
