package dev.jtwisted.internet.internal;

import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The triggers of one system event ("startup", "shutdown"...) in their three phases. Firing runs
 * the "before" triggers, waits for every Deferred they returned, then runs the "during" and
 * "after" triggers. A trigger that throws is logged and the others still run.
 *
 * <p>Threads: triggers are added and removed from any thread (under this object's lock); firing
 * runs them on the thread that fires, outside the lock. Once the "before" Deferreds have fired,
 * the rest of the event runs through the continuation executor given at construction.
 *
 * <p>Not API: shared by jtwisted's reactors (see the package).
 *
 * <p>Twisted: {@code twisted.internet.base._ThreePhaseEvent}.
 */
public final class ThreePhaseEvent {
    private static final Logger log = LoggerFactory.getLogger(ThreePhaseEvent.class);

    /** One added trigger; its identity is the handle {@code removeSystemEventTrigger} takes. */
    public static final class Trigger {
        private final String eventType;
        private final String phase;
        private final Callable<?> callable;

        Trigger(String eventType, String phase, Callable<?> callable) {
            this.eventType = eventType;
            this.phase = phase;
            this.callable = callable;
        }

        /** The event it belongs to, e.g. {@code "shutdown"}. */
        public String eventType() {
            return eventType;
        }

        /** {@code "before"}, {@code "during"} or {@code "after"}. */
        public String phase() {
            return phase;
        }

        @Override
        public String toString() {
            return "Trigger(" + phase + " " + eventType + ": " + callable + ")";
        }
    }

    private final String eventType;
    private final List<Trigger> before = new ArrayList<>();
    private final List<Trigger> during = new ArrayList<>();
    private final List<Trigger> after = new ArrayList<>();
    /** The before-phase triggers already run, while the before phase is on; else null. */
    private List<Trigger> finishedBefore;

    private final Executor continuation;

    /** An event whose during and after phases run on the thread that ends the before phase. */
    public ThreePhaseEvent(String eventType) {
        this(eventType, Runnable::run);
    }

    /**
     * An event whose during and after phases (once the before phase is over) are run by
     * {@code continuation}; {@code MemoryReactor} passes its "one reactor iteration" bracket.
     */
    public ThreePhaseEvent(String eventType, Executor continuation) {
        this.eventType = Objects.requireNonNull(eventType, "eventType");
        this.continuation = Objects.requireNonNull(continuation, "continuation");
    }

    /**
     * Adds a trigger to {@code phase}; the returned object is its id.
     *
     * @throws IllegalArgumentException if {@code phase} is not before, during or after
     */
    public synchronized Trigger addTrigger(String phase, Callable<?> callable) {
        Objects.requireNonNull(callable, "callable");
        Trigger trigger = new Trigger(eventType, phase, callable);
        phaseList(phase).add(trigger);
        return trigger;
    }

    /**
     * Removes a trigger not yet run. Removing a before-trigger that already ran, while the before
     * phase is on, only logs a warning (Twisted warns too).
     *
     * @throws IllegalArgumentException if the trigger is not there
     */
    public synchronized void removeTrigger(Trigger trigger) {
        if (finishedBefore != null && "before".equals(trigger.phase) && finishedBefore.contains(trigger)) {
            log.warn("Removing already-fired system event trigger {}", trigger);
            return;
        }
        if (!phaseList(trigger.phase).remove(trigger)) {
            throw new IllegalArgumentException("trigger " + trigger + " has already run or been removed");
        }
    }

    private List<Trigger> phaseList(String phase) {
        switch (String.valueOf(phase)) {
            case "before":
                return before;
            case "during":
                return during;
            case "after":
                return after;
            default:
                throw new IllegalArgumentException(
                        "phase must be \"before\", \"during\" or \"after\": \"" + phase + "\"");
        }
    }

    /**
     * Fires the event. Runs the before triggers now; the rest runs when their Deferreds have all
     * fired (now, if none returned one), on the thread that fires the last of them.
     *
     * @param barrier called after the during phase; the after phase waits for the Deferred it
     *     returns (null: no wait). The reactor closes its connections there.
     * @param done run after the after phase; may be null
     */
    public void fireEvent(Supplier<Deferred<?>> barrier, Runnable done) {
        List<Deferred<?>> beforeResults = new ArrayList<>();
        synchronized (this) {
            finishedBefore = new ArrayList<>();
        }
        Trigger trigger;
        while ((trigger = popBefore()) != null) {
            Object result = call(trigger);
            if (result instanceof Deferred) {
                beforeResults.add((Deferred<?>) result);
            }
        }
        Runnable rest = () -> continuation.execute(() -> continueFiring(barrier, done));
        if (beforeResults.isEmpty()) {
            rest.run();
            return;
        }
        int[] pending = {beforeResults.size()};
        for (Deferred<?> d : beforeResults) {
            d.addBoth(result -> {
                if (result instanceof Failure) {
                    Failure f = (Failure) result;
                    log.error("the Deferred of a before-{} trigger failed; the {} event goes on",
                            eventType, eventType, f.value());
                }
                if (--pending[0] == 0) {
                    rest.run();
                }
                return null;
            });
        }
    }

    private synchronized Trigger popBefore() {
        if (before.isEmpty()) {
            return null;
        }
        Trigger t = before.remove(0);
        finishedBefore.add(t);
        return t;
    }

    private synchronized Trigger popFrom(List<Trigger> phase) {
        return phase.isEmpty() ? null : phase.remove(0);
    }

    private void continueFiring(Supplier<Deferred<?>> barrier, Runnable done) {
        synchronized (this) {
            finishedBefore = null;
        }
        Trigger trigger;
        while ((trigger = popFrom(during)) != null) {
            call(trigger);
        }
        Runnable afterPhase = () -> {
            Trigger t;
            while ((t = popFrom(after)) != null) {
                call(t);
            }
            if (done != null) {
                done.run();
            }
        };
        Deferred<?> wait = barrier == null ? null : barrier.get();
        if (wait == null) {
            afterPhase.run();
        } else {
            wait.addBoth(ignored -> {
                afterPhase.run();
                return null;
            });
        }
    }

    private Object call(Trigger trigger) {
        try {
            return trigger.callable.call();
        } catch (Throwable t) {
            log.error("{} failed; the {} event goes on", trigger, eventType, t);
            return null;
        }
    }
}
