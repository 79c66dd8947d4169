package dev.jtwisted.internet.endpoints;

import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IReactorTCP;
import dev.jtwisted.internet.IStreamClientEndpoint;
import dev.jtwisted.internet.defer.Deferred;
import java.util.Objects;

/**
 * Connects over TCP to a host name or IPv4 address; each {@link #connect} makes another
 * connection with {@code connectTCP}.
 *
 * <p>Twisted: {@code twisted.internet.endpoints.TCP4ClientEndpoint}.
 */
public final class TCP4ClientEndpoint implements IStreamClientEndpoint {
    private final IReactorTCP reactor;
    private final String host;
    private final int port;
    private final double timeout;
    private final IPv4Address bindAddress;

    /** Connects to {@code host}:{@code port} with a 30 second timeout. */
    public TCP4ClientEndpoint(IReactorTCP reactor, String host, int port) {
        this(reactor, host, port, 30, null);
    }

    /**
     * @param host a host name or IPv4 address
     * @param port 0 to 65535
     * @param timeout seconds to wait for the connection, 0 or more
     * @param bindAddress the local address to connect from, or null for any
     * @throws IllegalArgumentException if {@code port} or {@code timeout} is out of range
     */
    public TCP4ClientEndpoint(IReactorTCP reactor, String host, int port, double timeout,
            IPv4Address bindAddress) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.host = Objects.requireNonNull(host, "host");
        this.port = TCP4ServerEndpoint.checkPort(port);
        this.timeout = TCP4ServerEndpoint.checkTimeout(timeout);
        this.bindAddress = bindAddress;
    }

    /**
     * Calls {@code connectTCP} with a factory that builds one protocol with
     * {@code protocolFactory}; the Deferred fires with it once connected. An exception from
     * {@code connectTCP} fails the Deferred instead.
     */
    @Override
    public Deferred<IProtocol> connect(IProtocolFactory protocolFactory) {
        return WrappingFactory.connectTCP(reactor, host, port, timeout, bindAddress, protocolFactory);
    }

    IReactorTCP reactor() {
        return reactor;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    double timeout() {
        return timeout;
    }

    IPv4Address bindAddress() {
        return bindAddress;
    }

    @Override
    public String toString() {
        return "TCP4ClientEndpoint(host='" + host + "', port=" + port + ", timeout=" + timeout
                + (bindAddress == null ? "" : ", bindAddress=" + bindAddress) + ")";
    }
}
