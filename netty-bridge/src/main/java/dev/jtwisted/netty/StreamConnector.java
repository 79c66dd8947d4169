package dev.jtwisted.netty;

import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.ConnectError;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IConnector;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.NotConnectingError;
import dev.jtwisted.python.failure.Failure;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An outgoing stream connection and its attempts, whatever the address family: tells its
 * {@link ClientFactory} how each attempt goes and how the connection ends, and may be told to
 * {@link #connect()} again. Subclasses say where to connect and how ({@link #start}), and how
 * their failures read ({@link #translate}).
 *
 * <p>Threads: lives on one loop; its methods called elsewhere are passed to it.
 *
 * <p>Twisted: {@code twisted.internet.base.BaseConnector}.
 */
abstract class StreamConnector implements IConnector, ConnectionOwner {
    private static final Logger log = LoggerFactory.getLogger(StreamConnector.class);

    enum State { DISCONNECTED, CONNECTING, CONNECTED }

    /** One attempt: stale once the connector has moved on, so its late events are ignored. */
    static final class Attempt {
        Channel channel;
    }

    final NettyReactor reactor;
    final ClientFactory factory;
    /** Seconds for the connect (and a TLS handshake); 0 or less for none. */
    final double timeout;
    final EventLoop loop;

    private State state = State.DISCONNECTED;
    private boolean factoryStarted;
    private Attempt attempt;
    private ChannelTransport transport;

    StreamConnector(NettyReactor reactor, ClientFactory factory, double timeout, EventLoop loop) {
        this.reactor = reactor;
        this.factory = factory;
        this.timeout = timeout;
        this.loop = loop;
    }

    /** Where it connects, for messages: {@code host:port} or the socket's path. */
    abstract String where();

    /** Starts attempt {@code a}, which is current, on the loop: usually ends in {@link #open}. */
    abstract void start(Attempt a);

    /** The Twisted error for a failed connect, keeping Netty's or the JDK's as the cause. */
    abstract Failure translate(Throwable cause);

    State state() {
        return state;
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
            failed(a, new Failure(new ConnectError("the reactor is stopping; not connecting to " + where())));
            return;
        }
        start(a);
    }

    /** Whether {@code a} is still the attempt in progress. */
    final boolean isCurrent(Attempt a) {
        return attempt == a;
    }

    /**
     * Registers {@code ch} for attempt {@code a} and connects it to {@code remote} (from
     * {@code local}, if not null), with half-closure allowed and the connect timeout; the
     * protocol's handler goes last, after whatever the caller added to the pipeline.
     */
    final void open(Attempt a, Channel ch, SocketAddress remote, SocketAddress local) {
        a.channel = ch;
        ch.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        if (timeout > 0) {
            ch.config().setConnectTimeoutMillis((int) Math.min(Integer.MAX_VALUE, Math.ceil(timeout * 1000)));
        }
        ch.pipeline().addLast(new ProtocolHandler(this));
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

    /** Attempt {@code a} failed (ignored if stale). Twisted: {@code BaseConnector.connectionFailed}. */
    final void failed(Attempt a, Failure reason) {
        if (attempt != a) {
            return;
        }
        attempt = null;
        if (a.channel != null) {
            a.channel.close();
        }
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

    /**
     * Stops the attempt in progress; the factory gets {@code clientConnectionFailed} with a
     * {@link ConnectError} ("User aborted connection").
     *
     * @throws NotConnectingError if not connecting
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
        failed(attempt, new Failure(new ConnectError("User aborted connection")));
    }

    /** Abandons a pending attempt because the reactor stops; completes once the factory knows. */
    Future<Void> abortForShutdown() {
        Promise<Void> done = loop.newPromise();
        reactor.submit(loop, () -> {
            if (state == State.CONNECTING && attempt != null) {
                failed(attempt, new Failure(new ConnectError("the reactor stopped while connecting to " + where())));
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
}
