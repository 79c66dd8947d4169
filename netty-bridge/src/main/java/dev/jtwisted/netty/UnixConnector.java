package dev.jtwisted.netty;

import dev.jtwisted.internet.BadFileError;
import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.ConnectError;
import dev.jtwisted.internet.ConnectionRefusedError;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IConnector;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.NotConnectingError;
import dev.jtwisted.internet.TimeoutError;
import dev.jtwisted.internet.UNIXAddress;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.python.lockfile.Lockfile;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.net.ConnectException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An outgoing UNIX-domain stream connection and its attempts, as {@link TcpConnector} is for TCP:
 * tells its {@link ClientFactory} how each goes, and may be told to {@link #connect()} again.
 *
 * <p>Threads: lives on one loop; its methods called elsewhere are passed to it.
 *
 * <p>Twisted: {@code twisted.internet.unix.Connector} and {@code unix.Client}.
 */
final class UnixConnector implements IConnector, ConnectionOwner {
    private static final Logger log = LoggerFactory.getLogger(UnixConnector.class);

    private enum State { DISCONNECTED, CONNECTING, CONNECTED }

    /** One attempt: stale once the connector has moved on, so its late events are ignored. */
    private static final class Attempt {
        Channel channel;
    }

    private final NettyReactor reactor;
    private final String path;
    private final ClientFactory factory;
    private final double timeout;
    private final boolean checkPID;
    final EventLoop loop;

    private State state = State.DISCONNECTED;
    private boolean factoryStarted;
    private Attempt attempt;
    private ChannelTransport transport;

    UnixConnector(NettyReactor reactor, String path, ClientFactory factory, double timeout, boolean checkPID,
            EventLoop loop) {
        this.reactor = reactor;
        this.path = path;
        this.factory = factory;
        this.timeout = timeout;
        this.checkPID = checkPID;
        this.loop = loop;
    }

    /**
     * Starts an attempt: {@code doStart} (once), then {@code startedConnecting}; the attempt
     * itself begins when the reactor runs.
     *
     * @throws IllegalStateException if connecting or connected already
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
        reactor.unixConnecting.add(this);
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
            failed(a, new Failure(new ConnectError("the reactor is stopping; not connecting to " + path)));
            return;
        }
        if (checkPID && !serverHoldsLock()) {
            // Twisted: unix.Client's checkPID.
            failed(a, new Failure(new BadFileError("File used for UNIX socket is no good: " + path
                    + " (no live process holds " + path + ".lock)")));
            return;
        }
        Channel ch = reactor.backend.newDomainSocketChannel();
        a.channel = ch;
        ch.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        if (timeout > 0) {
            ch.config().setConnectTimeoutMillis((int) Math.min(Integer.MAX_VALUE, Math.ceil(timeout * 1000)));
        }
        ch.pipeline().addLast(new EndOfInputOnClose(), new ProtocolHandler(this));
        loop.register(ch).addListener(registered -> {
            if (!registered.isSuccess()) {
                failed(a, translate(registered.cause()));
                return;
            }
            ch.connect(reactor.backend.domainAddress(path)).addListener(connected -> {
                if (!connected.isSuccess()) {
                    failed(a, translate(connected.cause()));
                }
            });
        });
    }

    private boolean serverHoldsLock() {
        try {
            return Lockfile.isLocked(path + ".lock");
        } catch (IOException e) {
            log.debug("{}: cannot check the lock of {}: {}", this, path, e.toString());
            return false;
        }
    }

    private void failed(Attempt a, Failure reason) {
        if (attempt != a) {
            return;
        }
        attempt = null;
        if (a.channel != null) {
            a.channel.close();
        }
        state = State.DISCONNECTED;
        reactor.unixConnecting.remove(this);
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
    private Failure translate(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (cause instanceof ConnectTimeoutException || lower.contains("timed out")) {
            return new Failure(new TimeoutError("User timeout caused connection failure: " + path, cause));
        }
        if (lower.contains("refused")) {
            return new Failure(new ConnectionRefusedError("Connection was refused by other side: " + path
                    + ": " + message, cause));
        }
        String what = cause instanceof ConnectException || cause instanceof IOException ? message : cause.toString();
        return new Failure(new ConnectError("Connecting to " + path + " failed: " + what, cause));
    }

    /** @throws NotConnectingError if no attempt is in progress */
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
                failed(attempt, new Failure(new ConnectError("the reactor stopped while connecting to " + path)));
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
        return new UNIXAddress(path);
    }

    // ------------------------------------------------------------------ its connection

    @Override
    public IProtocol buildProtocol(IAddress peer) {
        state = State.CONNECTED;
        attempt = null;
        reactor.unixConnecting.remove(this);
        return factory.buildProtocol(peer);
    }

    @Override
    public void connectionMade(ChannelTransport made) {
        transport = made;
        reactor.connections.add(made);
    }

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
        return "<UnixConnector to '" + path + "' " + state + ">";
    }
}
