package dev.jtwisted.web.client;

import dev.jtwisted.internet.IConsumer;
import dev.jtwisted.internet.IPushProducer;
import dev.jtwisted.internet.defer.Deferred;

/**
 * Writes a request's body: the client registers it with the connection as a streaming producer
 * and calls {@link #startProducing}; a body of known {@link #length()} goes out with
 * {@code Content-Length}, one of {@link #UNKNOWN_LENGTH} with chunked transfer encoding.
 *
 * <p>Threads: all calls come on the connection's reactor thread.
 *
 * <p>Twisted: {@code twisted.web.iweb.IBodyProducer}.
 */
public interface IBodyProducer extends IPushProducer {
    /** The length of a body that is not known in advance. Twisted: {@code iweb.UNKNOWN_LENGTH}. */
    long UNKNOWN_LENGTH = -1;

    /** How many bytes the body has (exactly that many must be written), or {@link #UNKNOWN_LENGTH}. */
    long length();

    /**
     * Starts writing the body to {@code consumer}. The Deferred fires once all of it has been
     * written, or fails if it cannot be; after {@link #stopProducing()} it need never fire.
     * Cancelling it stops producing.
     */
    Deferred<Void> startProducing(IConsumer consumer);

    /**
     * Stops for good: the connection went away or the request was cancelled. The Deferred of
     * {@link #startProducing} need not fire afterwards.
     */
    @Override
    void stopProducing();
}
