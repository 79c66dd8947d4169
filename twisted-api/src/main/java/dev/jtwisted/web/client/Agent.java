package dev.jtwisted.web.client;

import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.IStreamClientEndpoint;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.endpoints.Endpoints;
import dev.jtwisted.internet.endpoints.TCP4ClientEndpoint;
import dev.jtwisted.internet.endpoints.TCP6ClientEndpoint;
import dev.jtwisted.internet.ssl.SSLError;
import dev.jtwisted.web.http_headers.Headers;
import java.util.List;
import java.util.Objects;

/**
 * Makes HTTP/1.1 requests over TCP ({@code http}) and TLS ({@code https}), one per connection
 * unless given a persistent {@link HTTPConnectionPool}.
 *
 * <pre>{@code
 * Agent agent = new Agent(reactor);
 * agent.request("GET", "https://example.com/", null, null)
 *         .addCallbackDeferring(response -> {
 *             System.out.println(response.code() + " " + response.phrase());
 *             return Client.readBody(response);
 *         })
 *         .addCallback(body -> new String(body, UTF_8));
 * }</pre>
 *
 * <p>Timeouts: {@link Builder#connectTimeout} bounds the connection; for the response, as in
 * Twisted, use {@code agent.request(...).addTimeout(seconds, reactor)}: it cancels the request,
 * which aborts the connection, and the Deferred fails with {@link ResponseNeverReceived} (a
 * {@link dev.jtwisted.internet.defer.CancelledError} among its reasons), or with
 * {@link dev.jtwisted.internet.ConnectingCancelledError} if the timeout came while connecting.
 * Either way no connection is left behind.
 *
 * <p>Errors: a connection that cannot be made fails with the reactor's error (such as
 * {@link dev.jtwisted.internet.ConnectionRefusedError}); a TLS handshake that fails (an untrusted
 * certificate, a wrong host name) with {@link ResponseNeverReceived} holding the
 * {@link SSLError}, as in Twisted; a scheme other than http and https with
 * {@link SchemeNotSupported}; a malformed URI or method with {@link IllegalArgumentException}.
 * None is thrown: each fails the returned Deferred.
 *
 * <p>Threads: call it on the reactor thread; everything it fires runs there.
 *
 * <p>Twisted: {@code twisted.web.client.Agent}.
 */
public final class Agent implements IAgent {
    private final IReactor reactor;
    private final HTTPConnectionPool pool;
    private final IAgentEndpointFactory endpointFactory;

    /** An Agent with a non-persistent pool, 30 s connection timeout and the platform's CAs. */
    public Agent(IReactor reactor) {
        this(builder(reactor));
    }

    /** An Agent that takes its connections from {@code pool}. */
    public Agent(IReactor reactor, HTTPConnectionPool pool) {
        this(builder(reactor).pool(pool));
    }

    private Agent(Builder b) {
        this.reactor = b.reactor;
        this.pool = b.pool != null ? b.pool : new HTTPConnectionPool(b.reactor, false);
        this.endpointFactory = b.endpointFactory != null ? b.endpointFactory
                : new StandardEndpointFactory(b.reactor, b.contextFactory, b.connectTimeout, b.bindAddress);
    }

    /** A builder for the keyword arguments of Twisted's constructor. */
    public static Builder builder(IReactor reactor) {
        return new Builder(reactor);
    }

    /**
     * An Agent that connects through the endpoints {@code endpointFactory} chooses: UNIX
     * sockets, a proxy, an in-memory transport.
     *
     * <p>Twisted: {@code Agent.usingEndpointFactory}.
     *
     * @param pool null for a non-persistent one
     */
    public static Agent usingEndpointFactory(IReactor reactor, IAgentEndpointFactory endpointFactory,
            HTTPConnectionPool pool) {
        return builder(reactor).endpointFactory(endpointFactory).pool(pool).build();
    }

    /** The pool this Agent takes its connections from. */
    public HTTPConnectionPool pool() {
        return pool;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Adds {@code Host} unless {@code headers} has it, and {@code Connection: close} unless
     * the pool is persistent.
     */
    @Override
    public Deferred<IResponse> request(String method, String uri, Headers headers, IBodyProducer bodyProducer) {
        URI parsed;
        IStreamClientEndpoint endpoint;
        ClientRequest request;
        try {
            Objects.requireNonNull(method, "method");
            parsed = URI.fromString(Objects.requireNonNull(uri, "uri"));
            endpoint = endpointFactory.endpointForURI(parsed);
            Headers h = headers == null ? new Headers() : headers;
            if (!h.hasHeader("host")) {
                h = h.copy();
                h.addRawHeader("Host", hostValue(parsed));
            }
            request = new ClientRequest(method, parsed.originForm(), h, bodyProducer, pool.persistent(), parsed);
        } catch (RuntimeException e) {
            return Defer.fail(e);
        }
        Object key = List.of(parsed.scheme(), parsed.host(), parsed.port());
        Deferred<RequestSender> connected = pool.getConnection(key, endpoint);
        Deferred<RequestSender> checked = connected.addErrback(f -> {
            if (f.check(SSLError.class) != null) {
                // Twisted's handshake follows the connection, so its failure is a response never received.
                throw new ResponseNeverReceived(List.of(f));
            }
            throw f.raiseException();
        });
        return checked.addCallbackDeferring(sender -> sender.request(request));
    }

    /** The Host header's value: the port only when not the scheme's default. Twisted: {@code _computeHostValue}. */
    static String hostValue(URI uri) {
        String host = uri.host().indexOf(':') >= 0 ? "[" + uri.host() + "]" : uri.host();
        boolean defaultPort = (uri.scheme().equals("http") && uri.port() == 80)
                || (uri.scheme().equals("https") && uri.port() == 443);
        return defaultPort ? host : host + ":" + uri.port();
    }

    @Override
    public String toString() {
        return "Agent(" + pool + ")";
    }

    /**
     * Options for an {@link Agent}, named after Twisted's keyword arguments.
     */
    public static final class Builder {
        private final IReactor reactor;
        private HTTPConnectionPool pool;
        private IPolicyForHTTPS contextFactory = new BrowserLikePolicyForHTTPS();
        private double connectTimeout = 30;
        private IPv4Address bindAddress;
        private IAgentEndpointFactory endpointFactory;

        private Builder(IReactor reactor) {
            this.reactor = Objects.requireNonNull(reactor, "reactor");
        }

        /** The pool to take connections from; null (the default) for a non-persistent one. */
        public Builder pool(HTTPConnectionPool pool) {
            this.pool = pool;
            return this;
        }

        /** The TLS policy of https connections; {@link BrowserLikePolicyForHTTPS} by default. */
        public Builder contextFactory(IPolicyForHTTPS contextFactory) {
            this.contextFactory = Objects.requireNonNull(contextFactory, "contextFactory");
            return this;
        }

        /**
         * Seconds to wait for a connection (and again for a TLS handshake); 30 by default.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder connectTimeout(double seconds) {
            if (!(seconds >= 0)) {
                throw new IllegalArgumentException("connectTimeout < 0: " + seconds);
            }
            this.connectTimeout = seconds;
            return this;
        }

        /** The local address to connect from (port 0 for any); null for any. */
        public Builder bindAddress(String host) {
            this.bindAddress = host == null ? null : new IPv4Address("TCP", host, 0);
            return this;
        }

        /** How to connect for each URI, instead of TCP and TLS. See {@link Agent#usingEndpointFactory}. */
        public Builder endpointFactory(IAgentEndpointFactory endpointFactory) {
            this.endpointFactory = endpointFactory;
            return this;
        }

        public Agent build() {
            return new Agent(this);
        }
    }

    /**
     * TCP for http, TLS over TCP for https. Twisted: {@code _StandardEndpointFactory}.
     */
    private static final class StandardEndpointFactory implements IAgentEndpointFactory {
        private final IReactor reactor;
        private final IPolicyForHTTPS policy;
        private final double connectTimeout;
        private final IPv4Address bindAddress;

        StandardEndpointFactory(IReactor reactor, IPolicyForHTTPS policy, double connectTimeout,
                IPv4Address bindAddress) {
            this.reactor = reactor;
            this.policy = policy;
            this.connectTimeout = connectTimeout;
            this.bindAddress = bindAddress;
        }

        @Override
        public IStreamClientEndpoint endpointForURI(URI uri) {
            if (!uri.scheme().equals("http") && !uri.scheme().equals("https")) {
                throw new SchemeNotSupported("Unsupported scheme: '" + uri.scheme() + "' in " + uri);
            }
            IStreamClientEndpoint tcp = uri.host().indexOf(':') >= 0
                    ? new TCP6ClientEndpoint(reactor, uri.host(), uri.port(), connectTimeout, bindAddress)
                    : new TCP4ClientEndpoint(reactor, uri.host(), uri.port(), connectTimeout, bindAddress);
            if (uri.scheme().equals("http")) {
                return tcp;
            }
            return Endpoints.wrapClientTLS(policy.creatorForNetloc(uri.host(), uri.port()), tcp);
        }
    }
}
