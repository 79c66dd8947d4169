package dev.jtwisted.netty;

import dev.jtwisted.internet.CannotListenError;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IPv6Address;
import dev.jtwisted.internet.ssl.IContextFactory;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.ServerChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A listening TCP port (see {@link StreamPort}). With a TLS context factory ({@code listenSSL}),
 * each accepted channel gets an {@code SslHandler} first; its protocol is built at once, as in
 * Twisted, and hears of a failed handshake in {@code connectionLost}.
 *
 * <p>Threads: lives on one loop (the one that listened, else the main loop).
 *
 * <p>Twisted: {@code twisted.internet.tcp.Port}.
 */
final class TcpPort extends StreamPort {
    private final String interfaceAddress;
    private final int port;
    /** TLS on every connection, or null for plain TCP. */
    private final IContextFactory tls;
    private IAddress host;

    TcpPort(NettyReactor reactor, IProtocolFactory factory, String interfaceAddress, int port, int backlog,
            IContextFactory tls, EventLoop loop) {
        super(reactor, factory, backlog, loop);
        this.interfaceAddress = interfaceAddress;
        this.port = port;
        this.tls = tls;
    }

    /**
     * Binds, tells the factory, and starts accepting once the reactor runs.
     *
     * <p>Twisted: {@code Port.startListening}.
     */
    void startListening() {
        if (reactor.isShuttingDown()) {
            throw cannotListen("the reactor is stopping", null);
        }
        InetSocketAddress address = bindAddress();
        ServerChannel ch = reactor.backend.newServerChannel(!(address.getAddress() instanceof java.net.Inet4Address));
        ch.config().setOption(ChannelOption.SO_REUSEADDR, true);
        bind(ch, address);
        host = Addresses.tcp(ch.localAddress());
        listening(ch);
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

    @Override
    CannotListenError cannotListen(String why, Throwable cause) {
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

    @Override
    void initChild(Channel child) {
        if (tls != null) {
            child.pipeline().addLast(Tls.HANDLER_NAME, Tls.newHandler(tls, false, child.alloc(), null, 0));
        }
    }

    @Override
    String startedOn() {
        return Integer.toString(portNumber());
    }

    @Override
    String closedName() {
        return (tls == null ? "TCP" : "TLS") + " Port " + portNumber();
    }

    @Override
    public IAddress getHost() {
        return host;
    }

    @Override
    public String toString() {
        return "<" + (tls == null ? "TcpPort" : "TLS port") + " of " + factory + " on "
                + (host != null ? portNumber() : port) + ">";
    }
}
