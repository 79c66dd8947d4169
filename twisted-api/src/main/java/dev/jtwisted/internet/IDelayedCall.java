package dev.jtwisted.internet;

/**
 * A call scheduled by {@link IReactorTime#callLater}: it can be cancelled, pushed back or
 * rescheduled until it runs.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IDelayedCall}.
 */
public interface IDelayedCall {

    /** The time, in the source's {@code seconds()}, at which the call will run. */
    double getTime();

    /**
     * Stops the call from running.
     *
     * @throws AlreadyCancelled if it was cancelled before
     * @throws AlreadyCalled if it has already run
     */
    void cancel();

    /**
     * Moves the call {@code secondsLater} further into the future (negative moves it earlier).
     *
     * @throws AlreadyCancelled if it was cancelled
     * @throws AlreadyCalled if it has already run
     */
    void delay(double secondsLater);

    /**
     * Reschedules the call to run {@code secondsFromNow} seconds from now.
     *
     * @throws AlreadyCancelled if it was cancelled
     * @throws AlreadyCalled if it has already run
     */
    void reset(double secondsFromNow);

    /** True until the call runs or is cancelled. */
    boolean active();
}
