package dev.jtwisted.netty;

import dev.jtwisted.internet.CannotListenError;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.ServerChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listening stream socket, whatever the address family: a Netty server channel whose accepted
 * channels get a {@link ProtocolHandler} each, spread over the reactor's loops. It accepts
 * nothing until the reactor runs (its server channel's auto-read stays off until then).
 * Subclasses bind ({@link #bind}, then {@link #listening}), prepare each accepted channel
 * ({@link #initChild}) and say how they are named in the log.
 *
 * <p>Twisted: {@code twisted.internet.tcp.Port}, which {@code unix.Port} extends.
 */
abstract class StreamPort implements IListeningPort, ConnectionOwner {
    private static final Logger log = LoggerFactory.getLogger(StreamPort.class);

    final NettyReactor reactor;
    final IProtocolFactory factory;
    final int backlog;
    final EventLoop loop;
    private final Promise<Void> closed;
    private ServerChannel channel;
    private boolean listening;

    StreamPort(NettyReactor reactor, IProtocolFactory factory, int backlog, EventLoop loop) {
        this.reactor = reactor;
        this.factory = factory;
        this.backlog = backlog;
        this.loop = loop;
        this.closed = loop.newPromise();
    }

    /** Builds the error for a listen that failed because of {@code why}. */
    abstract CannotListenError cannotListen(String why, Throwable cause);

    /** Adds what goes before the protocol's handler in an accepted channel's pipeline. */
    abstract void initChild(Channel child);

    /** The port in the start-up log line: the port number, the path. */
    abstract String startedOn();

    /** The port in the close log line: "TCP Port 8080", "UNIX Port /run/x.sock". */
    abstract String closedName();

    /** Called once the socket has closed (or failed to start): release what the bind took. */
    void released() {}

    /**
     * Registers {@code ch} on this port's loop and binds it to {@code address}, inline (on its
     * own loop, registering and binding run at once), with the backlog and accepting off.
     *
     * @throws CannotListenError if either fails
     */
    final ServerChannel bind(ServerChannel ch, SocketAddress address) {
        ch.config().setAutoRead(false);
        ch.config().setOption(ChannelOption.SO_BACKLOG, backlog);
        ch.pipeline().addLast(new Acceptor());
        ChannelFuture registered = loop.register(ch);
        if (!registered.isDone()) {
            ch.close();
            throw new IllegalStateException("registering " + ch + " did not complete on its own loop");
        }
        if (!registered.isSuccess()) {
            throw cannotListen(registered.cause().getMessage(), registered.cause());
        }
        ChannelFuture bound = ch.bind(address);
        if (!bound.isDone()) {
            ch.close();
            throw new IllegalStateException("binding " + ch + " did not complete on its own loop");
        }
        if (!bound.isSuccess()) {
            // Closing removes a UNIX socket's file only if bound, so another's file there is safe.
            ch.close();
            throw cannotListen(bound.cause().getMessage(), bound.cause());
        }
        return ch;
    }

    /**
     * The bound {@code ch} is this port's: tells the factory, and starts accepting once the
     * reactor runs. Twisted: the end of {@code Port.startListening}.
     */
    final void listening(ServerChannel ch) {
        channel = ch;
        listening = true;
        reactor.ports.add(this);
        log.info("{} starting on {}", factory, startedOn());
        try {
            factory.doStart();
        } catch (RuntimeException | Error e) {
            listening = false;
            reactor.ports.remove(this);
            ch.close().addListener(f -> released());
            throw e;
        }
        reactor.whenGateOpen(() -> reactor.submit(loop, this::startReading));
    }

    private void startReading() {
        if (listening) {
            channel.config().setAutoRead(true);
        }
    }

    /**
     * Stops accepting and closes the socket; fires (on the port's loop) after the factory's
     * {@code doStop}. Connections already made stay open. Calling it again gives a Deferred that
     * fires at the same time.
     */
    @Override
    public Deferred<Void> stopListening() {
        Deferred<Void> d = new Deferred<>();
        Runnable stop = () -> {
            closeSocket();
            closed.addListener(f -> d.callback(null));
        };
        if (loop.inEventLoop()) {
            stop.run();
        } else {
            reactor.submit(loop, stop);
        }
        return d;
    }

    /** Closes for the reactor's shutdown; the future completes after {@code doStop}. */
    Future<Void> closeForShutdown() {
        reactor.submit(loop, this::closeSocket);
        return closed;
    }

    /** Twisted: {@code Port.connectionLost}. */
    private void closeSocket() {
        if (!listening) {
            return;
        }
        listening = false;
        channel.close().addListener(f -> {
            reactor.ports.remove(this);
            released();
            log.info("({} Closed)", closedName());
            try {
                factory.doStop();
            } catch (Throwable t) {
                log.error("{} raised in doStop after {} closed", factory, this, t);
            }
            closed.trySuccess(null);
        });
    }

    // ------------------------------------------------------------------ its connections

    @Override
    public IProtocol buildProtocol(IAddress peer) {
        return factory.buildProtocol(peer);
    }

    @Override
    public void connectionMade(ChannelTransport transport) {
        reactor.connections.add(transport);
    }

    @Override
    public void connectionLost(ChannelTransport transport, Failure reason) {
        reactor.connections.remove(transport);
    }

    /** Hands each accepted channel a protocol handler and a loop. */
    private final class Acceptor extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Channel child = (Channel) msg;
            if (!listening) {
                child.unsafe().closeForcibly();
                return;
            }
            child.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
            initChild(child);
            child.pipeline().addLast(new ProtocolHandler(StreamPort.this));
            try {
                reactor.nextLoop().register(child).addListener(f -> {
                    if (!f.isSuccess()) {
                        log.warn("{} could not register accepted {}; closing it", StreamPort.this, child, f.cause());
                        child.unsafe().closeForcibly();
                    }
                });
            } catch (Throwable t) {
                log.warn("{} could not register accepted {}; closing it", StreamPort.this, child, t);
                child.unsafe().closeForcibly();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // Out of file descriptors, typically: pause accepting for a second, as Netty does.
            log.warn("{} failed to accept a connection; pausing accepts for 1 s", StreamPort.this, cause);
            if (listening && channel.config().isAutoRead()) {
                channel.config().setAutoRead(false);
                loop.schedule(StreamPort.this::startReading, 1, TimeUnit.SECONDS);
            }
        }
    }
}
