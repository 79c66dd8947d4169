package dev.jtwisted.internet;

/**
 * A producer that writes one chunk each time its consumer asks ({@link #resumeProducing()}),
 * a "non-streaming" producer.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IPullProducer}.
 */
public interface IPullProducer extends IProducer {
    /** Writes the next chunk to the consumer. */
    void resumeProducing();
}
