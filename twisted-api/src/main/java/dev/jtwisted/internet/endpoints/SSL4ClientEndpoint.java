package dev.jtwisted.internet.endpoints;

import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IReactorSSL;
import dev.jtwisted.internet.IStreamClientEndpoint;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.ssl.IContextFactory;
import java.util.Objects;

/**
 * Connects with TLS over TCP to a host name or IPv4 address; each {@link #connect} makes another
 * connection with {@code connectSSL}. The Deferred fires once the TLS handshake has completed,
 * and fails with an {@link dev.jtwisted.internet.ssl.SSLError} if it does not (a server that
 * fails verification is never connected to the protocol). Described as
 * {@code ssl:host:port[:hostname=...][:caCertsDir=...][:certKey=...:privateKey=...]}.
 *
 * <p>Twisted: {@code twisted.internet.endpoints.SSL4ClientEndpoint}, whose Deferred fires at the
 * TCP connection.
 */
public final class SSL4ClientEndpoint implements IStreamClientEndpoint {
    private final IReactorSSL reactor;
    private final String host;
    private final int port;
    private final IContextFactory sslContextFactory;
    private final double timeout;
    private final IPv4Address bindAddress;

    /** Connects to {@code host}:{@code port} with a 30 second timeout. */
    public SSL4ClientEndpoint(IReactorSSL reactor, String host, int port, IContextFactory sslContextFactory) {
        this(reactor, host, port, sslContextFactory, 30, null);
    }

    /**
     * @param sslContextFactory the client's TLS settings: {@code SSL.optionsForClientTLS(host)} to
     *     verify the server
     * @param timeout seconds to wait for the connection, and again for the handshake
     * @param bindAddress the local address to connect from, or null
     * @throws IllegalArgumentException if {@code port} or {@code timeout} is out of range
     */
    public SSL4ClientEndpoint(IReactorSSL reactor, String host, int port, IContextFactory sslContextFactory,
            double timeout, IPv4Address bindAddress) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.host = Objects.requireNonNull(host, "host");
        this.port = TCP4ServerEndpoint.checkPort(port);
        this.sslContextFactory = Objects.requireNonNull(sslContextFactory, "sslContextFactory");
        this.timeout = TCP4ServerEndpoint.checkTimeout(timeout);
        this.bindAddress = bindAddress;
    }

    @Override
    public Deferred<IProtocol> connect(IProtocolFactory protocolFactory) {
        return WrappingFactory.connectSSL(reactor, host, port, sslContextFactory, timeout, bindAddress,
                protocolFactory);
    }

    /** The TLS settings each connection gets. */
    public IContextFactory sslContextFactory() {
        return sslContextFactory;
    }

    @Override
    public String toString() {
        return "SSL4ClientEndpoint(host='" + host + "', port=" + port + ", timeout=" + timeout
                + (bindAddress == null ? "" : ", bindAddress=" + bindAddress) + ", " + sslContextFactory + ")";
    }
}
