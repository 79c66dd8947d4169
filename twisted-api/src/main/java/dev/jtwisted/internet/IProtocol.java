package dev.jtwisted.internet;

import dev.jtwisted.python.failure.Failure;

/**
 * The events of one connection: it is made, data arrives, it is lost. Usually extended through
 * {@link Protocol}.
 *
 * <p>Threads: all events of one connection come on one reactor thread, in order.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IProtocol}.
 */
public interface IProtocol {
    /** Called by the reactor with the new connection's transport; calls {@link #connectionMade()}. */
    void makeConnection(ITransport transport);

    /** The connection is up and {@code transport} is set. */
    void connectionMade();

    /**
     * Some bytes arrived. They come in chunks of any size: a message may be split over calls, or
     * several may arrive in one; feed them to a parser that keeps what is left over.
     */
    void dataReceived(byte[] data);

    /**
     * The connection is gone: {@code reason} wraps {@link ConnectionDone} for a clean close and
     * {@link ConnectionLost} (or a more precise error) otherwise.
     */
    void connectionLost(Failure reason);
}
