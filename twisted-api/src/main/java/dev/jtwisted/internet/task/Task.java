package dev.jtwisted.internet.task;

import dev.jtwisted.internet.IDelayedCall;
import dev.jtwisted.internet.IReactorCore;
import dev.jtwisted.internet.IReactorTime;
import dev.jtwisted.internet.ReactorNotRunning;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The functions of Twisted's {@code twisted.internet.task} module.
 *
 * <p>Twisted: {@code twisted.internet.task}.
 */
public final class Task {
    private Task() {}

    /**
     * A Deferred that fires, {@code delay} seconds from now, with what {@code callable} returns
     * (or fails with what it throws; a returned Deferred is waited for). Cancelling it before
     * then cancels the call and errbacks with {@code CancelledError}.
     *
     * <p>Twisted: {@code task.deferLater}.
     */
    public static <T> Deferred<T> deferLater(IReactorTime clock, double delay, Callable<? extends T> callable) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(callable, "callable");
        IDelayedCall[] delayedCall = new IDelayedCall[1];
        Deferred<Void> d = new Deferred<>(self -> delayedCall[0].cancel());
        Deferred<T> result = d.addCallback(ignored -> callable.call());
        delayedCall[0] = clock.callLater(delay, () -> d.callback(null));
        return result;
    }

    /** {@link #deferLater(IReactorTime, double, Callable)} with a {@link Duration}. */
    public static <T> Deferred<T> deferLater(IReactorTime clock, Duration delay, Callable<? extends T> callable) {
        Objects.requireNonNull(delay, "delay");
        return deferLater(clock, delay.toNanos() / 1e9, callable);
    }

    /** A Deferred that fires with null {@code delay} seconds from now. */
    public static Deferred<Void> deferLater(IReactorTime clock, double delay) {
        return deferLater(clock, delay, () -> null);
    }

    /**
     * Calls {@code main} with the reactor, runs the reactor until the Deferred it returns fires,
     * stops the reactor (once, at the right time), and returns its result: the way a client or
     * a one-off job starts, instead of calling {@code reactor.run()} and {@code stop()} itself.
     *
     * <pre>{@code
     * String page = Task.react(reactor, r -> Client.getPage(r, "http://127.0.0.1:8080/"));
     * }</pre>
     *
     * <p>Unlike Twisted's, which ends the process ({@code sys.exit} with 0, or 1 after logging
     * the failure), this returns to the caller, or throws the failure's exception, so that it
     * can run inside a larger program; a {@code main} that throws does so before the reactor
     * runs. If the reactor is stopped by something else before the Deferred fires (Ctrl-C),
     * this returns null.
     *
     * <p>Threads: the thread that is to run the reactor; {@code main} runs on it, before
     * {@code run()}.
     *
     * <p>Twisted: {@code task.react(main)}.
     *
     * @throws Exception what the Deferred failed with, unwrapped
     */
    public static <R extends IReactorCore, T> T react(R reactor, Function<? super R, ? extends Deferred<T>> main)
            throws Exception {
        Objects.requireNonNull(reactor, "reactor");
        Objects.requireNonNull(main, "main");
        Deferred<T> finished = Objects.requireNonNull(main.apply(reactor), "main returned null, not a Deferred");
        boolean[] stopping = {false};
        reactor.addSystemEventTrigger("before", "shutdown", () -> {
            stopping[0] = true;
            return null;
        });
        Object[] outcome = {null};
        finished.addBoth(result -> {
            outcome[0] = result;
            if (!stopping[0]) {
                reactor.callWhenRunning(() -> {
                    try {
                        reactor.stop();
                    } catch (ReactorNotRunning alreadyStopping) {
                        // stopped meanwhile: nothing to do
                    }
                });
            }
            return null;
        });
        reactor.run();
        if (outcome[0] instanceof Failure) {
            throw ((Failure) outcome[0]).raiseException();
        }
        @SuppressWarnings("unchecked")
        T result = (T) outcome[0];
        return result;
    }
}
