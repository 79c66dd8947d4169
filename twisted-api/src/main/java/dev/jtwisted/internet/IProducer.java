package dev.jtwisted.internet;

/**
 * Something that writes data into a consumer at its own pace; the consumer can tell it to stop
 * for good.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IProducer}.
 */
public interface IProducer {
    /** Stops producing for good: the consumer is going away. */
    void stopProducing();
}
