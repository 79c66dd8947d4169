package dev.jtwisted.netty;

import dev.jtwisted.internet.IDelayedCall;

/**
 * A call scheduled with {@link NettyReactor#callLater}: it runs once on the reactor thread at
 * {@link #getTime()}, unless cancelled. Its state lives in its {@link TimerQueue}, under that
 * queue's lock, so it may be cancelled or reset from the thread that set the reactor up.
 *
 * <p>Twisted: {@code twisted.internet.base.DelayedCall}.
 */
final class DelayedCall implements IDelayedCall {
    final TimerQueue queue;
    final Runnable func;
    final long seq;
    /** When it runs, in reactor seconds. Guarded by {@link #queue}. */
    double time;
    /** Its place in the queue's heap, or -1 when not in it. Guarded by {@link #queue}. */
    int heapIndex = -1;
    boolean called;
    boolean cancelled;

    DelayedCall(TimerQueue queue, double time, long seq, Runnable func) {
        this.queue = queue;
        this.time = time;
        this.seq = seq;
        this.func = func;
    }

    @Override
    public double getTime() {
        synchronized (queue) {
            return time;
        }
    }

    @Override
    public void cancel() {
        queue.cancel(this);
    }

    @Override
    public void delay(double secondsLater) {
        queue.delay(this, secondsLater);
    }

    @Override
    public void reset(double secondsFromNow) {
        queue.reset(this, secondsFromNow);
    }

    @Override
    public boolean active() {
        synchronized (queue) {
            return !(called || cancelled);
        }
    }

    /** As Twisted prints it: {@code <DelayedCall [0.5s] called=0 cancelled=0 func>}. */
    @Override
    public String toString() {
        synchronized (queue) {
            double left = time - queue.seconds();
            return String.format("<DelayedCall [%.3fs] called=%d cancelled=%d %s>",
                    left, called ? 1 : 0, cancelled ? 1 : 0, func);
        }
    }
}
