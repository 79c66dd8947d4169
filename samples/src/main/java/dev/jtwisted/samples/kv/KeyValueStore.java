package dev.jtwisted.samples.kv;

import dev.jtwisted.internet.IDelayedCall;
import dev.jtwisted.internet.IReactorTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A dictionary whose entries expire: each value is deleted {@code ttl} seconds after it was last
 * set. A delayed call per key does it: {@code set} schedules it with {@code callLater}, a new
 * {@code set} of the same key resets it, and {@code delete} cancels it, so a refreshed value is
 * never deleted by the timer of an older one.
 *
 * <p>Time comes from an {@link IReactorTime}: the reactor when serving, a
 * {@link dev.jtwisted.internet.task.Clock} in tests, which expire values by advancing it.
 *
 * <p>Threads: use it on its clock's thread (the reactor thread), where the expiries run too.
 *
 * <p>Twisted: the training's {@code keyvalue.py}, {@code KeyValueStore} with its
 * {@code store} and {@code timeouts} dictionaries and {@code reactor.callLater(15, self.delete,
 * key)}.
 */
public final class KeyValueStore {
    /** The training's lifetime of a value, in seconds. */
    public static final double DEFAULT_TTL = 15;

    private final Map<String, String> store = new HashMap<>();
    private final Map<String, IDelayedCall> timeouts = new HashMap<>();
    private final IReactorTime clock;
    private final double ttl;

    /**
     * @param clock runs the expiries
     * @param ttl seconds a value lives after its last {@code set}; fractions allowed
     * @throws IllegalArgumentException if {@code ttl} is not a finite number above 0
     */
    public KeyValueStore(IReactorTime clock, double ttl) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!(ttl > 0) || Double.isInfinite(ttl)) {
            throw new IllegalArgumentException("ttl must be a finite number of seconds above 0: " + ttl);
        }
        this.ttl = ttl;
    }

    /**
     * The value of {@code key}.
     *
     * @throws KeyNotFound if it has none (never set, deleted, or expired)
     */
    public String get(String key) {
        String value = store.get(key);
        if (value == null) {
            throw new KeyNotFound(key);
        }
        return value;
    }

    /** Stores {@code value} under {@code key}, for {@code ttl} seconds from now. */
    public void set(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        store.put(key, value);
        IDelayedCall timeout = timeouts.get(key);
        if (timeout != null && timeout.active()) {
            timeout.reset(ttl);
        } else {
            timeouts.put(key, clock.callLater(ttl, () -> expire(key)));
        }
    }

    /**
     * Deletes {@code key} and its timeout.
     *
     * @throws KeyNotFound if it has no value
     */
    public void delete(String key) {
        cancelTimeout(key);
        if (store.remove(key) == null) {
            throw new KeyNotFound(key);
        }
    }

    /** How many keys have a value. */
    public int size() {
        return store.size();
    }

    /** Seconds a value lives after its last {@code set}. */
    public double ttl() {
        return ttl;
    }

    /** The timeout's own call: it has run, so only forget it. */
    private void expire(String key) {
        timeouts.remove(key);
        store.remove(key);
    }

    private void cancelTimeout(String key) {
        IDelayedCall timeout = timeouts.remove(key);
        if (timeout != null && timeout.active()) {
            timeout.cancel();
        }
    }

    @Override
    public String toString() {
        return "KeyValueStore(" + store.size() + " keys, ttl " + ttl + " s)";
    }
}
