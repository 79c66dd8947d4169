package dev.jtwisted.internet.endpoints;

import dev.jtwisted.internet.DNSLookupError;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.IStreamClientEndpoint;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Connects over TCP to an IPv6 address, or to the first IPv6 address of a host name, which it
 * looks up on the reactor's thread pool; each {@link #connect} makes another connection (and
 * lookup) with {@code connectTCP}.
 *
 * <p>Twisted: {@code twisted.internet.endpoints.TCP6ClientEndpoint}.
 */
public final class TCP6ClientEndpoint implements IStreamClientEndpoint {
    /** Finds the IPv6 address of a host name; blocking. Twisted's hook: {@code _getaddrinfo}. */
    @FunctionalInterface
    interface NameResolver {
        /** An IPv6 address literal for {@code host}. */
        String resolve(String host) throws Exception;
    }

    private final IReactor reactor;
    private final String host;
    private final int port;
    private final double timeout;
    private final IPv4Address bindAddress;
    private final NameResolver resolver;

    /** Connects to {@code host}:{@code port} with a 30 second timeout. */
    public TCP6ClientEndpoint(IReactor reactor, String host, int port) {
        this(reactor, host, port, 30, null);
    }

    /**
     * @param reactor also runs the name lookup, on its thread pool
     * @param host an IPv6 address (anything with a ':'), or a host name to look up
     * @param port 0 to 65535
     * @param timeout seconds to wait for the connection, 0 or more
     * @param bindAddress the local address to connect from, or null for any
     * @throws IllegalArgumentException if {@code port} or {@code timeout} is out of range
     */
    public TCP6ClientEndpoint(IReactor reactor, String host, int port, double timeout,
            IPv4Address bindAddress) {
        this(reactor, host, port, timeout, bindAddress, TCP6ClientEndpoint::firstIPv6Address);
    }

    TCP6ClientEndpoint(IReactor reactor, String host, int port, double timeout,
            IPv4Address bindAddress, NameResolver resolver) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.host = Objects.requireNonNull(host, "host");
        this.port = TCP4ServerEndpoint.checkPort(port);
        this.timeout = TCP4ServerEndpoint.checkTimeout(timeout);
        this.bindAddress = bindAddress;
        this.resolver = resolver;
    }

    /**
     * Connects as {@link TCP4ClientEndpoint#connect} does, after looking the host name up if it
     * is not an IPv6 address. A failed lookup fails the Deferred with {@link DNSLookupError};
     * cancelling during the lookup fails it with {@code CancelledError}.
     */
    @Override
    public Deferred<IProtocol> connect(IProtocolFactory protocolFactory) {
        if (protocolFactory == null) {
            return Defer.fail(new NullPointerException("protocolFactory"));
        }
        if (host.contains(":")) {
            return WrappingFactory.connectTCP(reactor, host, port, timeout, bindAddress, protocolFactory);
        }
        Deferred<String> resolution = new Deferred<>();
        try {
            reactor.callInThread(() -> {
                String address;
                try {
                    address = resolver.resolve(host);
                } catch (Exception e) {
                    reactor.callFromThread(() -> resolution.errback(e));
                    return;
                }
                reactor.callFromThread(() -> resolution.callback(address));
            });
        } catch (RuntimeException e) {
            return Defer.fail(e);
        }
        return resolution.addCallbackDeferring(address -> WrappingFactory.connectTCP(
                reactor, address, port, timeout, bindAddress, protocolFactory));
    }

    private static String firstIPv6Address(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new DNSLookupError("cannot look up " + host + ": " + e.getMessage(), e);
        }
        for (InetAddress address : addresses) {
            if (address instanceof Inet6Address) {
                return address.getHostAddress();
            }
        }
        throw new DNSLookupError(host + " has no IPv6 address");
    }

    IReactor reactor() {
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
        return "TCP6ClientEndpoint(host='" + host + "', port=" + port + ", timeout=" + timeout
                + (bindAddress == null ? "" : ", bindAddress=" + bindAddress) + ")";
    }
}
