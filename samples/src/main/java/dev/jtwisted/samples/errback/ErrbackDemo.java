package dev.jtwisted.samples.errback;

import static dev.jtwisted.samples.FakeTime.at;
import static dev.jtwisted.samples.FakeTime.runUntilIdle;

import dev.jtwisted.internet.defer.AlreadyCalledError;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.task.Clock;
import dev.jtwisted.internet.task.Task;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.samples.Context;
import dev.jtwisted.samples.Sample;
import java.io.IOException;
import java.io.PrintStream;
import java.util.NoSuchElementException;

/**
 * Shows, step by step, how a Deferred's chain switches between its callbacks and its errbacks.
 * Read it before the network samples: everything they do with results and errors is one of
 * these moves.
 *
 * <p>A {@link Clock} stands in for the reactor: {@code clock.callLater} is
 * {@code reactor.callLater}, and the demo runs the clock's calls itself, so it ends at once and
 * prints the same on every run.
 *
 * <p>Twisted: the errback demo of the EuroPython 2012 Twisted training, part 2. Step 1 is the
 * demo itself ({@code on_success} and {@code on_error} on a Deferred fired by {@code callback}
 * after one second and another fired by {@code errback} after two), step 2 its deliberately
 * wrong twin that fires one Deferred twice, and steps 3 to 6 walk the training's chain diagram:
 * a raising callback, {@code addCallbacks} against {@code addCallback} plus {@code addErrback},
 * an errback that recovers by retrying on a flaky network, and {@code Failure.trap}.
 */
public final class ErrbackDemo implements Sample {

    @Override
    public String name() {
        return "errback-demo";
    }

    @Override
    public String description() {
        return "How a Deferred's chain switches between callbacks and errbacks";
    }

    @Override
    public void run(Args args, Context context) {
        PrintStream out = context.out();
        callbackAndErrback(out);
        out.println();
        firedTwice(out);
        out.println();
        raisingCallback(out);
        out.println();
        levels(out);
        out.println();
        recovery(out);
        out.println();
        trap(out);
    }

    /** Step 1: the training's demo. */
    private static void callbackAndErrback(PrintStream out) {
        out.println("== 1. callback runs the callbacks, errback runs the errbacks");
        Clock reactor = new Clock();
        Deferred<String> d1 = new Deferred<>();
        d1.addCallback(msg -> onSuccess(out, msg)).addErrback(f -> onError(out, f));
        reactor.callLater(1, () -> {
            out.println(at(reactor) + "d1.callback(\"NEAT\")");
            d1.callback("NEAT");
        });
        Deferred<String> d2 = new Deferred<>();
        d2.addCallback(msg -> onSuccess(out, msg)).addErrback(f -> onError(out, f));
        reactor.callLater(2, () -> {
            out.println(at(reactor) + "d2.errback(new Exception(\"BUMMER\"))");
            d2.errback(new Exception("BUMMER"));
        });
        runUntilIdle(reactor);
    }

    /** Step 2: the same, wrongly firing one Deferred twice. */
    private static void firedTwice(PrintStream out) {
        out.println("== 2. A Deferred fires once: callback then errback on it is a bug");
        Clock reactor = new Clock();
        Deferred<String> d = new Deferred<>();
        d.addCallback(msg -> onSuccess(out, msg)).addErrback(f -> onError(out, f));
        reactor.callLater(1, () -> {
            out.println(at(reactor) + "d.callback(\"NEAT\")");
            d.callback("NEAT");
        });
        reactor.callLater(2, () -> {
            out.println(at(reactor) + "d.errback(new Exception(\"BUMMER\"))");
            try {
                d.errback(new Exception("BUMMER"));
            } catch (AlreadyCalledError e) {
                // What the demo is about: Twisted's reactor would log this as an Unhandled Error.
                out.println("  AlreadyCalledError: d has already fired");
            }
        });
        runUntilIdle(reactor);
    }

    /** Step 3: a callback that throws moves the chain to the next errback. */
    private static void raisingCallback(PrintStream out) {
        out.println("== 3. A callback that throws switches the chain to the errbacks");
        for (String result : new String[] {"NEAT", null}) {
            Deferred<String> d = new Deferred<>();
            d.addCallback(r -> check(out, r))
                    .addCallback(r -> onSuccess(out, r))
                    .addErrback(f -> onError(out, f));
            out.println(result == null ? "d.callback(null)" : "d.callback(\"" + result + "\")");
            d.callback(result);
        }
        out.println("  (onSuccess was skipped: the chain had switched to the errbacks)");
    }

    /** Step 4: addCallbacks puts both at one level; the errback cannot see its own callback fail. */
    private static void levels(PrintStream out) {
        out.println("== 4. addCallbacks(f, g) puts f and g at one level; addCallback(f).addErrback(g) does not");
        out.println("d.addCallbacks(check, onError).addErrback(lastResort); d.callback(null)");
        Deferred<String> d1 = new Deferred<>();
        d1.addCallbacks(r -> check(out, r), f -> onError(out, f))
                .addErrback(f -> lastResort(out, f));
        d1.callback(null);
        out.println("d.addCallback(check).addErrback(onError); d.callback(null)");
        Deferred<String> d2 = new Deferred<>();
        d2.addCallback(r -> check(out, r)).addErrback(f -> onError(out, f));
        d2.callback(null);
    }

    /** Step 5: an errback that returns a Deferred recovers once that Deferred has a result. */
    private static void recovery(PrintStream out) {
        out.println("== 5. An errback that returns a value recovers; returning a Deferred makes the chain wait");
        Clock reactor = new Clock();
        FlakyWeb web = new FlakyWeb(reactor, out);
        out.println("getPage(\"/flaky\").addErrback(retry).addCallback(onSuccess)");
        web.getPage("/flaky")
                .addErrbackDeferring(f -> {
                    out.println("  retry: ERROR " + f.getErrorMessage() + "; calling getPage again");
                    return web.getPage("/flaky");
                })
                .addCallback(page -> onSuccess(out, page));
        runUntilIdle(reactor);
    }

    /** Step 6: trap handles the errors it names and passes the others down the chain. */
    private static void trap(PrintStream out) {
        out.println("== 6. Failure.trap handles the errors it names and passes the others on");
        out.println("lookup(\"ghost\").addErrback(notFound).addCallback(onSuccess).addErrback(onError)");
        Deferred<String> ghost = Defer.fail(new NoSuchElementException("ghost"));
        ghost.addErrback(f -> notFound(out, f))
                .addCallback(user -> onSuccess(out, user))
                .addErrback(f -> onError(out, f));
        out.println("lookup(\"disk\").addErrback(notFound).addCallback(onSuccess).addErrback(onError)");
        Deferred<String> disk = Defer.fail(new IOException("disk on fire"));
        disk.addErrback(f -> notFound(out, f))
                .addCallback(user -> onSuccess(out, user))
                .addErrback(f -> onError(out, f));
        out.println("  (trap rethrew the IOException, so onSuccess was skipped)");
    }

    /** Twisted (the training): {@code on_success}. */
    private static Void onSuccess(PrintStream out, Object msg) {
        out.println("  onSuccess: SUCCESS " + msg);
        return null;
    }

    /** Twisted (the training): {@code on_error}. Recovers with null, whatever the chain's type. */
    private static <T> T onError(PrintStream out, Failure f) {
        out.println("  onError: ERROR " + f.getErrorMessage());
        return null;
    }

    /** The training's synchronous check: no result is an error, anything else passes. */
    private static String check(PrintStream out, String result) {
        if (result == null) {
            out.println("  check: no result, throwing");
            throw new IllegalArgumentException("no result");
        }
        out.println("  check: " + result + " is fine");
        return result;
    }

    private static <T> T lastResort(PrintStream out, Failure f) {
        out.println("  lastResort: ERROR " + f.getErrorMessage());
        return null;
    }

    /** Handles a missing user by answering "nobody"; anything else goes on down the chain. */
    private static String notFound(PrintStream out, Failure f) {
        out.println("  notFound: the failure is " + f.type().getSimpleName() + "; f.trap(NoSuchElementException)");
        f.trap(NoSuchElementException.class);
        out.println("  notFound: trapped; the answer is nobody");
        return "nobody";
    }

    /** A web server on a bad network: the first request for a page fails, the next one works. */
    private static final class FlakyWeb {
        private final Clock reactor;
        private final PrintStream out;
        private int requests;

        FlakyWeb(Clock reactor, PrintStream out) {
            this.reactor = reactor;
            this.out = out;
        }

        /** A page, a second from now. Twisted: {@code twisted.web.client.getPage}. */
        Deferred<String> getPage(String path) {
            return Task.deferLater(reactor, 1, () -> {
                if (++requests == 1) {
                    out.println(at(reactor) + "getPage(\"" + path + "\") fails: connection lost");
                    throw new IOException("connection lost");
                }
                out.println(at(reactor) + "getPage(\"" + path + "\") answers");
                return "<h1>NEAT</h1>";
            });
        }
    }
}
