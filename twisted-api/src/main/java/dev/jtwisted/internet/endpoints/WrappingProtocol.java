package dev.jtwisted.internet.endpoints;

import dev.jtwisted.internet.IHalfCloseableProtocol;
import dev.jtwisted.internet.IHandshakeListener;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import java.nio.ByteBuffer;

/**
 * Stands between the reactor and a client endpoint's protocol: on {@code connectionMade} it
 * connects the protocol to the transport and then fires the endpoint's Deferred with it; every
 * other event passes straight through, {@code handshakeCompleted} included if the protocol
 * listens for it. Not API.
 *
 * <p>Twisted: {@code twisted.internet.endpoints._WrappingProtocol}.
 */
class WrappingProtocol extends Protocol implements IHandshakeListener {
    private final Deferred<IProtocol> connectedDeferred;
    private final IProtocol wrappedProtocol;
    /** Set when the attempt was cancelled before the connection came up; events stop here. */
    private boolean dropped;

    WrappingProtocol(Deferred<IProtocol> connectedDeferred, IProtocol wrappedProtocol) {
        this.connectedDeferred = connectedDeferred;
        this.wrappedProtocol = wrappedProtocol;
    }

    /**
     * A wrapper for {@code wrappedProtocol} that is an {@link IHalfCloseableProtocol} exactly
     * when {@code wrappedProtocol} is one, so the reactor half-closes only protocols that asked.
     */
    static WrappingProtocol wrap(Deferred<IProtocol> connectedDeferred, IProtocol wrappedProtocol) {
        if (wrappedProtocol instanceof IHalfCloseableProtocol) {
            return new HalfCloseable(connectedDeferred, wrappedProtocol);
        }
        return new WrappingProtocol(connectedDeferred, wrappedProtocol);
    }

    IProtocol wrappedProtocol() {
        return wrappedProtocol;
    }

    /** The wrapped protocol's log prefix if it is a {@link Protocol}, else its class name. */
    @Override
    public String logPrefix() {
        if (wrappedProtocol instanceof Protocol) {
            return ((Protocol) wrappedProtocol).logPrefix();
        }
        return wrappedProtocol.getClass().getSimpleName();
    }

    /**
     * Connects the wrapped protocol and fires the endpoint's Deferred with it. If that Deferred
     * was cancelled meanwhile, aborts the connection instead, and the wrapped protocol never
     * hears of it (Twisted raises {@code AlreadyCalledError} here, after connecting it).
     */
    @Override
    public void connectionMade() {
        if (connectedDeferred.called()) {
            dropped = true;
            transport.abortConnection();
            return;
        }
        wrappedProtocol.makeConnection(transport);
        connectedDeferred.callback(wrappedProtocol);
    }

    @Override
    public void dataReceived(byte[] data) {
        if (!dropped) {
            wrappedProtocol.dataReceived(data);
        }
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (!dropped) {
            wrappedProtocol.dataReceived(data);
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        if (!dropped) {
            wrappedProtocol.connectionLost(reason);
        }
    }

    @Override
    public void handshakeCompleted() {
        if (!dropped && wrappedProtocol instanceof IHandshakeListener) {
            ((IHandshakeListener) wrappedProtocol).handshakeCompleted();
        }
    }

    @Override
    public String toString() {
        return "WrappingProtocol(" + wrappedProtocol + ")";
    }

    /** The wrapper of a half-closeable protocol. */
    static final class HalfCloseable extends WrappingProtocol implements IHalfCloseableProtocol {
        HalfCloseable(Deferred<IProtocol> connectedDeferred, IProtocol wrappedProtocol) {
            super(connectedDeferred, wrappedProtocol);
        }

        @Override
        public void readConnectionLost() {
            ((IHalfCloseableProtocol) wrappedProtocol()).readConnectionLost();
        }

        @Override
        public void writeConnectionLost() {
            ((IHalfCloseableProtocol) wrappedProtocol()).writeConnectionLost();
        }
    }
}
