package dev.jtwisted.samples.kv;

import java.util.Objects;

/**
 * The key is not in the store: thrown by {@link KeyValueStore}, and the failure of a
 * {@link KeyValueClient} request the server answered {@code not found}.
 *
 * <p>Twisted: the training's {@code KeyError(key)}, raised by the store and passed to
 * {@code d.errback} by the client.
 */
public final class KeyNotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public KeyNotFound(String key) {
        super("not found: " + Objects.requireNonNull(key, "key"));
        this.key = key;
    }

    /** The key that was asked for. */
    public String key() {
        return key;
    }
}
