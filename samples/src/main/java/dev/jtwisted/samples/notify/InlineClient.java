package dev.jtwisted.samples.notify;

import static dev.jtwisted.internet.defer.Defer.await;

import dev.jtwisted.internet.defer.Defer;
import java.io.PrintStream;

/**
 * The same user code as {@link CallbacksClient}, written with inline callbacks: each handler is
 * one sequential body that {@code await}s each answer, and an error anywhere in it reaches the
 * one errback of the Deferred {@code inlineCallbacks} returns.
 *
 * <p>Twisted: the talk's {@code @inlineCallbacks def connectionMade(self): print (yield
 * self.random()); print (yield self.classified())}, and its "simplification of the user code":
 * {@code @inlineCallbacks def randomAvailable(self): yield self.stopNotify(); print (yield
 * self.random()); yield self.notify()}.
 */
final class InlineClient extends MyClient {

    InlineClient(PrintStream out, int wanted) {
        super(out, wanted);
    }

    @Override
    public void connectionMade() {
        Defer.inlineCallbacks(() -> {
            out.println("random: " + await(random()));
            out.println("classified: " + await(classified()));
            startNotify();
            return null;
        }).addErrback(this::failed);
    }

    @Override
    protected void randomAvailable() {
        Defer.inlineCallbacks(() -> {
            out.println("notif: random");
            stopNotify();
            out.println("random: " + await(random()));
            return nextOrStop();
        }).addErrback(this::failed);
    }

    @Override
    protected void classifiedAvailable() {
        Defer.inlineCallbacks(() -> {
            out.println("notif: classified");
            stopNotify();
            out.println("classified: " + await(classified()));
            return nextOrStop();
        }).addErrback(this::failed);
    }
}
