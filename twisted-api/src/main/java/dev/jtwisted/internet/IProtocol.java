package dev.jtwisted.internet;

import dev.jtwisted.python.failure.Failure;
import java.nio.ByteBuffer;

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
     * Some bytes arrived, as a read-only view of the transport's own buffer: override this
     * instead of {@link #dataReceived(byte[])} to skip the copy into a new array, for protocols
     * that relay or scan bulk data. The default copies the view's remaining bytes and calls
     * {@link #dataReceived(byte[])}, so a protocol overrides one or the other, not both.
     *
     * <p>The view is valid only during the call: its memory is reused afterwards. Copy what
     * must be kept, or pass the view itself to {@link ITransport#write(ByteBuffer)}, which on the
     * Netty reactor sends it without copying. Transports that have no buffer of their own (the
     * test kit's) wrap the bytes they deliver.
     *
     * <p>Twisted has no such call: its {@code dataReceived} takes {@code bytes} the socket read
     * into, which Java can only offer by copying out of the socket's direct memory.
     */
    default void dataReceived(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        dataReceived(bytes);
    }

    /**
     * The connection is gone: {@code reason} wraps {@link ConnectionDone} for a clean close and
     * {@link ConnectionLost} (or a more precise error) otherwise.
     */
    void connectionLost(Failure reason);
}
