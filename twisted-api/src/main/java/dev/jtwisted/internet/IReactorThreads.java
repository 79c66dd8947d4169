package dev.jtwisted.internet;

import java.util.concurrent.Executor;

/**
 * Threads around a single-threaded reactor: hand work to the reactor thread from any thread, and
 * run blocking work on a pool.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IReactorThreads} and
 * {@code IReactorFromThreads}.
 */
public interface IReactorThreads {
    /**
     * Runs {@code callable} on the reactor thread, soon; calls from one thread run in the order
     * made. The only method of a reactor that is safe to call from any thread.
     */
    void callFromThread(Runnable callable);

    /** Runs {@code callable} on the reactor's default thread pool. */
    void callInThread(Runnable callable);

    /** Resizes the default thread pool's maximum. */
    void suggestThreadPoolSize(int size);

    /**
     * Whether the calling thread runs this reactor's callbacks. Callable from any thread;
     * {@code Threads.blockingCallFromThread} asks it so that a call that could only deadlock
     * fails at once.
     *
     * <p>Twisted: {@code twisted.python.threadable.isInIOThread}.
     */
    boolean isInIOThread();

    /** {@link #callFromThread} as an {@link Executor}, e.g. for {@code Deferred.fromFuture}. */
    default Executor reactorExecutor() {
        return this::callFromThread;
    }
}
