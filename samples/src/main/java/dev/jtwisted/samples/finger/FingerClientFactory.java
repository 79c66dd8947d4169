package dev.jtwisted.samples.finger;

import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.IConnector;
import dev.jtwisted.internet.IReactorTCP;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import java.util.Objects;

/**
 * Makes the {@link FingerClient} of one query and holds its result: a Deferred fired with the
 * server's reply when it closes the connection, or failed with why the connection could not
 * be made. Cancelling the Deferred (a timeout does) drops the connection or the attempt.
 *
 * <p>Twisted: the tutorial's {@code FingerClientFactory(protocol.ClientFactory)} with
 * {@code self.result = defer.Deferred()}, {@code gotResult} calling it back and
 * {@code clientConnectionFailed} errbacking it, and its {@code query(host, port, user)}.
 */
final class FingerClientFactory extends ClientFactory {
    private final String user;
    private final Deferred<String> result;
    private IConnector connector;
    private boolean cancelled;

    FingerClientFactory(String user) {
        this.user = Objects.requireNonNull(user, "user");
        this.result = new Deferred<>(d -> {
            // What the disconnect reports next belongs to a query nobody waits for any more.
            cancelled = true;
            if (connector != null) {
                connector.disconnect();
            }
        });
        protocol = () -> new FingerClient(this);
        noisy = false;
    }

    /**
     * Asks the finger server at {@code host}:{@code port} about {@code user}, giving up on
     * connecting after {@code timeout} seconds. Twisted: the tutorial's {@code query}.
     *
     * @return fires with the reply, possibly empty; fails with the connection's error
     */
    static Deferred<String> query(IReactorTCP reactor, String host, int port, String user, double timeout) {
        FingerClientFactory f = new FingerClientFactory(user);
        reactor.connectTCP(host, port, f, timeout, null);
        return f.result;
    }

    String user() {
        return user;
    }

    @Override
    public void startedConnecting(IConnector connector) {
        this.connector = connector;
    }

    /** Twisted: {@code gotResult}. */
    void gotResult(String reply) {
        if (!cancelled && !result.called()) {
            result.callback(reply);
        }
    }

    @Override
    public void clientConnectionFailed(IConnector connector, Failure reason) {
        if (!cancelled && !result.called()) {
            result.errback(reason);
        }
    }
}
