package dev.jtwisted.internet.defer;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A lock for event-driven code: {@link #acquire()} gives a Deferred that fires when the lock is
 * yours, and {@link #release()} hands it to the next one waiting, in the order they asked.
 *
 * <p>Use it to keep asynchronous operations on a shared resource from overlapping, most simply
 * with {@link #run} or {@link #runDeferring}, which acquire, run and release for you. Cancelling
 * a Deferred from {@code acquire()} that is still waiting takes it off the waiting list; once it
 * has the lock, cancelling it does nothing.
 *
 * <p>Threads: no locks of its own; it belongs to one thread at a time, normally the reactor's.
 *
 * <p>Twisted: {@code twisted.internet.defer.DeferredLock}.
 */
public final class DeferredLock {
    private final ArrayDeque<Deferred<DeferredLock>> waiting = new ArrayDeque<>();
    private boolean locked;

    /** An unlocked lock. Twisted: {@code DeferredLock()}. */
    public DeferredLock() {}

    /**
     * True while somebody holds the lock: from an {@link #acquire()} that fired until the
     * matching {@link #release()} with nobody waiting. Lets a caller check before acquiring.
     *
     * <p>Twisted: {@code DeferredLock.locked}.
     */
    public boolean locked() {
        return locked;
    }

    /**
     * The Deferreds from {@link #acquire()} still waiting for the lock, first in line first: a
     * read-only snapshot, for tests and debugging.
     *
     * <p>Twisted: {@code DeferredLock.waiting}.
     */
    public List<Deferred<DeferredLock>> waiting() {
        return List.copyOf(waiting);
    }

    /**
     * Asks for the lock: the returned Deferred fires with this lock when it is yours, at once if
     * it is free, else after the holders before you release it. Call {@link #release()} when done.
     *
     * <p>Twisted: {@code DeferredLock.acquire}.
     */
    public Deferred<DeferredLock> acquire() {
        Deferred<DeferredLock> d = new Deferred<>(this::cancelAcquire);
        if (locked) {
            waiting.add(d);
        } else {
            locked = true;
            d.callback(this);
        }
        return d;
    }

    /** Canceller of a waiting {@code acquire()} Deferred: it leaves the line. */
    private void cancelAcquire(Deferred<DeferredLock> d) {
        waiting.removeFirstOccurrence(d);
    }

    /**
     * Releases the lock, handing it at once to the first one waiting, if any. Call it once per
     * {@link #acquire()} that fired, when done with the shared resource.
     *
     * <p>Twisted: {@code DeferredLock.release}.
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void release() {
        if (!locked) {
            throw new IllegalStateException("Tried to release an unlocked DeferredLock");
        }
        locked = false;
        Deferred<DeferredLock> next = waiting.poll();
        if (next != null) {
            locked = true;
            next.callback(this);
        }
    }

    /**
     * Acquires the lock, calls {@code f}, and releases the lock when {@code f} has returned or
     * thrown, then fires with what it returned or thrown. Use it to run one step under the lock.
     * A Deferred returned by {@code f} is waited for before releasing, though typed as the
     * Deferred itself; prefer {@link #runDeferring} for those.
     *
     * <p>Twisted: {@code DeferredLock.run}.
     *
     * @throws NullPointerException if {@code f} is null
     */
    public <R> Deferred<R> run(Callable<? extends R> f) {
        return ConcurrencyPrimitive.run(this::acquire, this::release, f);
    }

    /**
     * {@link #run} for a function returning a Deferred: the lock is released once that Deferred
     * has fired, with success or failure, and the returned Deferred fires with its result.
     *
     * <p>Twisted: {@code DeferredLock.run} with a function returning a Deferred.
     *
     * @throws NullPointerException if {@code f} is null
     */
    public <R> Deferred<R> runDeferring(Callable<? extends Deferred<? extends R>> f) {
        return ConcurrencyPrimitive.run(this::acquire, this::release, f);
    }

    @Override
    public String toString() {
        return "DeferredLock[" + (locked ? "locked" : "unlocked") + ", " + waiting.size()
                + " waiting]";
    }
}
