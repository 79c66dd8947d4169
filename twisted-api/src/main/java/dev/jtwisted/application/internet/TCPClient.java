package dev.jtwisted.application.internet;

import dev.jtwisted.application.service.Service;
import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.IConnector;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IReactorTCP;
import dev.jtwisted.internet.Reactor;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import java.util.Objects;

/**
 * Connects to a TCP server: calls {@code connectTCP} with the constructor's arguments each time
 * the service starts, and disconnects (or stops connecting) when it stops. It does not
 * reconnect by itself; give it a {@link dev.jtwisted.internet.ReconnectingClientFactory} for
 * that.
 *
 * <p>Twisted: {@code twisted.application.internet.TCPClient(host, port, factory, timeout=30,
 * bindAddress=None, reactor=None)}.
 */
public class TCPClient extends Service {
    private final String host;
    private final int port;
    private final ClientFactory factory;
    private final double timeout;
    private final IPv4Address bindAddress;
    private final IReactorTCP reactor;
    private IConnector connection;

    /** Connects to {@code host}:{@code port} with a 30 s timeout, with the global reactor. */
    public TCPClient(String host, int port, ClientFactory factory) {
        this(host, port, factory, 30, null, null);
    }

    /** Connects to {@code host}:{@code port} with a 30 s timeout, with {@code reactor}. */
    public TCPClient(String host, int port, ClientFactory factory, IReactorTCP reactor) {
        this(host, port, factory, 30, null, reactor);
    }

    /** Connects as {@code connectTCP} with these arguments does, with the global reactor. */
    public TCPClient(String host, int port, ClientFactory factory, double timeout,
            IPv4Address bindAddress) {
        this(host, port, factory, timeout, bindAddress, null);
    }

    /**
     * Connects, when started, as {@link IReactorTCP#connectTCP(String, int, ClientFactory,
     * double, IPv4Address)} does with these arguments.
     *
     * @param bindAddress the local address to connect from, or null
     * @param reactor the reactor to connect with, or null for the global one (looked up at start)
     */
    public TCPClient(String host, int port, ClientFactory factory, double timeout,
            IPv4Address bindAddress, IReactorTCP reactor) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.factory = Objects.requireNonNull(factory, "factory");
        this.timeout = timeout;
        this.bindAddress = bindAddress;
        this.reactor = reactor;
    }

    /** The connector of the current connection, or null when stopped. Twisted: {@code _connection}. */
    public IConnector connection() {
        return connection;
    }

    /**
     * Marks the service running and connects. As in Twisted, each call connects again.
     *
     * <p>Twisted: {@code _AbstractClient.startService}.
     */
    @Override
    public void startService() {
        super.startService();
        IReactorTCP r = reactor != null ? reactor : Reactor.reactor();
        connection = r.connectTCP(host, port, factory, timeout, bindAddress);
    }

    /**
     * Marks the service stopped and calls the connector's {@code disconnect()}, which closes the
     * connection or stops the attempt.
     *
     * <p>Twisted: {@code _AbstractClient.stopService}.
     *
     * @return a Deferred that has fired: like Twisted's, this does not wait for the connection to
     *     close (the factory's {@code clientConnectionLost} tells when it has); it fails if
     *     {@code disconnect()} threw
     */
    @Override
    public Deferred<Void> stopService() {
        super.stopService();
        if (connection == null) {
            return Defer.succeed(null);
        }
        IConnector connector = connection;
        connection = null;
        return Defer.execute(() -> {
            connector.disconnect();
            return null;
        });
    }

    /** The class, the name if any, and the destination: {@code TCPClient to example.com:79}. */
    @Override
    public String toString() {
        return super.toString() + " to " + host + ":" + port;
    }
}
