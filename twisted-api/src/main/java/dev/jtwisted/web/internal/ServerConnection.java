package dev.jtwisted.web.internal;

import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.web.http.HTTPChannel;
import dev.jtwisted.web.http.Http;
import dev.jtwisted.web.http_headers.Headers;
import dev.jtwisted.web.server.Request;
import dev.jtwisted.web.server.Site;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP server connection's requests and responses, without the wire: the bridge hands it
 * each whole request ({@link #requestReceived}) once the previous response is finished, and it
 * makes the site's {@link Request}, decides whether the connection stays open, and passes the
 * request's response to the {@link ResponseSink}. Requests are answered one at a time, in the
 * order they came, as Twisted does: a pipelined request waits (in the bridge) until the one
 * before it is finished, so responses can never overtake each other. Not API.
 *
 * <p>Threads: the connection's reactor thread.
 *
 * <p>Twisted: {@code HTTPChannel.allHeadersReceived}, {@code allContentReceived},
 * {@code checkPersistence}, {@code requestDone}, {@code writeHeaders}.
 */
public final class ServerConnection {
    private static final Logger log = LoggerFactory.getLogger(ServerConnection.class);
    private static final byte[] EMPTY = new byte[0];

    private final HTTPChannel channel;
    private final ResponseSink sink;
    /** The request being answered; null between requests. */
    private Request current;
    /** Whether the connection stays open after {@link #current}'s response. */
    private boolean persistent;
    private boolean lost;

    /** Drives {@code channel} (which must not be driven yet), answering through {@code sink}. */
    public ServerConnection(HTTPChannel channel, ResponseSink sink) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.sink = Objects.requireNonNull(sink, "sink");
        Channels.attach(channel, this);
    }

    public HTTPChannel channel() {
        return channel;
    }

    public Site site() {
        return channel.site();
    }

    /** Whether a request has been handed over and its response is not finished yet. */
    public boolean busy() {
        return current != null;
    }

    /**
     * A whole request has arrived: makes the site's request for it and processes it (rendering
     * its resource). Called only when no response is pending ({@link #busy()} is false).
     *
     * @param headers the request's headers; the request keeps this object
     * @param content the body (empty if none); the request keeps this array
     */
    public void requestReceived(String method, String uri, String version, Headers headers, byte[] content) {
        if (current != null) {
            throw new IllegalStateException(channel + " got a request before finishing " + current);
        }
        if (lost) {
            return;
        }
        Request request = site().requestFactory().apply(channel);
        current = request;
        request.setRequestHeaders(headers);
        persistent = checkPersistence(request, version);
        if (content.length > 0) {
            request.handleContentChunk(content);
        }
        try {
            request.requestReceived(method, uri, version);
        } catch (Throwable t) {
            // Request.process turns a resource's exception into a 500: this is a bug below that.
            log.error("{} raised while processing {}; closing the connection", request, channel, t);
            current = null;
            channel.transport().loseConnection();
        }
    }

    /**
     * Whether the connection may stay open after answering {@code request}: HTTP/1.1 unless
     * the client sent {@code Connection: close} (then the response says {@code Connection: close}
     * too); never for HTTP/1.0, as in Twisted.
     *
     * <p>Twisted: {@code HTTPChannel.checkPersistence}.
     */
    static boolean checkPersistence(Request request, String version) {
        if (!"HTTP/1.1".equals(version)) {
            return false;
        }
        List<String> connection = request.requestHeaders().getRawHeaders("connection");
        if (connection != null) {
            for (String value : connection) {
                for (String token : value.split("[ ,]")) {
                    if (token.toLowerCase(Locale.ROOT).equals("close")) {
                        request.responseHeaders().setRawHeader("connection", "close");
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * The request could not be read: it was malformed (400) or over a limit (413 body, 414
     * request line, 431 headers). Answers {@code code} at once and closes the connection; no
     * request is made. Twisted: {@code _respondToBadRequestAndDisconnect} (always 400 there).
     */
    public void badRequest(int code, String why) {
        if (current != null) {
            throw new IllegalStateException(channel + ": a bad request before finishing " + current);
        }
        log.info("Rejecting a request from {} with {}: {}", channel.transport().getPeer(), code, why);
        Headers headers = new Headers();
        headers.setRawHeader("Connection", "close");
        headers.setRawHeader("Content-Length", "0");
        sink.writeResponse("HTTP/1.1", code, Http.responsePhrase(code), headers, EMPTY);
        sink.finishResponse(false);
    }

    // ------------------------------------------------------------------ from the request

    /** Sends {@code request}'s status line and headers. Twisted: {@code HTTPChannel.writeHeaders}. */
    public void writeHeaders(Request request, String version, int code, String reason, Headers headers) {
        check(request);
        sink.writeHead(version, code, reason, headers);
    }

    /** Sends part of {@code request}'s body. Twisted: {@code HTTPChannel.write}. */
    public void write(Request request, byte[] data) {
        check(request);
        sink.writeBody(data);
    }

    /** Sends {@code request}'s whole response at once: head, body and end. */
    public void writeResponse(Request request, String version, int code, String reason, Headers headers, byte[] body) {
        check(request);
        sink.writeResponse(version, code, reason, headers, body);
    }

    /**
     * {@code request}'s response is finished: the connection moves on to the next request or
     * closes. Twisted: {@code HTTPChannel.requestDone}.
     */
    public void requestDone(Request request) {
        check(request);
        current = null;
        sink.finishResponse(persistent);
    }

    private void check(Request request) {
        if (request != current) {
            throw new IllegalStateException(request + " is not the request being answered on " + channel
                    + " (" + current + ")");
        }
    }

    /** The connection is gone: the request being answered, if any, is told. */
    public void connectionLost(Failure reason) {
        lost = true;
        Request r = current;
        current = null;
        if (r != null) {
            r.connectionLost(reason);
        }
    }
}
