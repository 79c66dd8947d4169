package dev.jtwisted.internet;

import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Makes one outgoing connection with a new protocol instance and hands back a Deferred of that
 * protocol, for clients that need no factory of their own (no shared state, no reconnecting).
 *
 * <p>The Deferred fires one reactor turn after the connection is made (the protocol's
 * {@code connectionMade} has run), or errbacks with the connection failure. Cancelling it stops
 * the attempt, or closes the connection if it was just made, and errbacks with
 * {@code CancelledError}.
 *
 * <p>Twisted: {@code twisted.internet.protocol.ClientCreator}.
 *
 * @param <P> the protocol's type
 */
public final class ClientCreator<P extends IProtocol> {
    private final IReactorTCP reactor;
    private final IReactorTime clock;
    private final Supplier<? extends P> protocol;

    /**
     * A creator connecting with {@code reactor} (normally the reactor itself, which is both)
     * and making each connection's protocol with {@code protocol}.
     *
     * <p>Twisted: {@code ClientCreator(reactor, protocolClass)}.
     */
    public <R extends IReactorTCP & IReactorTime> ClientCreator(R reactor,
            Supplier<? extends P> protocol) {
        this(reactor, reactor, protocol);
    }

    /** A creator connecting with {@code reactor} and timing with {@code clock}. */
    public ClientCreator(IReactorTCP reactor, IReactorTime clock, Supplier<? extends P> protocol) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    /** {@link #connectTCP(String, int, double, IPv4Address)} with a 30 s timeout. */
    public Deferred<P> connectTCP(String host, int port) {
        return connectTCP(host, port, 30, null);
    }

    /** {@link #connectTCP(String, int, double, IPv4Address)} from any local address. */
    public Deferred<P> connectTCP(String host, int port, double timeout) {
        return connectTCP(host, port, timeout, null);
    }

    /**
     * Connects to {@code host}:{@code port} as {@link IReactorTCP#connectTCP} does, with a new
     * protocol instance.
     *
     * @param timeout seconds to wait for the connection
     * @param bindAddress the local address to connect from, or null
     * @return fires with the connected protocol, or fails with why it could not connect
     *
     * <p>Twisted: {@code ClientCreator.connectTCP}.
     */
    public Deferred<P> connectTCP(String host, int port, double timeout, IPv4Address bindAddress) {
        Objects.requireNonNull(host, "host");
        return connect(f -> reactor.connectTCP(host, port, f, timeout, bindAddress));
    }

    private Deferred<P> connect(Function<ClientFactory, IConnector> method) {
        P instance = Objects.requireNonNull(protocol.get(), "protocol.get()");
        IConnector[] connector = new IConnector[1];
        @SuppressWarnings("unchecked")
        InstanceFactory<P>[] factory = new InstanceFactory[1];
        Deferred<P> d = new Deferred<>(self -> {
            if (connector[0] != null) {
                connector[0].disconnect();
            }
            if (factory[0].pending != null) {
                factory[0].pending.cancel();
                factory[0].pending = null;
            }
        });
        factory[0] = new InstanceFactory<>(clock, instance, d);
        connector[0] = method.apply(factory[0]);
        return d;
    }

    /**
     * The factory of one {@link ClientCreator} connection: hands out its one protocol and fires
     * the Deferred a reactor turn later. Twisted: {@code protocol._InstanceFactory}.
     */
    private static final class InstanceFactory<P extends IProtocol> extends ClientFactory {
        private final IReactorTime clock;
        private final P instance;
        private Deferred<P> deferred;
        /** The call that will fire the Deferred, once the attempt succeeded or failed. */
        IDelayedCall pending;

        InstanceFactory(IReactorTime clock, P instance, Deferred<P> deferred) {
            this.clock = clock;
            this.instance = instance;
            this.deferred = deferred;
            this.noisy = false;
        }

        /** Returns the protocol made up front and arranges to fire the Deferred with it. */
        @Override
        public IProtocol buildProtocol(IAddress addr) {
            Deferred<P> d = take("buildProtocol");
            pending = clock.callLater(0, () -> {
                pending = null;
                d.callback(instance);
            });
            return instance;
        }

        /** Arranges to fail the Deferred with {@code reason}. */
        @Override
        public void clientConnectionFailed(IConnector connector, Failure reason) {
            Deferred<P> d = take("clientConnectionFailed");
            pending = clock.callLater(0, () -> {
                pending = null;
                d.errback(reason);
            });
        }

        private Deferred<P> take(String event) {
            Deferred<P> d = deferred;
            if (d == null) {
                throw new IllegalStateException(this + " got " + event
                        + " after its one connection attempt had already succeeded or failed");
            }
            deferred = null;
            return d;
        }

        @Override
        public String toString() {
            return "<ClientCreator factory: " + instance + ">";
        }
    }
}
