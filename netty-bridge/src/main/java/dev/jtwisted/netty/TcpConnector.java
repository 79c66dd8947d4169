package dev.jtwisted.netty;

import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.ConnectError;
import dev.jtwisted.internet.NotConnectingError;
import dev.jtwisted.internet.ConnectionRefusedError;
import dev.jtwisted.internet.DNSLookupError;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IConnector;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IPv6Address;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.NoRouteError;
import dev.jtwisted.internet.TimeoutError;
import dev.jtwisted.internet.ssl.IContextFactory;
import dev.jtwisted.python.failure.Failure;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An outgoing TCP connection and its attempts: tells its {@link ClientFactory} how each goes,
 * and may be told to {@link #connect()} again. With a TLS context factory ({@code connectSSL}),
 * an attempt lasts until the TLS handshake has completed: a {@link HandshakeGate} keeps the
 * protocol from being built before, and a failed handshake fails the attempt.
 *
 * <p>Threads: lives on one loop; its methods called elsewhere are passed to it.
 *
 * <p>Twisted: {@code twisted.internet.tcp.Connector} with {@code base.BaseConnector}.
 */
final class TcpConnector implements IConnector, ConnectionOwner {
    private static final Logger log = LoggerFactory.getLogger(TcpConnector.class);

    private enum State { DISCONNECTED, CONNECTING, CONNECTED }

    /** One attempt: stale once the connector has moved on, so its late events are ignored. */
    private static final class Attempt {
        Channel channel;
    }

    private final NettyReactor reactor;
    private final String host;
    private final int port;
    private final ClientFactory factory;
    private final double timeout;
    private final IPv4Address bindAddress;
    /** TLS from the first byte, or null for plain TCP. */
    private final IContextFactory tls;
    final EventLoop loop;

    private State state = State.DISCONNECTED;
    private boolean factoryStarted;
    private Attempt attempt;
    private ChannelTransport transport;

    TcpConnector(NettyReactor reactor, String host, int port, ClientFactory factory, double timeout,
            IPv4Address bindAddress, IContextFactory tls, EventLoop loop) {
        this.reactor = reactor;
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.factory = factory;
        this.timeout = timeout;
        this.bindAddress = bindAddress;
        this.loop = loop;
    }

    /**
     * Starts an attempt: {@code doStart} (once), then {@code startedConnecting}; the attempt
     * itself begins when the reactor runs.
     *
     * @throws IllegalStateException if connecting or connected already (Twisted's RuntimeError)
     */
    @Override
    public void connect() {
        if (!loop.inEventLoop()) {
            reactor.submit(loop, this::connect);
            return;
        }
        if (state != State.DISCONNECTED) {
            throw new IllegalStateException("can't connect in this state: " + state);
        }
        state = State.CONNECTING;
        if (!factoryStarted) {
            factory.doStart();
            factoryStarted = true;
        }
        Attempt a = new Attempt();
        attempt = a;
        reactor.connecting.add(this);
        factory.startedConnecting(this);
        if (attempt == a) {
            reactor.whenGateOpen(() -> reactor.submit(loop, () -> begin(a)));
        }
    }

    private void begin(Attempt a) {
        if (attempt != a) {
            return;
        }
        if (reactor.isShuttingDown()) {
            failed(a, new Failure(new ConnectError("the reactor is stopping; not connecting to "
                    + host + ":" + port)));
            return;
        }
        InetAddress literal = Addresses.literal(host);
        if (literal != null) {
            connectTo(a, new InetSocketAddress(literal, port));
            return;
        }
        // As Twisted's resolver does: look the name up on the reactor's thread pool.
        reactor.getThreadPool().callInThreadWithCallback((ok, result) -> reactor.submit(loop, () -> {
            if (ok) {
                connectTo(a, new InetSocketAddress((InetAddress) result, port));
            } else {
                failed(a, translate(((Failure) result).value()));
            }
        }), () -> InetAddress.getByName(host));
    }

    private void connectTo(Attempt a, InetSocketAddress remote) {
        if (attempt != a) {
            return;
        }
        Channel ch = reactor.backend.newSocketChannel(Addresses.isIpv6(remote.getAddress()));
        a.channel = ch;
        ch.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        if (timeout > 0) {
            ch.config().setConnectTimeoutMillis((int) Math.min(Integer.MAX_VALUE, Math.ceil(timeout * 1000)));
        }
        if (tls != null) {
            SslHandler ssl = Tls.newHandler(tls, true, ch.alloc(), host, port);
            ssl.setHandshakeTimeoutMillis(timeout > 0 ? (long) Math.ceil(timeout * 1000) : 0);
            ch.pipeline().addLast(Tls.HANDLER_NAME, ssl);
            ch.pipeline().addLast(new HandshakeGate(reason -> failed(a, reason)));
        }
        ch.pipeline().addLast(new ProtocolHandler(this));
        SocketAddress local = bindAddress == null ? null
                : new InetSocketAddress(bindAddress.host(), bindAddress.port());
        loop.register(ch).addListener(registered -> {
            if (!registered.isSuccess()) {
                failed(a, translate(registered.cause()));
                return;
            }
            ch.connect(remote, local).addListener(connected -> {
                if (!connected.isSuccess()) {
                    failed(a, translate(connected.cause()));
                }
            });
        });
    }

    private void failed(Attempt a, Failure reason) {
        if (attempt != a) {
            return;
        }
        attempt = null;
        if (a.channel != null) {
            a.channel.close();
        }
        connectionFailed(reason);
    }

    /** Twisted: {@code BaseConnector.connectionFailed}. */
    private void connectionFailed(Failure reason) {
        state = State.DISCONNECTED;
        reactor.connecting.remove(this);
        try {
            factory.clientConnectionFailed(this, reason);
        } catch (Throwable t) {
            log.error("{} raised in clientConnectionFailed({}) for {}", factory, reason, this, t);
        }
        stopFactoryIfDone();
    }

    private void stopFactoryIfDone() {
        if (state == State.DISCONNECTED && factoryStarted) {
            factoryStarted = false;
            try {
                factory.doStop();
            } catch (Throwable t) {
                log.error("{} raised in doStop for {}", factory, this, t);
            }
        }
    }

    /** The Twisted error for a failed connect, keeping Netty's or the JDK's as the cause. */
    Failure translate(Throwable cause) {
        String where = host + ":" + port;
        String message = String.valueOf(cause.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (cause instanceof ConnectTimeoutException) {
            return new Failure(new TimeoutError("User timeout caused connection failure: " + where, cause));
        }
        if (cause instanceof UnknownHostException) {
            return new Failure(new DNSLookupError("address '" + host + "' not found: " + message, cause));
        }
        if (cause instanceof NoRouteToHostException || lower.contains("no route to host")) {
            return new Failure(new NoRouteError("No route to host: " + where, cause));
        }
        if (cause instanceof ConnectException && lower.contains("refused")) {
            return new Failure(new ConnectionRefusedError(
                    "Connection was refused by other side: " + message, cause));
        }
        if (lower.contains("timed out")) {
            return new Failure(new TimeoutError("Connection timed out: " + where + ": " + message, cause));
        }
        return new Failure(new ConnectError("Connecting to " + where + " failed: " + message, cause));
    }

    /**
     * Stops the attempt in progress; the factory gets {@code clientConnectionFailed} with a
     * {@link ConnectError} ("User aborted connection").
     *
     * @throws IllegalStateException if not connecting (Twisted's NotConnectingError)
     */
    @Override
    public void stopConnecting() {
        if (!loop.inEventLoop()) {
            reactor.submit(loop, this::stopConnecting);
            return;
        }
        if (state != State.CONNECTING) {
            throw new NotConnectingError("we're not trying to connect: " + this);
        }
        Attempt a = attempt;
        failed(a, new Failure(new ConnectError("User aborted connection")));
    }

    /** Abandons a pending attempt because the reactor stops; completes once the factory knows. */
    Future<Void> abortForShutdown() {
        Promise<Void> done = loop.newPromise();
        reactor.submit(loop, () -> {
            if (state == State.CONNECTING && attempt != null) {
                failed(attempt, new Failure(new ConnectError("the reactor stopped while connecting to "
                        + host + ":" + port)));
            }
            done.trySuccess(null);
        });
        return done;
    }

    @Override
    public void disconnect() {
        if (!loop.inEventLoop()) {
            reactor.submit(loop, this::disconnect);
            return;
        }
        if (state == State.CONNECTING) {
            stopConnecting();
        } else if (state == State.CONNECTED && transport != null) {
            transport.loseConnection();
        }
    }

    @Override
    public IAddress getDestination() {
        return Addresses.isIpv6Literal(host) ? new IPv6Address("TCP", host, port) : new IPv4Address("TCP", host, port);
    }

    // ------------------------------------------------------------------ its connection

    /** The attempt succeeded. Twisted: {@code BaseConnector.buildProtocol}. */
    @Override
    public IProtocol buildProtocol(IAddress peer) {
        state = State.CONNECTED;
        attempt = null;
        reactor.connecting.remove(this);
        return factory.buildProtocol(peer);
    }

    @Override
    public void connectionMade(ChannelTransport made) {
        transport = made;
        reactor.connections.add(made);
    }

    /** Twisted: {@code BaseConnector.connectionLost}. */
    @Override
    public void connectionLost(ChannelTransport gone, Failure reason) {
        reactor.connections.remove(gone);
        transport = null;
        state = State.DISCONNECTED;
        try {
            factory.clientConnectionLost(this, reason);
        } catch (Throwable t) {
            log.error("{} raised in clientConnectionLost({}) for {}", factory, reason, this, t);
        }
        stopFactoryIfDone();
    }

    @Override
    public String toString() {
        return "<" + (tls == null ? "TcpConnector" : "TLS connector") + " to " + host + ":" + port + " " + state + ">";
    }
}
