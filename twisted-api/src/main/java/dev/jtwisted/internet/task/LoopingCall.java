package dev.jtwisted.internet.task;

import dev.jtwisted.internet.IDelayedCall;
import dev.jtwisted.internet.IReactorTime;
import dev.jtwisted.internet.Reactor;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * Calls a function every {@code interval} seconds until stopped, on a clock: the reactor, or a
 * {@link Clock} in tests. Calls stay on the grid {@code start + n * interval}: if a call (or the
 * reactor) runs late, the intervals missed are skipped rather than caught up, and
 * {@link #withCount} tells the function how many went by.
 *
 * <p>If the function returns a {@link Deferred}, the next call is scheduled only once it fires.
 * If the function throws (or its Deferred fails) the loop stops and the Deferred returned by
 * {@link #start} fails with that error; after {@link #stop()} that Deferred fires with this
 * LoopingCall.
 *
 * <p>Threads: use it on its clock's thread (the reactor thread); the function runs there.
 *
 * <p>Twisted: {@code twisted.internet.task.LoopingCall}.
 */
public final class LoopingCall {
    private final Callable<?> f;
    private final Object name;
    private IntFunction<?> countCallable;
    private Object countName;

    private IReactorTime clock;
    private IDelayedCall call;
    private boolean running;
    private Deferred<LoopingCall> deferred;
    private Double interval;
    private boolean runAtStart;
    private Double starttime;
    private Double realLastTime;

    /**
     * A loop calling {@code f}, whose result is ignored unless it is a {@link Deferred}, which
     * is waited for.
     *
     * <p>Twisted: {@code LoopingCall(f)}.
     */
    public LoopingCall(Callable<?> f) {
        this.f = Objects.requireNonNull(f, "f");
        this.name = f;
    }

    /** A loop calling {@code f}. Twisted: {@code LoopingCall(f)}. */
    public LoopingCall(Runnable f) {
        Objects.requireNonNull(f, "f");
        this.f = () -> {
            f.run();
            return null;
        };
        this.name = f;
    }

    /**
     * A loop calling {@code countCallable} with the number of intervals that went by since it
     * was last called: normally 1, more when calls ran late; always 1 with an interval of 0.
     * It is never called with 0.
     *
     * <p>Twisted: {@code LoopingCall.withCount}.
     */
    public static LoopingCall withCount(IntConsumer countCallable) {
        Objects.requireNonNull(countCallable, "countCallable");
        return withCountFunction(count -> {
            countCallable.accept(count);
            return null;
        }, countCallable);
    }

    /**
     * {@link #withCount} for a function returning a Deferred: the loop waits for it before
     * scheduling the next call.
     */
    public static LoopingCall withCountDeferring(IntFunction<? extends Deferred<?>> countCallable) {
        Objects.requireNonNull(countCallable, "countCallable");
        return withCountFunction(countCallable, countCallable);
    }

    private static LoopingCall withCountFunction(IntFunction<?> countCallable, Object name) {
        LoopingCall[] self = new LoopingCall[1];
        self[0] = new LoopingCall(() -> self[0].counter());
        self[0].countCallable = countCallable;
        self[0].countName = name;
        return self[0];
    }

    // ---------------------------------------------------------------- state

    /**
     * The clock calls are scheduled on, or null if none was set and the loop has not started
     * (it then takes the global reactor).
     */
    public IReactorTime clock() {
        return clock;
    }

    /**
     * Sets the clock to schedule on; set it before {@link #start}.
     *
     * <p>Twisted: {@code lc.clock = clock}.
     */
    public void setClock(IReactorTime clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * True from {@link #start} until {@link #stop()}, or until the function fails; false by the
     * time the Deferred from {@code start} fires. Twisted: {@code running}.
     */
    public boolean running() {
        return running;
    }

    /** Seconds between calls, or null before the first {@link #start}. Twisted: {@code interval}. */
    public Double interval() {
        return interval;
    }

    /**
     * Changes the interval; the change shows from the next scheduling on.
     *
     * @throws IllegalArgumentException if {@code interval} is negative or not finite
     */
    public void setInterval(double interval) {
        this.interval = checkInterval(interval);
    }

    /** The scheduled next call, or null (not started, stopped, or waiting for a Deferred). */
    public IDelayedCall call() {
        return call;
    }

    /** When the loop was last started (or reset), in clock seconds; null before. */
    public Double starttime() {
        return starttime;
    }

    // ---------------------------------------------------------------- control

    /** {@link #start(double, boolean)} calling the function at once. */
    public Deferred<LoopingCall> start(double interval) {
        return start(interval, true);
    }

    /**
     * Calls the function every {@code interval} seconds: the first time now if {@code now},
     * else one interval from now.
     *
     * @param interval seconds between calls; 0 calls again as soon as possible
     * @return fires with this LoopingCall after {@link #stop()}, or fails with what made the
     *     function fail
     * @throws IllegalStateException if the loop is already running
     * @throws IllegalArgumentException if {@code interval} is negative or not finite
     *
     * <p>Twisted: {@code LoopingCall.start}.
     */
    public Deferred<LoopingCall> start(double interval, boolean now) {
        if (running) {
            throw new IllegalStateException("Tried to start an already running LoopingCall: " + this);
        }
        checkInterval(interval);
        if (clock == null) {
            clock = Reactor.reactor();
        }
        running = true;
        // The loop may fail at once and clear `deferred`: return this local.
        Deferred<LoopingCall> d = deferred = new Deferred<>();
        starttime = clock.seconds();
        this.interval = interval;
        runAtStart = now;
        if (now) {
            runOnce();
        } else {
            scheduleFrom(starttime);
        }
        return d;
    }

    /**
     * Stops the loop; if no call is in progress, the Deferred from {@link #start} fires now,
     * else when the pending Deferred returned by the function fires.
     *
     * @throws IllegalStateException if the loop is not running
     *
     * <p>Twisted: {@code LoopingCall.stop}.
     */
    public void stop() {
        if (!running) {
            throw new IllegalStateException("Tried to stop a LoopingCall that was not running: " + this);
        }
        running = false;
        if (call != null) {
            call.cancel();
            call = null;
            Deferred<LoopingCall> d = deferred;
            deferred = null;
            d.callback(this);
        }
    }

    /**
     * Skips the next call and restarts the interval timer from now.
     *
     * @throws IllegalStateException if the loop is not running
     *
     * <p>Twisted: {@code LoopingCall.reset}.
     */
    public void reset() {
        if (!running) {
            throw new IllegalStateException("Tried to reset a LoopingCall that was not running: " + this);
        }
        if (call != null) {
            call.cancel();
            call = null;
            starttime = clock.seconds();
            scheduleFrom(starttime);
        }
    }

    // ---------------------------------------------------------------- the loop

    /** One iteration. Twisted: {@code LoopingCall.__call__}. */
    private void runOnce() {
        call = null;
        Deferred<Object> d = Defer.maybeDeferred(f);
        d.addCallback(result -> {
            if (running) {
                scheduleFrom(clock.seconds());
            } else {
                Deferred<LoopingCall> done = deferred;
                deferred = null;
                done.callback(this);
            }
            return null;
        }).addErrback(failure -> {
            running = false;
            Deferred<LoopingCall> done = deferred;
            deferred = null;
            done.errback(failure);
            return null;
        });
    }

    /** The {@link #withCount} wrapper: works out how many intervals went by. */
    private Object counter() {
        double now = clock.seconds();
        if (interval == 0) {
            realLastTime = now;
            return countCallable.apply(1);
        }
        double lastTime;
        if (realLastTime == null) {
            lastTime = starttime;
            if (runAtStart) {
                lastTime -= interval;
            }
        } else {
            lastTime = realLastTime;
        }
        long count = intervalOf(now) - intervalOf(lastTime);
        if (count > 0) {
            realLastTime = now;
            return countCallable.apply(Math.toIntExact(count));
        }
        return null;
    }

    /** How many whole intervals after the start {@code t} is. Twisted: {@code _intervalOf}. */
    private long intervalOf(double t) {
        return (long) ((t - starttime) / interval);
    }

    /** Schedules the next call at the next grid point after {@code when}. */
    private void scheduleFrom(double when) {
        call = clock.callLater(howLong(when), this::runOnce);
    }

    private double howLong(double when) {
        if (interval == 0) {
            return 0;
        }
        double runningFor = when - starttime;
        double untilNextInterval = interval - (runningFor % interval);
        // Added to a large `when`, a tiny remainder may vanish: that is the next interval.
        if (when == when + untilNextInterval) {
            return interval;
        }
        return untilNextInterval;
    }

    private static double checkInterval(double interval) {
        if (!(interval >= 0) || Double.isInfinite(interval)) {
            throw new IllegalArgumentException("interval must be >= 0: " + interval);
        }
        return interval;
    }

    /** As Twisted's repr: {@code LoopingCall<interval>(function)}. */
    @Override
    public String toString() {
        return "LoopingCall<" + (interval == null ? "None" : interval) + ">("
                + (countCallable != null ? countName : name) + ")";
    }
}
