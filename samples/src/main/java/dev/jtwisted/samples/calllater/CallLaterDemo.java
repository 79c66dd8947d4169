package dev.jtwisted.samples.calllater;

import static dev.jtwisted.samples.FakeTime.at;
import static dev.jtwisted.samples.FakeTime.runUntilIdle;

import dev.jtwisted.internet.AlreadyCalled;
import dev.jtwisted.internet.AlreadyCancelled;
import dev.jtwisted.internet.IDelayedCall;
import dev.jtwisted.internet.task.Clock;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.samples.Context;
import dev.jtwisted.samples.Sample;
import java.io.PrintStream;

/**
 * Shows {@code callLater}, the reactor's {@code setTimeout}: what it schedules runs later, on the
 * reactor thread, unless cancelled first; the {@link IDelayedCall} it returns says whether the
 * call is still pending ({@code active}) and can move it ({@code delay}, {@code reset}). It is
 * what to use instead of sleeping, which would stop the whole reactor.
 *
 * <p>A {@link Clock} stands in for the reactor: {@code clock.callLater} is
 * {@code reactor.callLater}, and the demo runs the clock's calls itself, so the five seconds
 * pass at once and the output is the same on every run. Times are printed as {@code [5s]}.
 *
 * <p>Twisted: {@code future.py} of the EuroPython 2012 Twisted training, part 2 (step 1:
 * {@code reactor.callLater(5, print_it, 'HI')} and {@code reactor.callLater(6, reactor.stop)}),
 * and {@code future2.py} (step 2: an {@code abort} at 4 seconds that cancels the call if it is
 * still {@code active()}); steps 3 and 4 show the rest of {@code IDelayedCall}.
 */
public final class CallLaterDemo implements Sample {

    @Override
    public String name() {
        return "call-later";
    }

    @Override
    public String description() {
        return "callLater demo: schedule, cancel, delay and reset a call, on a fake clock (training)";
    }

    @Override
    public void run(Args args, Context context) {
        PrintStream out = context.out();
        later(out);
        out.println();
        cancel(out);
        out.println();
        move(out);
        out.println();
        once(out);
    }

    /** Step 1: future.py. */
    private static void later(PrintStream out) {
        out.println("== 1. callLater runs a function later");
        Clock reactor = new Clock();
        out.println("reactor.callLater(5, printIt, \"HI\"); reactor.callLater(6, reactor.stop)");
        reactor.callLater(5, () -> printIt(out, reactor, "HI"));
        reactor.callLater(6, () -> stop(out, reactor));
        runUntilIdle(reactor);
    }

    /** Step 2: future2.py. */
    private static void cancel(PrintStream out) {
        out.println("== 2. cancel stops a call that has not run yet");
        Clock reactor = new Clock();
        out.println("delayedCall = reactor.callLater(5, printIt, \"HI\"); reactor.callLater(4, abort); "
                + "reactor.callLater(6, reactor.stop)");
        IDelayedCall delayedCall = reactor.callLater(5, () -> printIt(out, reactor, "HI"));
        reactor.callLater(4, () -> {
            out.println(at(reactor) + "abort: delayedCall.active() is " + delayedCall.active());
            if (delayedCall.active()) {
                out.println(at(reactor) + "CANCELLING");
                delayedCall.cancel();
            }
        });
        reactor.callLater(6, () -> stop(out, reactor));
        runUntilIdle(reactor);
        out.println("  (HI was never printed: delayedCall.active() is " + delayedCall.active() + ")");
    }

    /** Step 3: delay pushes a pending call back; reset reschedules it from now. */
    private static void move(PrintStream out) {
        out.println("== 3. delay pushes a pending call back; reset reschedules it from now");
        Clock reactor = new Clock();
        IDelayedCall call = reactor.callLater(5, () -> printIt(out, reactor, "HI"));
        out.println("call = reactor.callLater(5, printIt, \"HI\"): due at " + due(call));
        reactor.callLater(1, () -> {
            call.delay(3);
            out.println(at(reactor) + "call.delay(3): due at " + due(call));
        });
        reactor.callLater(2, () -> {
            call.reset(1);
            out.println(at(reactor) + "call.reset(1): due at " + due(call));
        });
        runUntilIdle(reactor);
        out.println("  call.active() is " + call.active() + ": it has run");
    }

    /** Step 4: a call runs, or is cancelled, once. */
    private static void once(PrintStream out) {
        out.println("== 4. A call runs or is cancelled once; then cancel, delay and reset fail");
        Clock reactor = new Clock();
        IDelayedCall call = reactor.callLater(1, () -> printIt(out, reactor, "HI"));
        runUntilIdle(reactor);
        try {
            call.cancel();
        } catch (AlreadyCalled e) {
            out.println("call.cancel() after it ran: AlreadyCalled");
        }
        IDelayedCall other = reactor.callLater(1, () -> printIt(out, reactor, "never"));
        other.cancel();
        out.println("other = reactor.callLater(1, printIt, \"never\"); other.cancel(): other.active() is "
                + other.active());
        try {
            other.cancel();
        } catch (AlreadyCancelled e) {
            out.println("other.cancel() again: AlreadyCancelled");
        }
        try {
            other.reset(1);
        } catch (AlreadyCancelled e) {
            out.println("other.reset(1) after cancel: AlreadyCancelled");
        }
        runUntilIdle(reactor);
        out.println("  (never was never printed)");
    }

    /** Twisted: {@code print_it(p)}. */
    private static void printIt(PrintStream out, Clock reactor, String p) {
        out.println(at(reactor) + p);
    }

    /** The fake reactor's {@code stop}: what is still scheduled will not run. */
    private static void stop(PrintStream out, Clock reactor) {
        out.println(at(reactor) + "reactor.stop()");
        for (IDelayedCall pending : reactor.getDelayedCalls()) {
            pending.cancel();
        }
    }

    private static String due(IDelayedCall call) {
        return Math.round(call.getTime()) + "s";
    }
}
