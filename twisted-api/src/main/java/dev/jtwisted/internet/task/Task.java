package dev.jtwisted.internet.task;

import dev.jtwisted.internet.IDelayedCall;
import dev.jtwisted.internet.IReactorTime;
import dev.jtwisted.internet.defer.Deferred;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

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
}
