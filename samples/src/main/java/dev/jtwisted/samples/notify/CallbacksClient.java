package dev.jtwisted.samples.notify;

import dev.jtwisted.internet.defer.Deferred;
import java.io.PrintStream;

/**
 * The talk's user code written with callbacks: each step is a method that prints a result and
 * asks for the next, chained with {@code addCallback}.
 * <ul>
 *   <li>on connection: a random number, then a classified ad, then notification mode;
 *   <li>on {@code notif: random}: stop notifications, get the number, print it, notify again;
 *       on {@code notif: classified} the same with an ad.
 * </ul>
 *
 * <p>Twisted: the talk's {@code MyClient} with {@code connectionMade} doing
 * {@code self.random().addCallback(self.print_and_get_classified)}, and
 * {@code print_and_get_classified} returning the next Deferred.
 */
final class CallbacksClient extends MyClient {

    CallbacksClient(PrintStream out, int wanted) {
        super(out, wanted);
    }

    @Override
    public void connectionMade() {
        random().addCallbackDeferring(this::printAndGetClassified)
                .addCallback(this::printAndNotify)
                .addErrback(this::failed);
    }

    private Deferred<String> printAndGetClassified(int number) {
        out.println("random: " + number);
        return classified();
    }

    private Void printAndNotify(String ad) {
        out.println("classified: " + ad);
        startNotify();
        return null;
    }

    @Override
    protected void randomAvailable() {
        out.println("notif: random");
        stopNotify();
        random().addCallback(this::printRandom)
                .addCallback(printed -> nextOrStop())
                .addErrback(this::failed);
    }

    @Override
    protected void classifiedAvailable() {
        out.println("notif: classified");
        stopNotify();
        classified().addCallback(this::printClassified)
                .addCallback(printed -> nextOrStop())
                .addErrback(this::failed);
    }

    private Void printRandom(int number) {
        out.println("random: " + number);
        return null;
    }

    private Void printClassified(String ad) {
        out.println("classified: " + ad);
        return null;
    }
}
