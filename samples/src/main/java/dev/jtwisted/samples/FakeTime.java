package dev.jtwisted.samples;

import dev.jtwisted.internet.IDelayedCall;
import dev.jtwisted.internet.task.Clock;
import java.util.List;

/**
 * A {@link Clock} standing in for the reactor in the demos that need no network: run its calls
 * to the end, and print the fake time, so a demo ends at once and prints the same on every run.
 */
public final class FakeTime {
    private FakeTime() {}

    /** The fake time, as a line prefix: {@code [2s] }. */
    public static String at(Clock reactor) {
        return "[" + Math.round(reactor.seconds()) + "s] ";
    }

    /**
     * Runs the clock's calls in time order until none is left: {@code reactor.run()} on fake time.
     */
    public static void runUntilIdle(Clock reactor) {
        List<IDelayedCall> calls;
        while (!(calls = reactor.getDelayedCalls()).isEmpty()) {
            reactor.advance(calls.get(0).getTime() - reactor.seconds());
        }
    }
}
