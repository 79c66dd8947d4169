package dev.jtwisted.internet;

import java.util.List;

/**
 * One end of a stream connection, as its protocol sees it: write bytes, close, ask who is on
 * either end. It is also a consumer (for producers of large data) and a push producer (pausing it
 * stops reading from the peer).
 *
 * <p>Threads: a transport and its protocol belong to one reactor thread; call it only from
 * there (other threads go through {@code reactor.callFromThread}).
 *
 * <p>Twisted: {@code twisted.internet.interfaces.ITransport}, with {@code IConsumer} and
 * {@code IPushProducer} as every Twisted stream transport provides them.
 */
public interface ITransport extends IConsumer, IPushProducer {
    /**
     * Queues {@code data} to be sent; never blocks, never fails at once. The bytes of one
     * reactor turn are sent together when the turn ends. The transport keeps the array until it
     * is sent: do not change it afterwards.
     */
    @Override
    void write(byte[] data);

    /** Writes each array in order, as {@link #write} would. */
    void writeSequence(List<byte[]> data);

    /**
     * Closes the connection once everything written so far has been sent (and a registered
     * producer has been unregistered). The protocol then gets {@code connectionLost} with
     * {@link ConnectionDone}.
     */
    void loseConnection();

    /**
     * Closes the connection at once, dropping what has not been sent. The protocol then gets
     * {@code connectionLost} with {@link ConnectionLost}.
     */
    void abortConnection();

    /** The remote end's address. */
    IAddress getPeer();

    /** This end's address. */
    IAddress getHost();

    /**
     * Whether this connection has started closing: {@code loseConnection} or
     * {@code abortConnection} was called, or the transport is closing it on its own (after an
     * error). Line receivers check it so as to deliver no more lines once a line has closed the
     * connection. The default is for transports that never close.
     *
     * <p>Twisted: the {@code disconnecting} attribute of {@code abstract.FileDescriptor}.
     */
    default boolean disconnecting() {
        return false;
    }
}
