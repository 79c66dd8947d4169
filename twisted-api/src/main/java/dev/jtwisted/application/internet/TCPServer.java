package dev.jtwisted.application.internet;

import dev.jtwisted.application.service.Service;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IReactorTCP;
import dev.jtwisted.internet.Reactor;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import java.util.Objects;

/**
 * Serves TCP clients: calls {@code listenTCP} with the constructor's arguments when the service
 * starts (or at {@link #privilegedStartService()}, to bind a low port before privileges are
 * dropped), and stops listening when it stops. It can be started again.
 *
 * <pre>{@code
 * new TCPServer(8080, new Site(root)).setServiceParent(application);
 * }</pre>
 *
 * <p>Twisted: {@code twisted.application.internet.TCPServer(port, factory, backlog=50,
 * interface='', reactor=None)}.
 */
public class TCPServer extends Service {
    private final int portNumber;
    private final IProtocolFactory factory;
    private final int backlog;
    private final String interfaceAddress;
    private final IReactorTCP reactor;
    private IListeningPort port;

    /** Listens on {@code port} of all IPv4 interfaces, with the global reactor. */
    public TCPServer(int port, IProtocolFactory factory) {
        this(port, factory, 50, "", null);
    }

    /** Listens on {@code port} of all IPv4 interfaces, with {@code reactor}. */
    public TCPServer(int port, IProtocolFactory factory, IReactorTCP reactor) {
        this(port, factory, 50, "", reactor);
    }

    /** Listens on {@code port} of {@code interfaceAddress}, with the global reactor. */
    public TCPServer(int port, IProtocolFactory factory, int backlog, String interfaceAddress) {
        this(port, factory, backlog, interfaceAddress, null);
    }

    /**
     * Listens, when started, as {@link IReactorTCP#listenTCP(int, IProtocolFactory, int, String)}
     * does with these arguments.
     *
     * @param port 0 lets the system choose; {@link #port()} then tells which
     * @param interfaceAddress "" or null for all IPv4 interfaces
     * @param reactor the reactor to listen with, or null for the global one (looked up at start)
     */
    public TCPServer(int port, IProtocolFactory factory, int backlog, String interfaceAddress,
            IReactorTCP reactor) {
        this.portNumber = port;
        this.factory = Objects.requireNonNull(factory, "factory");
        this.backlog = backlog;
        this.interfaceAddress = interfaceAddress;
        this.reactor = reactor;
    }

    /**
     * The listening port, or null when not listening: with port 0, its {@code getHost()} gives
     * the port the system chose. Twisted: {@code _port}.
     */
    public IListeningPort port() {
        return port;
    }

    /**
     * Listens now. Twisted: {@code _AbstractServer.privilegedStartService}.
     *
     * @throws dev.jtwisted.internet.CannotListenError if the port cannot be bound
     */
    @Override
    public void privilegedStartService() {
        super.privilegedStartService();
        port = listen();
    }

    /**
     * Marks the service running and listens, unless {@link #privilegedStartService()} already
     * did. Twisted: {@code _AbstractServer.startService}.
     *
     * @throws dev.jtwisted.internet.CannotListenError if the port cannot be bound; the service
     *     is then marked running but not listening, as in Twisted
     */
    @Override
    public void startService() {
        super.startService();
        if (port == null) {
            port = listen();
        }
    }

    /**
     * Marks the service stopped and stops listening.
     *
     * <p>Twisted: {@code _AbstractServer.stopService}.
     *
     * @return the port's {@code stopListening()} Deferred, which fires once the port is closed;
     *     one that has fired if nothing was listening
     */
    @Override
    public Deferred<Void> stopService() {
        super.stopService();
        if (port == null) {
            return Defer.succeed(null);
        }
        IListeningPort listening = port;
        port = null;
        return Defer.maybeDeferredDeferring(listening::stopListening);
    }

    private IListeningPort listen() {
        IReactorTCP r = reactor != null ? reactor : Reactor.reactor();
        return r.listenTCP(portNumber, factory, backlog, interfaceAddress);
    }

    /** The class, the name if any, and the port number: {@code TCPServer 'web' on port 8080}. */
    @Override
    public String toString() {
        return super.toString() + " on port " + portNumber;
    }
}
