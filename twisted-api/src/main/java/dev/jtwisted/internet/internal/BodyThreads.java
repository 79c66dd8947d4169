package dev.jtwisted.internet.internal;

import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Not API: what a reactor needs to know about {@code inlineCallbacks} bodies, which run on
 * threads of their own while the thread that started or resumed them (their driver) waits.
 *
 * <p>A body runs in place of its driver: code in it must behave as if it ran on the driver's
 * thread. A reactor whose objects are bound to one thread (a Netty transport to its event
 * loop) asks {@link #root()} whose turn the current code runs in, and, for an operation it must
 * do on that thread, {@link #runWhenTurnEnds} queues it to run there the moment the body hands
 * the turn back, before anything else runs on that thread. So
 * {@code transport.write("a")} in a body, then {@code write("b")} in the code that started the
 * body, send {@code a} before {@code b}, as they would in Twisted.
 */
public final class BodyThreads {
    private static final ThreadLocal<Turn> TURN = new ThreadLocal<>();

    private BodyThreads() {}

    /**
     * The thread the current code runs on behalf of: the current thread, or, inside an
     * {@code inlineCallbacks} body, the root of its chain of drivers (a body may be driven by
     * another body).
     */
    public static Thread root() {
        Turn turn = TURN.get();
        return turn == null ? Thread.currentThread() : turn.root;
    }

    /**
     * On a body's thread, queues {@code task} to run on the body's driver as soon as the body
     * hands the turn back, and returns true; elsewhere does nothing and returns false.
     */
    public static boolean runWhenTurnEnds(Runnable task) {
        Objects.requireNonNull(task, "task");
        Turn turn = TURN.get();
        if (turn == null) {
            return false;
        }
        turn.pending.add(task);
        return true;
    }

    /**
     * For the {@code inlineCallbacks} machinery: the turn of one body, made on its driver's
     * thread each time the body is started or resumed ({@link #turnFor()}), entered by the body
     * ({@link Turn#enter()}) and run down by the driver ({@link Turn#runPending()}) once it has
     * the turn back.
     */
    public static Turn turnFor() {
        return new Turn(root());
    }

    /** One turn of a body; see {@link BodyThreads#turnFor()}. Handed between threads with the turn. */
    public static final class Turn {
        private final Thread root;
        private final ArrayDeque<Runnable> pending = new ArrayDeque<>();

        private Turn(Thread root) {
            this.root = root;
        }

        /** On the body's thread, as it takes the turn. */
        public void enter() {
            TURN.set(this);
        }

        /** On the body's thread, before it hands the turn back. */
        public void leave() {
            TURN.remove();
        }

        /**
         * On the driver's thread, once the turn is back: runs what the body queued, in order.
         * A task that throws is passed to {@code onError} and the rest still run.
         */
        public void runPending(java.util.function.Consumer<Throwable> onError) {
            Runnable task;
            while ((task = pending.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    onError.accept(e);
                }
            }
        }
    }
}
