package dev.jtwisted.samples.kv;

import dev.jtwisted.internet.IReactorTime;
import dev.jtwisted.internet.ServerFactory;

/**
 * The kv server's factory: holds the one {@link KeyValueStore} that every connection's
 * {@link KeyValueProtocol} reads and writes, so a value set on one connection is seen on all.
 *
 * <p>Twisted: the training's {@code factory = protocol.ServerFactory()} with
 * {@code factory.protocol = KeyValueStoreProtocol} and {@code factory.store = KeyValueStore()}:
 * shared state lives on the factory.
 */
public final class KeyValueFactory extends ServerFactory {
    private final KeyValueStore store;

    /**
     * @param clock runs the expiries: the reactor, or a {@link dev.jtwisted.internet.task.Clock}
     * @param ttl seconds a value lives after its last {@code set}
     * @throws IllegalArgumentException if {@code ttl} is not a finite number above 0
     */
    public KeyValueFactory(IReactorTime clock, double ttl) {
        store = new KeyValueStore(clock, ttl);
        protocol = () -> new KeyValueProtocol(store);
    }

    /** The store every connection shares. */
    public KeyValueStore store() {
        return store;
    }
}
