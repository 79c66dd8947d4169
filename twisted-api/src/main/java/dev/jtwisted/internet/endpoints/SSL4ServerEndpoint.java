package dev.jtwisted.internet.endpoints;

import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IReactorSSL;
import dev.jtwisted.internet.IStreamServerEndpoint;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.ssl.IContextFactory;
import java.util.Objects;

/**
 * Listens for TLS over TCP on an IPv4 interface (all of them by default); each {@link #listen}
 * opens another port with {@code listenSSL}. Described as
 * {@code ssl:443:privateKey=key.pem:certKey=cert.pem[:extraCertChain=chain.pem]}.
 *
 * <p>Twisted: {@code twisted.internet.endpoints.SSL4ServerEndpoint}.
 */
public final class SSL4ServerEndpoint implements IStreamServerEndpoint {
    private final IReactorSSL reactor;
    private final int port;
    private final IContextFactory sslContextFactory;
    private final int backlog;
    private final String interfaceAddress;

    /** Listens on {@code port} of all IPv4 interfaces, with a backlog of 50. */
    public SSL4ServerEndpoint(IReactorSSL reactor, int port, IContextFactory sslContextFactory) {
        this(reactor, port, sslContextFactory, 50, "");
    }

    /**
     * @param port 0 to 65535; 0 lets the system choose
     * @param sslContextFactory the server's TLS settings, usually a
     *     {@link dev.jtwisted.internet.ssl.CertificateOptions} with a certificate
     * @param backlog the listen queue length, 0 or more
     * @param interfaceAddress the address to bind, "" for all IPv4 interfaces
     * @throws IllegalArgumentException if {@code port} or {@code backlog} is out of range
     */
    public SSL4ServerEndpoint(IReactorSSL reactor, int port, IContextFactory sslContextFactory, int backlog,
            String interfaceAddress) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.port = TCP4ServerEndpoint.checkPort(port);
        this.sslContextFactory = Objects.requireNonNull(sslContextFactory, "sslContextFactory");
        this.backlog = TCP4ServerEndpoint.checkBacklog(backlog);
        this.interfaceAddress = Objects.requireNonNull(interfaceAddress, "interfaceAddress");
    }

    /**
     * Calls {@code listenSSL}; a {@link dev.jtwisted.internet.CannotListenError} (or any
     * exception, such as TLS settings that cannot serve) fails the returned Deferred instead.
     */
    @Override
    public Deferred<IListeningPort> listen(IProtocolFactory protocolFactory) {
        Objects.requireNonNull(protocolFactory, "protocolFactory");
        return Defer.execute(() -> reactor.listenSSL(port, protocolFactory, sslContextFactory, backlog,
                interfaceAddress));
    }

    /** The TLS settings each connection gets. */
    public IContextFactory sslContextFactory() {
        return sslContextFactory;
    }

    @Override
    public String toString() {
        return "SSL4ServerEndpoint(port=" + port + ", backlog=" + backlog + ", interface='" + interfaceAddress
                + "', " + sslContextFactory + ")";
    }
}
