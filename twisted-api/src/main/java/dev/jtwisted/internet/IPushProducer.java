package dev.jtwisted.internet;

/**
 * A producer that writes whenever it has data (a "streaming" producer) until its consumer pauses
 * it, for instance because the socket's send buffer is full.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IPushProducer}.
 */
public interface IPushProducer extends IProducer {
    /** Stops writing until {@link #resumeProducing()}; the consumer has enough for now. */
    void pauseProducing();

    /** Goes on writing after {@link #pauseProducing()}. */
    void resumeProducing();
}
