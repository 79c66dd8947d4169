package dev.jtwisted.samples.kv;

import dev.jtwisted.application.service.Service;
import dev.jtwisted.internet.ClientCreator;
import dev.jtwisted.internet.ConnectError;
import dev.jtwisted.internet.IReactorTCP;
import dev.jtwisted.internet.IReactorTime;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.samples.HostPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web front end's one connection to the kv server, shared by every web request: their
 * requests are pipelined on it. Made when the service starts, and made again by the first
 * request that finds it lost, so the front end recovers once the kv server is back; requests
 * that come while a connection is being made wait for that same attempt. If the kv server
 * cannot be reached, every waiting request fails with the {@link ConnectError} at once.
 *
 * <p>Threads: use it on the reactor thread, as the web requests are. With several event loops
 * a request and the kv connection could live on different threads, so the front end relies on
 * the reactor's single event loop (the default).
 *
 * <p>Twisted: the training's {@code keyvalue_web.py} connects once with {@code ClientCreator}
 * and hands the protocol to {@code makeSite(kv)}; this adds the reconnecting a long-running
 * front end needs (as Twisted's {@code ClientService} does), on demand instead of on a timer.
 */
public final class KeyValueConnection extends Service {
    private static final Logger log = LoggerFactory.getLogger(KeyValueConnection.class);

    /** Seconds to wait for a connection before failing the requests that wait for it. */
    static final double CONNECT_TIMEOUT = 5;

    private final ClientCreator<KeyValueClient> creator;
    private final HostPort server;
    /** The connection in use; null before the first one and after a failed attempt. */
    private KeyValueClient client;
    /** The requests waiting for the attempt in progress; null when none is. */
    private List<Deferred<KeyValueClient>> waiting;
    private boolean stopped;

    /** A connection to {@code server} through {@code reactor}. */
    public <R extends IReactorTCP & IReactorTime> KeyValueConnection(R reactor, HostPort server) {
        this.creator = new ClientCreator<>(reactor, KeyValueClient::new);
        this.server = Objects.requireNonNull(server, "server");
    }

    /** The kv server it connects to. */
    public HostPort server() {
        return server;
    }

    /**
     * The connected client: the current one, or a new one once connected.
     *
     * @return fails with the {@link ConnectError} of the attempt (refused, timed out...), or
     *     with {@code IllegalStateException} once the service has stopped
     */
    public Deferred<KeyValueClient> client() {
        if (stopped) {
            return Defer.fail(new IllegalStateException("the kv-web service has stopped"));
        }
        if (client != null && client.isConnected()) {
            return Defer.succeed(client);
        }
        Deferred<KeyValueClient> d = new Deferred<>();
        if (waiting != null) {
            waiting.add(d);
            return d;
        }
        waiting = new ArrayList<>(List.of(d));
        creator.connectTCP(server.host(), server.port(), CONNECT_TIMEOUT).addCallbacks(connected -> {
            if (stopped) {
                connected.transport().loseConnection();
                for (Deferred<KeyValueClient> each : takeWaiting()) {
                    each.errback(new IllegalStateException("the kv-web service has stopped"));
                }
                return null;
            }
            client = connected;
            for (Deferred<KeyValueClient> each : takeWaiting()) {
                each.callback(connected);
            }
            return null;
        }, (Failure f) -> {
            client = null;
            log.warn("cannot connect to the kv server at {}: {}", server, f.getErrorMessage());
            for (Deferred<KeyValueClient> each : takeWaiting()) {
                each.errback(f);
            }
            return null;
        });
        return d;
    }

    private List<Deferred<KeyValueClient>> takeWaiting() {
        List<Deferred<KeyValueClient>> all = waiting;
        waiting = null;
        return all;
    }

    /** Connects at once, as the training's front end does; a failure is only logged. */
    @Override
    public void startService() {
        super.startService();
        client().addErrback(f -> null);
    }

    /** Closes the connection; requests still in flight on it fail with {@code ConnectionDone}. */
    @Override
    public Deferred<Void> stopService() {
        stopped = true;
        if (client != null && client.isConnected()) {
            client.transport().loseConnection();
        }
        return super.stopService();
    }

    @Override
    public String toString() {
        return "KeyValueConnection(" + server + ", " + (client != null && client.isConnected() ? "connected"
                : waiting != null ? "connecting" : "not connected") + ")";
    }
}
