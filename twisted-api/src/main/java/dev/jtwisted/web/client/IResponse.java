package dev.jtwisted.web.client;

import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.web.http_headers.Headers;

/**
 * A response's status and headers, which arrive first, and the way to its body, which is
 * streamed to a protocol given to {@link #deliverBody}. Until then the body waits: the
 * connection stops reading, so a response whose body nobody asks for holds its connection.
 *
 * <p>Threads: the reactor thread of the connection it came on.
 *
 * <p>Twisted: {@code twisted.web.iweb.IResponse}.
 */
public interface IResponse {
    /** The {@link #length()} of a body of unknown length. Twisted: {@code iweb.UNKNOWN_LENGTH}. */
    long UNKNOWN_LENGTH = IBodyProducer.UNKNOWN_LENGTH;

    /** The protocol version of the status line, such as "HTTP/1.1". */
    String version();

    /** The status code, such as 200. */
    int code();

    /** The reason phrase, such as "OK"; may be empty. */
    String phrase();

    /**
     * The response's headers, less the ones about the connection ({@code Connection},
     * {@code Content-Length}, {@code Transfer-Encoding}, {@code Keep-Alive} and such), which
     * the client consumed; {@link #length()} tells the length. As in Twisted, a response to HEAD
     * keeps its {@code Content-Length}.
     */
    Headers headers();

    /** How many bytes the body has, or {@link #UNKNOWN_LENGTH} (chunked or close-delimited); 0 for none. */
    long length();

    /**
     * Streams the body to {@code protocol}: {@code makeConnection} with a transport that can
     * pause, resume and abort the download (and cannot be written to), {@code dataReceived}
     * with each piece, then {@code connectionLost} with {@link ResponseDone} when it is whole,
     * {@link PotentialDataLoss} when the server closed a body without a length, or
     * {@link ResponseFailed} when it was cut short.
     *
     * @throws IllegalStateException if the body was already given to a protocol
     */
    void deliverBody(IProtocol protocol);

    /** The request this response answers. */
    IClientRequest request();

    /** The response that redirected to this one, or null. Set by the redirect agents. */
    IResponse previousResponse();

    /** Sets {@link #previousResponse()}. Twisted: {@code setPreviousResponse}. */
    void setPreviousResponse(IResponse previousResponse);
}
