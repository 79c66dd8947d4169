package dev.jtwisted.internet;

import java.nio.ByteBuffer;

/**
 * Takes data from a producer and controls its pace.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IConsumer}.
 */
public interface IConsumer {
    /**
     * Attaches {@code producer}. A streaming ({@link IPushProducer}) one is paused when this
     * consumer has too much buffered and resumed when it has drained; a non-streaming
     * ({@link IPullProducer}) one is asked for each chunk.
     *
     * @throws IllegalStateException if a producer is already registered
     */
    void registerProducer(IProducer producer, boolean streaming);

    /** Detaches the producer registered before, if any. */
    void unregisterProducer();

    /** Takes some data; buffers it and never blocks. */
    void write(byte[] data);

    /**
     * Takes the {@code remaining()} bytes of {@code data} and consumes them, as a channel write
     * does (its position moves to its limit), so the caller may reuse the buffer afterwards.
     * The default copies them into an array for {@link #write(byte[])}; the Netty reactor's
     * transports copy once into socket memory instead, and not at all when {@code data} is the
     * view their {@link IProtocol#dataReceived(ByteBuffer)} is being called with.
     */
    default void write(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        write(bytes);
    }
}
