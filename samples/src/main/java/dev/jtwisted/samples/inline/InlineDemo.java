package dev.jtwisted.samples.inline;

import static dev.jtwisted.internet.defer.Defer.await;
import static dev.jtwisted.samples.FakeTime.at;
import static dev.jtwisted.samples.FakeTime.runUntilIdle;

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
 * The errback demo's flow as sequential-looking code: {@code await} instead of callbacks and
 * {@code try/catch} instead of errbacks, in one {@code inlineCallbacks} body.
 * Shows that the two styles are the same Deferreds underneath: what the body throws and does not
 * catch reaches the errback of the Deferred that {@code inlineCallbacks} returns.
 *
 * <p>A {@link Clock} stands in for the reactor: every fake request answers a second later, and
 * the demo runs the clock's calls itself, so it ends at once with the same output every time.
 *
 * <p>Twisted: the inline-callbacks examples of the EuroPython 2012 Twisted training
 * ({@code page = yield getPage(url)} inside {@code @inlineCallbacks}, where "try, except,
 * finally and all of that will work").
 */
public final class InlineDemo implements Sample {

    @Override
    public String name() {
        return "inline-demo";
    }

    @Override
    public String description() {
        return "The errback demo as sequential code: inlineCallbacks, await and try/catch";
    }

    @Override
    public void run(Args args, Context context) {
        PrintStream out = context.out();
        Clock reactor = new Clock();
        FakeWeb web = new FakeWeb(reactor);
        out.println(at(reactor) + "inlineCallbacks: start");
        Deferred<String> done = Defer.inlineCallbacks(() -> {
            String page = await(web.getPage("/neat"));
            out.println(at(reactor) + "SUCCESS " + page);

            try {
                page = await(web.getPage("/flaky"));
            } catch (IOException e) {
                out.println(at(reactor) + "ERROR " + e.getMessage() + "; asking again");
                page = await(web.getPage("/flaky"));
            }
            out.println(at(reactor) + "SUCCESS " + page);

            String user;
            try {
                user = await(web.lookup("ghost"));
            } catch (NoSuchElementException e) {
                out.println(at(reactor) + "no user " + e.getMessage() + "; the answer is nobody");
                user = "nobody";
            }
            out.println(at(reactor) + "SUCCESS " + user);

            out.println(at(reactor) + "lookup(\"disk\") is not in a try: its error ends the body");
            return await(web.lookup("disk"));
        });
        done.addCallbacks(
                result -> {
                    out.println(at(reactor) + "onSuccess: SUCCESS " + result);
                    return null;
                },
                (Failure f) -> {
                    out.println(at(reactor) + "onError: ERROR " + f.getErrorMessage());
                    return null;
                });
        runUntilIdle(reactor);
        if (!done.called()) {
            throw new IllegalStateException("nothing left to run, but the body has not finished: " + done);
        }
    }

    /** Pages and users that each answer a second after they are asked for. */
    private static final class FakeWeb {
        private final Clock reactor;
        private int flakyRequests;

        FakeWeb(Clock reactor) {
            this.reactor = reactor;
        }

        /** The first request for "/flaky" loses its connection. Twisted: {@code getPage}. */
        Deferred<String> getPage(String path) {
            return Task.deferLater(reactor, 1, () -> {
                if (path.equals("/flaky") && ++flakyRequests == 1) {
                    throw new IOException("connection lost");
                }
                return path.equals("/neat") ? "NEAT" : "<h1>NEAT</h1>";
            });
        }

        /** Only the disk's owner is known, and the disk is on fire. */
        Deferred<String> lookup(String user) {
            return Task.deferLater(reactor, 1, () -> {
                if (user.equals("disk")) {
                    throw new IOException("disk on fire");
                }
                throw new NoSuchElementException(user);
            });
        }
    }
}
