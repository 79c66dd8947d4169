package dev.jtwisted.internet.defer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A queue for event-driven code: {@link #put} adds an item, {@link #get()} gives a Deferred that
 * fires with the next item, at once if one is there, else when one is put.
 *
 * <p>Use it to hand items from producers to consumers without blocking. {@code size} bounds the
 * items held ({@link QueueOverflow} beyond it) and {@code backlog} bounds the {@code get()}s
 * waiting ({@link QueueUnderflow} beyond it); both are unlimited by default. Cancelling a
 * Deferred from {@code get()} that is still waiting takes it off the waiting list, so the next
 * item goes to the next getter. Items may be null, but not Deferreds: {@link
 * Deferred#callback} refuses a Deferred, so queue the value and wait for it before putting it.
 *
 * <p>Threads: no locks; it belongs to one thread at a time, normally the reactor's.
 *
 * <p>Twisted: {@code twisted.internet.defer.DeferredQueue}.
 *
 * @param <T> the type of the items
 */
public final class DeferredQueue<T> {
    /** The {@code size} or {@code backlog} meaning "no limit": Twisted's {@code None}. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    /** Stands for a null item in {@link #pending}, as ArrayDeque holds no nulls. */
    private static final Object NULL_ITEM = new Object();

    private final ArrayDeque<Deferred<T>> waiting = new ArrayDeque<>();
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private final int size;
    private final int backlog;

    /**
     * A queue without limits on items held or gets waiting.
     *
     * <p>Twisted: {@code DeferredQueue()}.
     */
    public DeferredQueue() {
        this(UNLIMITED, UNLIMITED);
    }

    /**
     * A queue holding at most {@code size} items, with at most {@code backlog} gets waiting;
     * {@link #UNLIMITED} for no limit.
     *
     * <p>Twisted: {@code DeferredQueue(size, backlog)}.
     *
     * @throws IllegalArgumentException if {@code size} or {@code backlog} is negative
     */
    public DeferredQueue(int size, int backlog) {
        if (size < 0) {
            throw new IllegalArgumentException("DeferredQueue size must be >= 0, got " + size);
        }
        if (backlog < 0) {
            throw new IllegalArgumentException("DeferredQueue backlog must be >= 0, got " + backlog);
        }
        this.size = size;
        this.backlog = backlog;
    }

    /**
     * Adds {@code item}: gives it at once to the first {@code get()} waiting, if any, else keeps it
     * until one comes.
     *
     * <p>Twisted: {@code DeferredQueue.put}.
     *
     * @throws QueueOverflow if nobody is waiting and the queue already holds {@code size} items
     */
    public void put(T item) {
        Deferred<T> getter = waiting.poll();
        if (getter != null) {
            getter.callback(item);
        } else if (pending.size() < size) {
            pending.add(item == null ? NULL_ITEM : item);
        } else {
            throw new QueueOverflow("DeferredQueue is full: it holds " + pending.size()
                    + " items, its size limit, and nobody is waiting for one; cannot put " + item);
        }
    }

    /**
     * Takes the next item: the returned Deferred fires with it, at once if the queue holds one,
     * else when one is put (getters are served in the order they asked).
     *
     * <p>Twisted: {@code DeferredQueue.get}.
     *
     * @throws QueueUnderflow if the queue is empty and {@code backlog} gets are already waiting
     */
    @SuppressWarnings("unchecked")
    public Deferred<T> get() {
        if (!pending.isEmpty()) {
            Object item = pending.poll();
            return Defer.succeed(item == NULL_ITEM ? null : (T) item);
        }
        if (waiting.size() < backlog) {
            Deferred<T> d = new Deferred<>(this::cancelGet);
            waiting.add(d);
            return d;
        }
        throw new QueueUnderflow("DeferredQueue is empty and already has " + waiting.size()
                + " gets waiting, its backlog limit");
    }

    /** Canceller of a waiting {@code get()} Deferred: it leaves the line. */
    private void cancelGet(Deferred<T> d) {
        waiting.removeFirstOccurrence(d);
    }

    /**
     * The items held, waiting for a {@code get()}, next one first: a read-only snapshot.
     *
     * <p>Twisted: {@code DeferredQueue.pending}.
     */
    @SuppressWarnings("unchecked")
    public List<T> pending() {
        List<T> items = new ArrayList<>(pending.size());
        for (Object item : pending) {
            items.add(item == NULL_ITEM ? null : (T) item);
        }
        return Collections.unmodifiableList(items);
    }

    /**
     * The Deferreds from {@link #get()} waiting for an item, first in line first: a read-only
     * snapshot, for tests and debugging.
     *
     * <p>Twisted: {@code DeferredQueue.waiting}.
     */
    public List<Deferred<T>> waiting() {
        return List.copyOf(waiting);
    }

    @Override
    public String toString() {
        return "DeferredQueue[" + pending.size() + " pending, " + waiting.size() + " waiting]";
    }
}
