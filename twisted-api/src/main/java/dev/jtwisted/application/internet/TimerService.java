package dev.jtwisted.application.internet;

import dev.jtwisted.application.service.Service;
import dev.jtwisted.internet.IReactorTime;
import dev.jtwisted.internet.Reactor;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.task.LoopingCall;
import dev.jtwisted.python.failure.Failure;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a function every {@code step} seconds while the service runs: at once when it starts,
 * then with a {@link LoopingCall}. If the function returns a {@link Deferred}, the next call
 * waits for it, and so does {@link #stopService()}.
 *
 * <p>A call that throws (or whose Deferred fails) is logged and ends the calls; the service
 * stays marked running until it is stopped, and stopping it then succeeds.
 *
 * <pre>{@code
 * new TimerService(60, cache::expire).setServiceParent(application);
 * }</pre>
 *
 * <p>Twisted: {@code twisted.application.internet.TimerService(step, callable, *args)}; pass a
 * lambda for the arguments.
 */
public class TimerService extends Service {
    private static final Logger log = LoggerFactory.getLogger(TimerService.class);

    private final double step;
    private final Callable<?> callable;
    private final Object callableName;
    private IReactorTime clock;
    private LoopingCall loop;
    private Deferred<LoopingCall> loopFinished;

    /**
     * Calls {@code callable} every {@code step} seconds; a {@link Deferred} it returns is waited
     * for, any other result ignored.
     *
     * @throws IllegalArgumentException if {@code step} is negative or not finite
     */
    public TimerService(double step, Callable<?> callable) {
        this.step = checkStep(step);
        this.callable = Objects.requireNonNull(callable, "callable");
        this.callableName = callable;
    }

    /**
     * Calls {@code callable} every {@code step} seconds.
     *
     * @throws IllegalArgumentException if {@code step} is negative or not finite
     */
    public TimerService(double step, Runnable callable) {
        Objects.requireNonNull(callable, "callable");
        this.step = checkStep(step);
        this.callable = () -> {
            callable.run();
            return null;
        };
        this.callableName = callable;
    }

    /** Seconds between calls. Twisted: {@code step}. */
    public double step() {
        return step;
    }

    /**
     * The clock the calls are scheduled on, or null for the global reactor (looked up at
     * start). Twisted: {@code clock}.
     */
    public IReactorTime clock() {
        return clock;
    }

    /**
     * Schedules the calls on {@code clock} (a {@link dev.jtwisted.internet.task.Clock} in tests);
     * set it before {@link #startService()}. Twisted: {@code timer.clock = clock}.
     */
    public void setClock(IReactorTime clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The loop of the last start, or null before the first. Twisted: {@code _loop}. */
    LoopingCall loop() {
        return loop;
    }

    /**
     * Marks the service running, calls the function and schedules the next calls. Each start
     * makes a new {@link LoopingCall}.
     *
     * <p>Twisted: {@code TimerService.startService}.
     */
    @Override
    public void startService() {
        super.startService();
        LoopingCall lc = new LoopingCall(callable);
        lc.setClock(clock != null ? clock : Reactor.reactor());
        loop = lc;
        loopFinished = lc.start(step, true);
        loopFinished.addErrback(failure -> {
            log.error("{} failed; it calls {} no more", this, callableName, failure.value());
            return null;
        });
    }

    /**
     * Stops the calls. If one is in progress (its Deferred has not fired), the service stays
     * running, and the returned Deferred waits, until that call finishes.
     *
     * <p>Twisted: {@code TimerService.stopService}, which returns the loop's own Deferred; this
     * returns a new one for each caller, fired with null when the loop has finished. Stopping a
     * service that never started only marks it stopped (Twisted's raises AttributeError).
     */
    @Override
    public Deferred<Void> stopService() {
        if (loop == null) {
            return super.stopService();
        }
        LoopingCall lc = loop;
        if (lc.running()) {
            lc.stop();
        }
        Deferred<Void> done = new Deferred<>();
        loopFinished.addBoth(result -> {
            // A restart may have begun a new loop while this one finished its last call.
            if (loop == lc) {
                super.stopService();
            }
            if (result instanceof Failure) {
                done.errback((Failure) result);
            } else {
                done.callback(null);
            }
            return result;
        });
        return done;
    }

    /** The class, the name if any, and the step: {@code TimerService 'ticker' every 2.0 s}. */
    @Override
    public String toString() {
        return super.toString() + " every " + step + " s";
    }

    private static double checkStep(double step) {
        if (!(step >= 0) || Double.isInfinite(step)) {
            throw new IllegalArgumentException("step must be >= 0: " + step);
        }
        return step;
    }
}
