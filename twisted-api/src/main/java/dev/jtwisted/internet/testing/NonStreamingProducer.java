package dev.jtwisted.internet.testing;

import dev.jtwisted.internet.IConsumer;
import dev.jtwisted.internet.IPullProducer;
import dev.jtwisted.internet.defer.Deferred;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A pull producer that writes "0" to "9", one per {@code resumeProducing}, then unregisters
 * itself. For tests of consumers that must pull, and stop, producers correctly.
 *
 * <p>Twisted: {@code twisted.internet.testing.NonStreamingProducer}.
 */
public final class NonStreamingProducer implements IPullProducer {
    private IConsumer consumer;
    private int counter;
    private boolean stopped;
    private final Deferred<Void> result = new Deferred<>();

    /** A producer for {@code consumer}; register it there as non-streaming. */
    public NonStreamingProducer(IConsumer consumer) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
    }

    /**
     * Writes the next digit; after the tenth, unregisters and fires {@link #result()}.
     *
     * @throws IllegalStateException if called after that, or after {@link #stopProducing()}
     */
    @Override
    public void resumeProducing() {
        if (consumer == null || counter >= 10) {
            throw new IllegalStateException("BUG: resume after unregister/stop.");
        }
        consumer.write(Integer.toString(counter).getBytes(StandardCharsets.US_ASCII));
        counter++;
        if (counter == 10) {
            consumer.unregisterProducer();
            done();
        }
    }

    /** Stops for good and fires {@link #result()}. */
    @Override
    public void stopProducing() {
        stopped = true;
        done();
    }

    /** Fires (with null) once all ten digits are written or the producer is stopped. */
    public Deferred<Void> result() {
        return result;
    }

    /** How many digits were written. */
    public int counter() {
        return counter;
    }

    /** Whether {@link #stopProducing()} was called. */
    public boolean stopped() {
        return stopped;
    }

    private void done() {
        consumer = null;
        result.callback(null);
    }
}
