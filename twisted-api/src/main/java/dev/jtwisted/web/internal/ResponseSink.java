package dev.jtwisted.web.internal;

import dev.jtwisted.web.http_headers.Headers;

/**
 * Where one connection's responses go: implemented by the reactor's HTTP bridge, which turns
 * them into its codec's messages, and by fakes in tests. Called on the connection's reactor
 * thread, in response order; a response is either {@link #writeResponse} alone or
 * {@link #writeHead}, any number of {@link #writeBody}, then {@link #finishResponse}. Not API.
 */
public interface ResponseSink {
    /**
     * Sends a status line and headers; the body follows. The headers say how it is framed:
     * {@code Content-Length}, {@code Transfer-Encoding: chunked} (the sink frames the chunks),
     * or neither (HTTP/1.0, until the connection closes, or a response without a body).
     */
    void writeHead(String version, int code, String reason, Headers headers);

    /** Sends part of the body of the response whose head was sent. {@code data} is not changed after. */
    void writeBody(byte[] data);

    /** Sends a whole response at once: head, body (possibly empty), and its end. */
    void writeResponse(String version, int code, String reason, Headers headers, byte[] body);

    /**
     * The current response is complete (ends its body if {@link #writeHead} began it). If
     * {@code persistent}, the next request may be read and handed over; otherwise the connection
     * closes once everything written is sent.
     */
    void finishResponse(boolean persistent);
}
