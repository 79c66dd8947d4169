package dev.jtwisted.netty;

import dev.jtwisted.internet.CannotListenError;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IPv6Address;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.ssl.IContextFactory;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listening TCP port: a Netty server channel whose accepted channels get a
 * {@link ProtocolHandler} each, spread over the reactor's loops. It accepts nothing until the
 * reactor runs (its server channel's auto-read stays off until then). With a TLS context
 * factory ({@code listenSSL}), each accepted channel gets an {@code SslHandler} first; its
 * protocol is built at once, as in Twisted, and hears of a failed handshake in
 * {@code connectionLost}.
 *
 * <p>Threads: lives on one loop (the one that listened, else the main loop).
 *
 * <p>Twisted: {@code twisted.internet.tcp.Port}.
 */
final class TcpPort implements IListeningPort, ConnectionOwner {
    private static final Logger log = LoggerFactory.getLogger(TcpPort.class);

    private final NettyReactor reactor;
    private final IProtocolFactory factory;
    private final String interfaceAddress;
    private final int port;
    private final int backlog;
    /** TLS on every connection, or null for plain TCP. */
    private final IContextFactory tls;
    final EventLoop loop;
    private final Promise<Void> closed;
    private ServerChannel channel;
    private IAddress host;
    private boolean listening;

    TcpPort(NettyReactor reactor, IProtocolFactory factory, String interfaceAddress, int port, int backlog,
            IContextFactory tls, EventLoop loop) {
        this.reactor = reactor;
        this.tls = tls;
        this.factory = factory;
        this.interfaceAddress = interfaceAddress;
        this.port = port;
        this.backlog = backlog;
        this.loop = loop;
        this.closed = loop.newPromise();
    }

    /**
     * Binds (inline: on its loop, registering and binding a channel run at once), tells the
     * factory, and starts accepting once the reactor runs.
     *
     * <p>Twisted: {@code Port.startListening}.
     */
    void startListening() {
        if (reactor.isShuttingDown()) {
            throw cannotListen("the reactor is stopping", null);
        }
        InetSocketAddress address = bindAddress();
        ServerChannel ch = reactor.backend.newServerChannel(!(address.getAddress() instanceof java.net.Inet4Address));
        ch.config().setAutoRead(false);
        ch.config().setOption(ChannelOption.SO_BACKLOG, backlog);
        ch.config().setOption(ChannelOption.SO_REUSEADDR, true);
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
            ch.close();
            throw cannotListen(bound.cause().getMessage(), bound.cause());
        }
        channel = ch;
        host = Addresses.tcp(ch.localAddress());
        listening = true;
        reactor.ports.add(this);
        log.info("{} starting on {}", factory, portNumber());
        try {
            factory.doStart();
        } catch (RuntimeException | Error e) {
            listening = false;
            reactor.ports.remove(this);
            ch.close();
            throw e;
        }
        reactor.whenGateOpen(() -> reactor.submit(loop, this::startReading));
    }

    private InetSocketAddress bindAddress() {
        if (interfaceAddress.isEmpty()) {
            return new InetSocketAddress(Addresses.literal("0.0.0.0"), port);
        }
        InetAddress literal = Addresses.literal(interfaceAddress);
        if (literal != null) {
            return new InetSocketAddress(literal, port);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(interfaceAddress), port);
        } catch (UnknownHostException e) {
            throw cannotListen(e.getMessage(), e);
        }
    }

    private CannotListenError cannotListen(String why, Throwable cause) {
        String where = (interfaceAddress.isEmpty() ? "any" : interfaceAddress) + ":" + port;
        return new CannotListenError("Couldn't listen on " + where + ": " + why + ".", cause);
    }

    private int portNumber() {
        if (host instanceof IPv4Address) {
            return ((IPv4Address) host).port();
        }
        if (host instanceof IPv6Address) {
            return ((IPv6Address) host).port();
        }
        return port;
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

    private void closeSocket() {
        if (!listening) {
            return;
        }
        listening = false;
        channel.close().addListener(f -> {
            reactor.ports.remove(this);
            log.info("({} Port {} Closed)", tls == null ? "TCP" : "TLS", portNumber());
            try {
                factory.doStop();
            } catch (Throwable t) {
                log.error("{} raised in doStop after {} closed", factory, this, t);
            }
            closed.trySuccess(null);
        });
    }

    @Override
    public IAddress getHost() {
        return host;
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

    @Override
    public String toString() {
        return "<" + (tls == null ? "TcpPort" : "TLS port") + " of " + factory + " on "
                + (host != null ? portNumber() : port) + ">";
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
            if (tls != null) {
                child.pipeline().addLast(Tls.HANDLER_NAME, Tls.newHandler(tls, false, child.alloc(), null, 0));
            }
            child.pipeline().addLast(new ProtocolHandler(TcpPort.this));
            try {
                reactor.nextLoop().register(child).addListener(f -> {
                    if (!f.isSuccess()) {
                        log.warn("{} could not register accepted {}; closing it", TcpPort.this, child, f.cause());
                        child.unsafe().closeForcibly();
                    }
                });
            } catch (Throwable t) {
                log.warn("{} could not register accepted {}; closing it", TcpPort.this, child, t);
                child.unsafe().closeForcibly();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // Out of file descriptors, typically: pause accepting for a second, as Netty does.
            log.warn("{} failed to accept a connection; pausing accepts for 1 s", TcpPort.this, cause);
            if (listening && channel.config().isAutoRead()) {
                channel.config().setAutoRead(false);
                loop.schedule(TcpPort.this::startReading, 1, TimeUnit.SECONDS);
            }
        }
    }
}
