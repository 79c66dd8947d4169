package dev.jtwisted.samples.notify;

import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import java.io.PrintStream;
import java.util.Objects;

/**
 * What the two user clients of the talk share: they print what they get, handle a given number
 * of notifications, then close the connection, and tell the sample when they are done. Each
 * subclass is the talk's {@code MyClient} in one style: {@link CallbacksClient} with callback
 * chains, {@link InlineClient} with inline callbacks.
 *
 * <p>Twisted: the talk's {@code class MyClient(Client)}, whose last callback calls
 * {@code reactor.stop()}; here {@link #done()} fires and the sample stops the reactor.
 */
abstract class MyClient extends NotificationClient {
    protected final PrintStream out;
    private final int wanted;
    private final Deferred<Void> done = new Deferred<>();
    private int handled;
    private boolean finished;
    private Failure failure;

    /**
     * @param out where to print
     * @param wanted how many notifications to handle before closing the connection
     */
    MyClient(PrintStream out, int wanted) {
        this.out = Objects.requireNonNull(out, "out");
        if (wanted < 1) {
            throw new IllegalArgumentException("wanted < 1: " + wanted);
        }
        this.wanted = wanted;
    }

    /**
     * Fires once the connection is closed: with null if the client had handled every
     * notification it wanted, with the failure that stopped it, or with the reason the server
     * closed the connection first.
     */
    Deferred<Void> done() {
        return done;
    }

    /**
     * After a notification is handled: asks for the next one, or, once enough were handled,
     * closes the connection.
     */
    protected Void nextOrStop() {
        if (++handled < wanted) {
            startNotify();
        } else {
            out.println("done after " + handled + " notifications");
            finished = true;
            transport.loseConnection();
        }
        return null;
    }

    /** An errback: the first failure stops the client. */
    protected Void failed(Failure f) {
        if (failure == null) {
            failure = f;
            transport.loseConnection();
        }
        return null;
    }

    @Override
    public void connectionLost(Failure reason) {
        super.connectionLost(reason);
        if (failure != null) {
            done.errback(failure);
        } else if (finished) {
            done.callback(null);
        } else {
            done.errback(reason);
        }
    }
}
