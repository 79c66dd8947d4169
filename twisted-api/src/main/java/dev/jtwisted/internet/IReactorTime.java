package dev.jtwisted.internet;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A time source that can run code later: the reactor in production, {@link
 * dev.jtwisted.internet.task.Clock} in tests. Deferred timeouts, {@code deferLater} and looping
 * calls only ever talk to this interface, so they run the same on both.
 *
 * <p>Times are seconds as {@code double}, as in Twisted.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IReactorTime}.
 */
public interface IReactorTime {

    /** The current time in seconds. Twisted: {@code IReactorTime.seconds}. */
    double seconds();

    /**
     * Runs {@code callable} once, {@code delay} seconds from now, on the reactor thread.
     *
     * @param delay seconds from now; must be finite and not negative
     * @return a handle to cancel, delay or reset the call
     * @throws IllegalArgumentException if {@code delay} is negative or not finite
     *
     * <p>Twisted: {@code IReactorTime.callLater}.
     */
    IDelayedCall callLater(double delay, Runnable callable);

    /** {@link #callLater(double, Runnable)} with a {@link Duration}. */
    default IDelayedCall callLater(Duration delay, Runnable callable) {
        Objects.requireNonNull(delay, "delay");
        return callLater(delay.toNanos() / 1e9, callable);
    }

    /** The calls scheduled and not yet run or cancelled. Twisted: {@code getDelayedCalls}. */
    List<IDelayedCall> getDelayedCalls();

    /** Checks a delay argument the way every implementation must; returns it. */
    static double checkDelay(double delay) {
        if (!(delay >= 0) || Double.isInfinite(delay)) {
            throw new IllegalArgumentException(
                    "delay must be a finite number of seconds >= 0: " + delay);
        }
        return delay;
    }
}
