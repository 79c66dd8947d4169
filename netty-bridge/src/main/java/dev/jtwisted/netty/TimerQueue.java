package dev.jtwisted.netty;

import dev.jtwisted.internet.AlreadyCalled;
import dev.jtwisted.internet.AlreadyCancelled;
import dev.jtwisted.internet.IDelayedCall;
import dev.jtwisted.internet.IReactorTime;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reactor's delayed calls: a heap ordered by time (then by scheduling order, so calls due at
 * the same time run in the order made), driven by one Netty timer on the reactor's main loop
 * armed for the soonest call. Calls run only while the queue is active: from the moment the
 * reactor runs until it shuts down.
 *
 * <p>Threads: scheduling, cancelling and resetting may happen on any thread (a lock guards the
 * heap, so calls made while setting up before {@code run()} are safe); calls run on the loop.
 *
 * <p>Twisted: the {@code _pendingTimedCalls} heap and {@code runUntilCurrent} of
 * {@code twisted.internet.base.ReactorBase}.
 */
final class TimerQueue {
    private static final Logger log = LoggerFactory.getLogger(TimerQueue.class);
    /** About 31 years: far enough for "never", small enough for Netty's nanosecond deadlines. */
    private static final long MAX_DELAY_NANOS = 1_000_000_000L * 1_000_000_000L;
    private static final Comparator<DelayedCall> ORDER =
            Comparator.<DelayedCall>comparingDouble(c -> c.time).thenComparingLong(c -> c.seq);

    private final EventExecutor loop;
    private final Runnable fireTask = this::fire;
    private DelayedCall[] heap = new DelayedCall[16];
    private int size;
    private long nextSeq;
    private boolean active;
    private ScheduledFuture<?> timer;
    private double armedFor = Double.POSITIVE_INFINITY;

    TimerQueue(EventExecutor loop) {
        this.loop = loop;
    }

    double seconds() {
        return ReactorClock.seconds();
    }

    synchronized DelayedCall schedule(double delay, Runnable func) {
        IReactorTime.checkDelay(delay);
        Objects.requireNonNull(func, "callable");
        DelayedCall call = new DelayedCall(this, seconds() + delay, nextSeq++, func);
        add(call);
        if (active && heap[0] == call) {
            arm(call.time);
        }
        return call;
    }

    /** The pending calls, soonest first. */
    synchronized List<IDelayedCall> pending() {
        DelayedCall[] copy = Arrays.copyOf(heap, size);
        Arrays.sort(copy, ORDER);
        return new ArrayList<>(Arrays.asList(copy));
    }

    synchronized int size() {
        return size;
    }

    synchronized void cancel(DelayedCall call) {
        checkPending(call);
        call.cancelled = true;
        removeAt(call.heapIndex);
    }

    synchronized void delay(DelayedCall call, double secondsLater) {
        checkPending(call);
        checkFinite(secondsLater);
        call.time += secondsLater;
        moved(call);
    }

    synchronized void reset(DelayedCall call, double secondsFromNow) {
        checkPending(call);
        checkFinite(secondsFromNow);
        call.time = seconds() + secondsFromNow;
        moved(call);
    }

    private static void checkFinite(double seconds) {
        if (!Double.isFinite(seconds)) {
            throw new IllegalArgumentException("seconds must be finite: " + seconds);
        }
    }

    private void checkPending(DelayedCall call) {
        if (call.cancelled) {
            throw new AlreadyCancelled("delayed call " + call + " was already cancelled");
        }
        if (call.called) {
            throw new AlreadyCalled("delayed call " + call + " has already been called");
        }
    }

    private void moved(DelayedCall call) {
        int i = call.heapIndex;
        siftUp(i);
        siftDown(call.heapIndex);
        if (active && heap[0] == call) {
            arm(call.time);
        }
    }

    /** Starts running calls: the reactor runs. */
    synchronized void activate() {
        active = true;
        if (size > 0) {
            arm(heap[0].time);
        }
    }

    /** Stops running calls; the pending ones stay pending. The reactor stops. */
    synchronized void deactivate() {
        active = false;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        armedFor = Double.POSITIVE_INFINITY;
    }

    /** Arms the Netty timer for {@code time} unless it is armed for sooner. Under the lock. */
    private void arm(double time) {
        if (timer != null && armedFor <= time) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        double delay = (time - seconds()) * 1e9;
        long nanos = delay <= 0 ? 0 : delay >= MAX_DELAY_NANOS ? MAX_DELAY_NANOS : (long) Math.ceil(delay);
        armedFor = time;
        timer = loop.schedule(fireTask, nanos, TimeUnit.NANOSECONDS);
    }

    /** Runs the calls due now, in order, then arms for the next. On the loop. */
    private void fire() {
        double now;
        synchronized (this) {
            timer = null;
            armedFor = Double.POSITIVE_INFINITY;
            if (!active) {
                return;
            }
            now = seconds();
        }
        while (true) {
            DelayedCall call;
            synchronized (this) {
                if (!active || size == 0 || heap[0].time > now) {
                    break;
                }
                call = heap[0];
                removeAt(0);
                call.called = true;
            }
            try {
                call.func.run();
            } catch (Throwable t) {
                log.error("Unhandled error in delayed call {}; the reactor goes on", call, t);
            }
        }
        synchronized (this) {
            if (active && size > 0) {
                arm(heap[0].time);
            }
        }
    }

    // ------------------------------------------------------------------ the heap

    private void add(DelayedCall call) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = call;
        call.heapIndex = size;
        size++;
        siftUp(size - 1);
    }

    private void removeAt(int i) {
        DelayedCall removed = heap[i];
        size--;
        if (i != size) {
            DelayedCall last = heap[size];
            heap[i] = last;
            last.heapIndex = i;
            heap[size] = null;
            siftUp(i);
            siftDown(last.heapIndex);
        } else {
            heap[size] = null;
        }
        removed.heapIndex = -1;
    }

    private void siftUp(int i) {
        DelayedCall call = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (ORDER.compare(heap[parent], call) <= 0) {
                break;
            }
            heap[i] = heap[parent];
            heap[i].heapIndex = i;
            i = parent;
        }
        heap[i] = call;
        call.heapIndex = i;
    }

    private void siftDown(int i) {
        DelayedCall call = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && ORDER.compare(heap[right], heap[child]) < 0) {
                child = right;
            }
            if (ORDER.compare(call, heap[child]) <= 0) {
                break;
            }
            heap[i] = heap[child];
            heap[i].heapIndex = i;
            i = child;
        }
        heap[i] = call;
        call.heapIndex = i;
    }
}
