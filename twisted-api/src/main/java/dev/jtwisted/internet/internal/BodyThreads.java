package dev.jtwisted.internet.internal;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Not API: what a reactor needs to know about {@code inlineCallbacks} bodies, which run on
 * threads of their own while the thread that started or resumed them (their driver) waits.
 *
 * <p>A body runs in place of its driver: code in it must behave as if it ran on the driver's
 * thread. A reactor whose objects are bound to one thread (a Netty transport to its event
 * loop) asks {@link #root()} whose turn the current code runs in, and, for an operation it must
 * do on that thread, {@link #runWhenTurnEnds} queues it to run there the moment the body hands
 * the turn back, before anything else runs on that thread, and {@link #callOnDriver} runs one
 * there at once when the body needs its result. So
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
     * Whether the current thread is an {@code inlineCallbacks} body's, running in place of
     * {@link #root()}.
     */
    public static boolean onBody() {
        return TURN.get() != null;
    }

    /**
     * On a body's thread, runs {@code task} on the body's driver, now, while the body waits,
     * and returns what it returned (or throws what it threw); elsewhere runs it on the calling
     * thread. For an operation that must run on the root thread and whose result the caller
     * needs at once (binding a port), where waiting for the root thread from the body would
     * wait forever: the root thread is waiting for the body. Called from the task, again on a
     * body's thread (the driver was a body too), it goes one driver further up.
     */
    public static <T> T callOnDriver(Callable<T> task) throws Exception {
        Objects.requireNonNull(task, "task");
        Turn turn = TURN.get();
        return turn == null ? task.call() : turn.driver.call(task);
    }

    /** What a body's driver does for it: {@link #callOnDriver}. */
    public interface Driver {
        /** On the body's thread: runs {@code task} on the driver's thread and returns its result. */
        <T> T call(Callable<T> task) throws Exception;
    }

    /**
     * For the {@code inlineCallbacks} machinery: the turn of one body, made on its driver's
     * thread each time the body is started or resumed, entered by the body
     * ({@link Turn#enter()}) and run down by the driver ({@link Turn#runPending}) once it has
     * the turn back.
     */
    public static Turn turnFor(Driver driver) {
        return new Turn(root(), driver);
    }

    /** One turn of a body; see {@link BodyThreads#turnFor}. Handed between threads with the turn. */
    public static final class Turn {
        private final Thread root;
        private final Driver driver;
        private final ArrayDeque<Runnable> pending = new ArrayDeque<>();

        private Turn(Thread root, Driver driver) {
            this.root = root;
            this.driver = Objects.requireNonNull(driver, "driver");
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
        public void runPending(Consumer<Throwable> onError) {
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
