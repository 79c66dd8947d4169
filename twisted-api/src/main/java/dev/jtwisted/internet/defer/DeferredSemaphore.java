package dev.jtwisted.internet.defer;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A semaphore for event-driven code: at most {@link #limit()} holders at once; {@link #acquire()}
 * gives a Deferred that fires when a token is yours, and {@link #release()} hands the token to
 * the next one waiting, in the order they asked.
 *
 * <p>Use it to bound how many asynchronous operations run at the same time, most simply with
 * {@link #run} or {@link #runDeferring}. Cancelling a Deferred from {@code acquire()} that is still
 * waiting takes it off the waiting list; once it has a token, cancelling it does nothing.
 *
 * <p>Threads: no locks of its own; it belongs to one thread at a time, normally the reactor's.
 *
 * <p>Twisted: {@code twisted.internet.defer.DeferredSemaphore}.
 */
public final class DeferredSemaphore {
    private final ArrayDeque<Deferred<DeferredSemaphore>> waiting = new ArrayDeque<>();
    private final int limit;
    private int tokens;

    /**
     * A semaphore with {@code tokens} tokens, all free: {@code tokens} holders at most.
     *
     * <p>Twisted: {@code DeferredSemaphore(tokens)}.
     *
     * @throws IllegalArgumentException if {@code tokens} is less than 1
     */
    public DeferredSemaphore(int tokens) {
        if (tokens < 1) {
            throw new IllegalArgumentException("DeferredSemaphore requires tokens >= 1, got " + tokens);
        }
        this.tokens = tokens;
        this.limit = tokens;
    }

    /**
     * How many tokens are free now: {@link #limit()} minus the current holders.
     *
     * <p>Twisted: {@code DeferredSemaphore.tokens}.
     */
    public int tokens() {
        return tokens;
    }

    /**
     * How many holders there may be at once: the token count it was created with.
     *
     * <p>Twisted: {@code DeferredSemaphore.limit}.
     */
    public int limit() {
        return limit;
    }

    /**
     * The Deferreds from {@link #acquire()} still waiting for a token, first in line first: a
     * read-only snapshot, for tests and debugging.
     *
     * <p>Twisted: {@code DeferredSemaphore.waiting}.
     */
    public List<Deferred<DeferredSemaphore>> waiting() {
        return List.copyOf(waiting);
    }

    /**
     * Asks for a token: the returned Deferred fires with this semaphore when one is yours, at once
     * if one is free. Call {@link #release()} when done.
     *
     * <p>Twisted: {@code DeferredSemaphore.acquire}.
     */
    public Deferred<DeferredSemaphore> acquire() {
        Deferred<DeferredSemaphore> d = new Deferred<>(this::cancelAcquire);
        if (tokens == 0) {
            waiting.add(d);
        } else {
            tokens--;
            d.callback(this);
        }
        return d;
    }

    /** Canceller of a waiting {@code acquire()} Deferred: it leaves the line. */
    private void cancelAcquire(Deferred<DeferredSemaphore> d) {
        waiting.removeFirstOccurrence(d);
    }

    /**
     * Gives a token back, handing it at once to the first one waiting, if any. Call it once per
     * {@link #acquire()} that fired.
     *
     * <p>Twisted: {@code DeferredSemaphore.release}.
     *
     * @throws IllegalStateException if no token is held (all {@link #limit()} tokens are free)
     */
    public void release() {
        if (tokens >= limit) {
            throw new IllegalStateException("DeferredSemaphore released too many times: all "
                    + limit + " tokens are already free");
        }
        Deferred<DeferredSemaphore> next = waiting.poll();
        if (next == null) {
            tokens++;
        } else {
            next.callback(this);
        }
    }

    /**
     * Acquires a token, calls {@code f}, and releases the token when {@code f} has returned or
     * thrown, then fires with what it returned or thrown. A Deferred returned by {@code f} is
     * waited for before releasing, though typed as the Deferred itself; prefer
     * {@link #runDeferring} for those.
     *
     * <p>Twisted: {@code DeferredSemaphore.run}.
     *
     * @throws NullPointerException if {@code f} is null
     */
    public <R> Deferred<R> run(Callable<? extends R> f) {
        return ConcurrencyPrimitive.run(this::acquire, this::release, f);
    }

    /**
     * {@link #run} for a function returning a Deferred: the token is released once that Deferred
     * has fired, with success or failure, and the returned Deferred fires with its result.
     *
     * <p>Twisted: {@code DeferredSemaphore.run} with a function returning a Deferred.
     *
     * @throws NullPointerException if {@code f} is null
     */
    public <R> Deferred<R> runDeferring(Callable<? extends Deferred<? extends R>> f) {
        return ConcurrencyPrimitive.run(this::acquire, this::release, f);
    }

    @Override
    public String toString() {
        return "DeferredSemaphore[" + tokens + " of " + limit + " tokens free, " + waiting.size()
                + " waiting]";
    }
}
