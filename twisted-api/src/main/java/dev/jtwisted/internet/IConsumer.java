package dev.jtwisted.internet;

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
}
