package dev.jtwisted.internet.task;

import dev.jtwisted.internet.AlreadyCalled;
import dev.jtwisted.internet.AlreadyCancelled;
import dev.jtwisted.internet.IDelayedCall;
import dev.jtwisted.internet.IReactorTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A time source that only moves when told to: tests schedule calls through it and then
 * {@link #advance} time, so timeouts and delays run instantly and deterministically.
 * Calls due at the same time run in the order they were scheduled; an exception from a call
 * propagates out of {@code advance}.
 *
 * <p>Not thread-safe: use it from the test's thread.
 *
 * <p>Twisted: {@code twisted.internet.task.Clock}.
 */
public final class Clock implements IReactorTime {
    private static final Comparator<Call> BY_TIME = Comparator.comparingDouble(Call::getTime);

    private final List<Call> calls = new ArrayList<>();
    private double rightNow;

    @Override
    public double seconds() {
        return rightNow;
    }

    @Override
    public IDelayedCall callLater(double delay, Runnable callable) {
        IReactorTime.checkDelay(delay);
        Objects.requireNonNull(callable, "callable");
        Call call = new Call(rightNow + delay, callable);
        calls.add(call);
        calls.sort(BY_TIME);
        return call;
    }

    /** The pending calls, soonest first. */
    @Override
    public List<IDelayedCall> getDelayedCalls() {
        return List.copyOf(calls);
    }

    /**
     * Moves time forward by {@code amount} seconds and runs every call that is then due,
     * including calls those calls schedule within the new time.
     */
    public void advance(double amount) {
        if (!(amount >= 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException("amount must be finite and >= 0: " + amount);
        }
        rightNow += amount;
        calls.sort(BY_TIME);
        while (!calls.isEmpty() && calls.get(0).getTime() <= rightNow) {
            Call call = calls.remove(0);
            call.called = true;
            call.callable.run();
            calls.sort(BY_TIME);
        }
    }

    /** Advances by each of {@code timings} in turn. Twisted: {@code Clock.pump}. */
    public void pump(double... timings) {
        for (double amount : timings) {
            advance(amount);
        }
    }

    private final class Call implements IDelayedCall {
        private double time;
        private double delayedTime;
        private final Runnable callable;
        private boolean called;
        private boolean cancelled;

        Call(double time, Runnable callable) {
            this.time = time;
            this.callable = callable;
        }

        @Override
        public double getTime() {
            return time + delayedTime;
        }

        @Override
        public void cancel() {
            checkPending();
            cancelled = true;
            calls.remove(this);
        }

        @Override
        public void delay(double secondsLater) {
            checkPending();
            delayedTime += secondsLater;
        }

        @Override
        public void reset(double secondsFromNow) {
            checkPending();
            double newTime = rightNow + secondsFromNow;
            if (newTime < time) {
                delayedTime = 0;
                time = newTime;
            } else {
                delayedTime = newTime - time;
            }
        }

        @Override
        public boolean active() {
            return !(called || cancelled);
        }

        private void checkPending() {
            if (cancelled) {
                throw new AlreadyCancelled("delayed call " + this + " was already cancelled");
            }
            if (called) {
                throw new AlreadyCalled("delayed call " + this + " has already been called");
            }
        }

        @Override
        public String toString() {
            String state = called ? "called" : cancelled ? "cancelled" : "pending";
            return "<DelayedCall at " + getTime() + " " + state + " " + callable + ">";
        }
    }
}
