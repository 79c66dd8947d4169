package dev.jtwisted.internet.endpoints;

import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.ConnectingCancelledError;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IConnector;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IReactorSSL;
import dev.jtwisted.internet.IReactorTCP;
import dev.jtwisted.internet.IReactorUNIX;
import dev.jtwisted.internet.NoProtocol;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.ssl.IContextFactory;
import dev.jtwisted.python.failure.Failure;
import java.util.Objects;

/**
 * The client factory a client endpoint gives the reactor: it builds the user's protocol with the
 * user's factory, wraps it so that {@link #onConnection()} fires with it once it is connected,
 * and fails that Deferred when the attempt fails. One per {@code connect}. Not API.
 *
 * <p>Twisted: {@code twisted.internet.endpoints._WrappingFactory}.
 */
final class WrappingFactory extends ClientFactory {
    private final IProtocolFactory wrappedFactory;
    private final Deferred<IProtocol> onConnection = new Deferred<>(this::canceller);
    private IConnector connector;

    /**
     * Connects with {@code connectTCP} through a new wrapping factory; the Deferred fires with
     * the built protocol once connected. An exception from {@code connectTCP} fails the Deferred
     * instead. The connect step of both TCP client endpoints.
     */
    static Deferred<IProtocol> connectTCP(IReactorTCP reactor, String host, int port, double timeout,
            IPv4Address bindAddress, IProtocolFactory protocolFactory) {
        try {
            WrappingFactory wf = new WrappingFactory(protocolFactory);
            reactor.connectTCP(host, port, wf, timeout, bindAddress);
            return wf.onConnection();
        } catch (RuntimeException e) {
            return Defer.fail(e);
        }
    }

    /** As {@link #connectTCP}, with {@code connectSSL}: the connect step of the TLS client endpoints. */
    static Deferred<IProtocol> connectSSL(IReactorSSL reactor, String host, int port, IContextFactory contextFactory,
            double timeout, IPv4Address bindAddress, IProtocolFactory protocolFactory) {
        try {
            WrappingFactory wf = new WrappingFactory(protocolFactory);
            reactor.connectSSL(host, port, wf, contextFactory, timeout, bindAddress);
            return wf.onConnection();
        } catch (RuntimeException e) {
            return Defer.fail(e);
        }
    }

    /** As {@link #connectTCP}, with {@code connectUNIX}: the connect step of {@link UNIXClientEndpoint}. */
    static Deferred<IProtocol> connectUNIX(IReactorUNIX reactor, String path, double timeout, boolean checkPID,
            IProtocolFactory protocolFactory) {
        try {
            WrappingFactory wf = new WrappingFactory(protocolFactory);
            reactor.connectUNIX(path, wf, timeout, checkPID);
            return wf.onConnection();
        } catch (RuntimeException e) {
            return Defer.fail(e);
        }
    }

    WrappingFactory(IProtocolFactory wrappedFactory) {
        this.wrappedFactory = Objects.requireNonNull(wrappedFactory, "wrappedFactory");
    }

    /** Fires with the user's protocol after its {@code connectionMade}, or fails. */
    Deferred<IProtocol> onConnection() {
        return onConnection;
    }

    IProtocolFactory wrappedFactory() {
        return wrappedFactory;
    }

    /** Remembers the connector, which cancelling needs. */
    @Override
    public void startedConnecting(IConnector connector) {
        this.connector = connector;
    }

    private void canceller(Deferred<IProtocol> d) {
        // Twisted relies on connectTCP having called startedConnecting before connect()
        // returned; without a connector, Deferred.cancel falls back to CancelledError.
        if (connector != null) {
            d.errback(new ConnectingCancelledError(connector.getDestination()));
            connector.stopConnecting();
        }
    }

    /** Passes straight through to the wrapped factory. */
    @Override
    public void doStart() {
        wrappedFactory.doStart();
    }

    /** Passes straight through to the wrapped factory. */
    @Override
    public void doStop() {
        wrappedFactory.doStop();
    }

    /**
     * The wrapped factory's protocol, wrapped; or null, failing {@link #onConnection()}, if that
     * factory throws (with its exception) or returns null (with {@link NoProtocol}). Also null,
     * without asking the factory, once the attempt has been cancelled or has failed.
     */
    @Override
    public IProtocol buildProtocol(IAddress addr) {
        if (onConnection.called()) {
            return null;
        }
        IProtocol proto;
        try {
            proto = wrappedFactory.buildProtocol(addr);
        } catch (RuntimeException e) {
            onConnection.errback(e);
            return null;
        }
        if (proto == null) {
            onConnection.errback(new NoProtocol(
                    wrappedFactory + ".buildProtocol(" + addr + ") returned null"));
            return null;
        }
        return WrappingProtocol.wrap(onConnection, proto);
    }

    /** Fails {@link #onConnection()} with {@code reason}, unless it has already fired. */
    @Override
    public void clientConnectionFailed(IConnector connector, Failure reason) {
        if (!onConnection.called()) {
            onConnection.errback(reason);
        }
    }

    @Override
    public String toString() {
        return "WrappingFactory(" + wrappedFactory + ")";
    }
}
