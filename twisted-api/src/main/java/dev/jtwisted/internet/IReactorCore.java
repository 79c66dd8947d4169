package dev.jtwisted.internet;

import java.util.concurrent.Callable;

/**
 * Running and stopping a reactor, and the triggers that run around shutdown.
 *
 * <p>Threads: {@link #stop()} may be called from any thread; the rest from the reactor thread
 * or before the reactor runs.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IReactorCore}.
 */
public interface IReactorCore {
    /**
     * Runs the reactor, firing the "startup" triggers and the {@link #callWhenRunning} calls, and
     * returns once it has stopped and the "shutdown" triggers have run.
     *
     * @throws ReactorAlreadyRunning if it is running
     * @throws ReactorNotRestartable if it has run before
     */
    void run();

    /**
     * Stops the reactor: runs the "before" shutdown triggers (waiting for the Deferreds they
     * return), stops listening, closes connections after flushing what was written, runs the
     * "during" and "after" triggers, then makes {@link #run()} return. Callable from any thread.
     *
     * @throws ReactorNotRunning if it is not running or already stopping
     */
    void stop();

    /**
     * True from {@link #run()} until the "during" phase of shutdown: the "before" shutdown
     * triggers still see a running reactor, as in Twisted.
     */
    boolean running();

    /** Calls {@code callable} once the reactor runs (at once, on the reactor thread, if it does). */
    void callWhenRunning(Runnable callable);

    /**
     * Adds a trigger for a system event. A trigger may return a
     * {@link dev.jtwisted.internet.defer.Deferred}: the event's next phase waits until it fires.
     *
     * @param phase {@code "before"}, {@code "during"} or {@code "after"}
     * @param eventType {@code "startup"} or {@code "shutdown"} (or a custom event)
     * @return an id for {@link #removeSystemEventTrigger}
     * @throws IllegalArgumentException for any other phase
     */
    Object addSystemEventTrigger(String phase, String eventType, Callable<?> callable);

    /** Removes a trigger added before. */
    void removeSystemEventTrigger(Object triggerId);

    /** Fires a system event: its before, during and after triggers, in that order. */
    void fireSystemEvent(String eventType);
}
