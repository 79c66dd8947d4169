package dev.jtwisted.internet.internal;

import dev.jtwisted.internet.IProducer;
import dev.jtwisted.internet.IPullProducer;
import dev.jtwisted.internet.IPushProducer;
import java.util.Objects;

/**
 * The checks every consumer makes in {@code registerProducer}, with Twisted's wording. Not API.
 *
 * <p>Twisted: the start of {@code abstract.FileDescriptor.registerProducer}.
 */
public final class Producers {
    private Producers() {}

    /**
     * Checks that {@code producer} may be registered where {@code registered} is the producer
     * already there (or null).
     *
     * @throws NullPointerException if {@code producer} is null
     * @throws IllegalStateException if a producer is already registered (Twisted: RuntimeError)
     * @throws IllegalArgumentException if {@code streaming} and it is not an {@link IPushProducer},
     *     or not streaming and it has no {@code resumeProducing} (neither kind)
     */
    public static void checkRegistration(IProducer registered, IProducer producer, boolean streaming) {
        Objects.requireNonNull(producer, "producer");
        if (registered != null) {
            throw new IllegalStateException("Cannot register producer " + producer
                    + ", because producer " + registered + " was never unregistered.");
        }
        if (streaming && !(producer instanceof IPushProducer)) {
            throw new IllegalArgumentException("a streaming producer must be an IPushProducer: " + producer);
        }
        if (!streaming && !(producer instanceof IPullProducer) && !(producer instanceof IPushProducer)) {
            throw new IllegalArgumentException("a non-streaming producer must be an IPullProducer: " + producer);
        }
    }
}
