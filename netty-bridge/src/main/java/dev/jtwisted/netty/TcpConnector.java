package dev.jtwisted.netty;

import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.ConnectError;
import dev.jtwisted.internet.ConnectionRefusedError;
import dev.jtwisted.internet.DNSLookupError;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IPv6Address;
import dev.jtwisted.internet.NoRouteError;
import dev.jtwisted.internet.TimeoutError;
import dev.jtwisted.internet.ssl.IContextFactory;
import dev.jtwisted.python.failure.Failure;
import io.netty.channel.Channel;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * An outgoing TCP connection and its attempts (see {@link StreamConnector}): a host name is
 * looked up on the reactor's thread pool first. With a TLS context factory ({@code connectSSL}),
 * an attempt lasts until the TLS handshake has completed: a {@link HandshakeGate} keeps the
 * protocol from being built before, and a failed handshake fails the attempt.
 *
 * <p>Twisted: {@code twisted.internet.tcp.Connector}.
 */
final class TcpConnector extends StreamConnector {
    private final String host;
    private final int port;
    private final IPv4Address bindAddress;
    /** TLS from the first byte, or null for plain TCP. */
    private final IContextFactory tls;

    TcpConnector(NettyReactor reactor, String host, int port, ClientFactory factory, double timeout,
            IPv4Address bindAddress, IContextFactory tls, EventLoop loop) {
        super(reactor, factory, timeout, loop);
        this.host = host;
        this.port = port;
        this.bindAddress = bindAddress;
        this.tls = tls;
    }

    @Override
    String where() {
        return host + ":" + port;
    }

    @Override
    void start(Attempt a) {
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
        if (!isCurrent(a)) {
            return;
        }
        Channel ch = reactor.backend.newSocketChannel(Addresses.isIpv6(remote.getAddress()));
        if (tls != null) {
            SslHandler ssl = Tls.newHandler(tls, true, ch.alloc(), host, port);
            ssl.setHandshakeTimeoutMillis(timeout > 0 ? (long) Math.ceil(timeout * 1000) : 0);
            ch.pipeline().addLast(Tls.HANDLER_NAME, ssl);
            ch.pipeline().addLast(new HandshakeGate(reason -> failed(a, reason)));
        }
        open(a, ch, remote, bindAddress == null ? null : new InetSocketAddress(bindAddress.host(), bindAddress.port()));
    }

    @Override
    Failure translate(Throwable cause) {
        String where = where();
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

    @Override
    public IAddress getDestination() {
        return Addresses.isIpv6Literal(host) ? new IPv6Address("TCP", host, port) : new IPv4Address("TCP", host, port);
    }

    @Override
    public String toString() {
        return "<" + (tls == null ? "TcpConnector" : "TLS connector") + " to " + where() + " " + state() + ">";
    }
}
