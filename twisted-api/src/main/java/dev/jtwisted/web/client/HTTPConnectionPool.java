package dev.jtwisted.web.client;

import dev.jtwisted.internet.Factory;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IDelayedCall;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.IReactorTime;
import dev.jtwisted.internet.IStreamClientEndpoint;
import dev.jtwisted.internet.defer.CancelledError;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections of one or more {@link Agent}s: a persistent pool keeps each connection open
 * after its response (when the server allows it) and gives it to the next request for the same
 * scheme, host and port. At most {@link #maxPersistentPerHost()} idle connections are kept per
 * destination, each for {@link #cachedConnectionTimeout()} seconds. A request on a kept
 * connection that the server had closed meanwhile is retried once on a new connection, when it is
 * idempotent and has no body ({@link #retryAutomatically()}).
 *
 * <p>A non-persistent pool (what an Agent makes when given none) sends
 * {@code Connection: close} and uses each connection once.
 *
 * <pre>{@code
 * HTTPConnectionPool pool = new HTTPConnectionPool(reactor);
 * pool.maxPersistentPerHost(4);
 * Agent agent = new Agent(reactor, pool);
 * }</pre>
 *
 * <p>Threads: the reactor thread.
 *
 * <p>Twisted: {@code twisted.web.client.HTTPConnectionPool}.
 */
public class HTTPConnectionPool {
    private static final Logger log = LoggerFactory.getLogger(HTTPConnectionPool.class);
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "DELETE", "TRACE");

    private final IReactorTime reactor;
    private final boolean persistent;
    private int maxPersistentPerHost = 2;
    private double cachedConnectionTimeout = 240;
    private boolean retryAutomatically = true;
    private final Map<Object, List<HTTP11ClientProtocol>> connections = new HashMap<>();
    private final Map<HTTP11ClientProtocol, IDelayedCall> timeouts = new IdentityHashMap<>();

    /** A persistent pool. */
    public HTTPConnectionPool(IReactorTime reactor) {
        this(reactor, true);
    }

    /** @param persistent whether connections are kept open for later requests */
    public HTTPConnectionPool(IReactorTime reactor, boolean persistent) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.persistent = persistent;
    }

    /** Whether connections are kept open for later requests. Twisted: {@code persistent}. */
    public boolean persistent() {
        return persistent;
    }

    /** The most idle connections kept per destination; 2 by default. */
    public int maxPersistentPerHost() {
        return maxPersistentPerHost;
    }

    /**
     * Sets {@link #maxPersistentPerHost()}. Twisted: the {@code maxPersistentPerHost} attribute.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public HTTPConnectionPool maxPersistentPerHost(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("maxPersistentPerHost < 0: " + n);
        }
        maxPersistentPerHost = n;
        return this;
    }

    /** Seconds an idle connection is kept; 240 by default. */
    public double cachedConnectionTimeout() {
        return cachedConnectionTimeout;
    }

    /**
     * Sets {@link #cachedConnectionTimeout()}. Twisted: the {@code cachedConnectionTimeout} attribute.
     *
     * @throws IllegalArgumentException if {@code seconds < 0}
     */
    public HTTPConnectionPool cachedConnectionTimeout(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("cachedConnectionTimeout < 0: " + seconds);
        }
        cachedConnectionTimeout = seconds;
        return this;
    }

    /** Whether a failed idempotent request on a kept connection is retried once; true by default. */
    public boolean retryAutomatically() {
        return retryAutomatically;
    }

    /** Sets {@link #retryAutomatically()}. Twisted: the {@code retryAutomatically} attribute. */
    public HTTPConnectionPool retryAutomatically(boolean retry) {
        retryAutomatically = retry;
        return this;
    }

    /**
     * A connection for one request: an idle one kept under {@code key}, or a new one from
     * {@code endpoint}. Once its response is over it comes back under {@code key}, if it may.
     *
     * <p>Twisted: {@code HTTPConnectionPool.getConnection}.
     */
    Deferred<RequestSender> getConnection(Object key, IStreamClientEndpoint endpoint) {
        List<HTTP11ClientProtocol> cached = connections.get(key);
        while (cached != null && !cached.isEmpty()) {
            HTTP11ClientProtocol connection = cached.remove(0);
            IDelayedCall timeout = timeouts.remove(connection);
            if (timeout != null && timeout.active()) {
                timeout.cancel();
            }
            if (connection.state() == HTTP11ClientProtocol.State.QUIESCENT) {
                if (cached.isEmpty()) {
                    connections.remove(key);
                }
                RequestSender sender = retryAutomatically
                        ? new RetryingSender(connection, () -> newConnection(key, endpoint))
                        : connection;
                return Defer.succeed(sender);
            }
        }
        if (cached != null) {
            connections.remove(key);
        }
        return newConnection(key, endpoint);
    }

    private Deferred<RequestSender> newConnection(Object key, IStreamClientEndpoint endpoint) {
        Factory factory = new Factory() {
            @Override
            public IProtocol buildProtocol(IAddress addr) {
                return new HTTP11ClientProtocol(p -> putConnection(key, p));
            }

            @Override
            public String toString() {
                return "HTTP11ClientFactory(" + endpoint + ")";
            }
        };
        return endpoint.connect(factory).addCallback(p -> (RequestSender) p);
    }

    private void putConnection(Object key, HTTP11ClientProtocol connection) {
        if (connection.state() != HTTP11ClientProtocol.State.QUIESCENT) {
            log.error("BUG: non-quiescent {} added to the connection pool", connection, new IllegalStateException());
            return;
        }
        if (!persistent) {
            connection.transport().loseConnection();
            return;
        }
        List<HTTP11ClientProtocol> cached = connections.computeIfAbsent(key, k -> new ArrayList<>());
        if (cached.size() >= maxPersistentPerHost) {
            if (maxPersistentPerHost == 0) {
                connection.transport().loseConnection();
                return;
            }
            HTTP11ClientProtocol dropped = cached.remove(0);
            dropped.transport().loseConnection();
            IDelayedCall timeout = timeouts.remove(dropped);
            if (timeout != null && timeout.active()) {
                timeout.cancel();
            }
        }
        cached.add(connection);
        timeouts.put(connection, reactor.callLater(cachedConnectionTimeout, () -> removeConnection(key, connection)));
    }

    private void removeConnection(Object key, HTTP11ClientProtocol connection) {
        connection.transport().loseConnection();
        List<HTTP11ClientProtocol> cached = connections.get(key);
        if (cached != null) {
            cached.remove(connection);
            if (cached.isEmpty()) {
                connections.remove(key);
            }
        }
        timeouts.remove(connection);
    }

    /** How many idle connections are kept now, per key. For tests. */
    Map<Object, Integer> cachedConnectionCounts() {
        Map<Object, Integer> counts = new LinkedHashMap<>();
        connections.forEach((k, v) -> counts.put(k, v.size()));
        return counts;
    }

    /** The idle connections kept under {@code key}. For tests. */
    List<HTTP11ClientProtocol> cachedConnections(Object key) {
        return List.copyOf(connections.getOrDefault(key, List.of()));
    }

    /**
     * Closes every idle connection and forgets them. The Deferred fires once all are closed.
     *
     * <p>Twisted: {@code HTTPConnectionPool.closeCachedConnections}.
     */
    public Deferred<Void> closeCachedConnections() {
        List<Deferred<Void>> results = new ArrayList<>();
        for (List<HTTP11ClientProtocol> cached : connections.values()) {
            for (HTTP11ClientProtocol p : cached) {
                results.add(p.abort());
            }
        }
        connections.clear();
        for (IDelayedCall call : timeouts.values()) {
            if (call.active()) {
                call.cancel();
            }
        }
        timeouts.clear();
        return Defer.gatherResults(results).addCallback(ignored -> (Void) null);
    }

    @Override
    public String toString() {
        return "HTTPConnectionPool(persistent=" + persistent + ", " + cachedConnectionCounts() + ")";
    }

    /**
     * A kept connection that sends a request again, once, on a new connection when the server had
     * closed the kept one. Twisted: {@code _RetryingHTTP11ClientProtocol}.
     */
    private static final class RetryingSender implements RequestSender {
        private final HTTP11ClientProtocol connection;
        private final java.util.function.Supplier<Deferred<RequestSender>> newConnection;

        RetryingSender(HTTP11ClientProtocol connection, java.util.function.Supplier<Deferred<RequestSender>> newConnection) {
            this.connection = connection;
            this.newConnection = newConnection;
        }

        /** Twisted: {@code _shouldRetry}. */
        static boolean shouldRetry(ClientRequest request, Throwable error) {
            if (!IDEMPOTENT.contains(request.method) || request.bodyProducer != null) {
                return false;
            }
            List<Failure> reasons;
            if (error instanceof RequestNotSent) {
                return true;
            } else if (error instanceof RequestTransmissionFailed) {
                reasons = ((RequestTransmissionFailed) error).reasons();
            } else if (error instanceof ResponseNeverReceived) {
                reasons = ((ResponseNeverReceived) error).reasons();
            } else {
                return false;
            }
            for (Failure f : reasons) {
                if (f.check(CancelledError.class) != null) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Deferred<IResponse> request(ClientRequest request) {
            return connection.request(request).addErrbackDeferring(f -> {
                if (!shouldRetry(request, f.value())) {
                    return Defer.fail(f);
                }
                log.debug("Retrying {} on a new connection: the kept one failed with {}", request, f.getErrorMessage());
                return newConnection.get().addCallbackDeferring(sender -> sender.request(request));
            });
        }
    }
}
