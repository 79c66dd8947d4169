package dev.jtwisted.samples.simpleclient;

import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.defer.Deferred;
import java.util.function.Supplier;

/**
 * A client factory for one connection: what to send, and (from the second client on) the
 * Deferred to fire with the answer. One factory per connection is the normal way: the factory
 * is what a protocol reaches for its request, so each request gets its own.
 *
 * <p>Twisted: the training's {@code factory = protocol.ClientFactory()} with
 * {@code factory.protocol}, {@code factory.text} and {@code factory.deferred} set on it.
 */
final class RequestFactory extends ClientFactory {
    /** The word to send. Twisted: {@code factory.text}. */
    final String text;
    /** Fired with the answer, or failed; null for the first client. Twisted: {@code factory.deferred}. */
    final Deferred<String> deferred;

    RequestFactory(Supplier<? extends Protocol> protocol, String text, Deferred<String> deferred) {
        this.protocol = protocol;
        this.text = text;
        this.deferred = deferred;
        noisy = false;
    }

    @Override
    public String toString() {
        return "RequestFactory(" + text + ")";
    }
}
