package dev.jtwisted.protocols.tls;

import dev.jtwisted.internet.IHalfCloseableProtocol;
import dev.jtwisted.internet.IHandshakeListener;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.ITLSTransport;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.internal.TLSClientDefault;
import dev.jtwisted.internet.ssl.SSLError;
import dev.jtwisted.python.failure.Failure;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The protocol a {@link TLSMemoryBIOFactory} builds: it starts TLS on its transport when the
 * connection is made, connects the wrapped protocol (at once on a server, once the handshake has
 * completed on a client), and passes every event on to it.
 *
 * <p>Twisted: {@code twisted.protocols.tls.TLSMemoryBIOProtocol}.
 */
public class TLSMemoryBIOProtocol extends Protocol implements IHandshakeListener {
    private final TLSMemoryBIOFactory tlsFactory;
    private final IProtocol wrappedProtocol;
    private boolean wrappedConnected;
    private boolean handshook;
    private Failure handshakeFailure;
    private Deferred<IProtocol> handshakeDone;

    /** Wraps {@code wrappedProtocol}; use {@link #wrap} to keep its half-close support. */
    public TLSMemoryBIOProtocol(TLSMemoryBIOFactory factory, IProtocol wrappedProtocol) {
        this.tlsFactory = Objects.requireNonNull(factory, "factory");
        this.wrappedProtocol = Objects.requireNonNull(wrappedProtocol, "wrappedProtocol");
        setFactory(factory);
    }

    /**
     * A wrapper for {@code wrappedProtocol} that is an {@link IHalfCloseableProtocol} exactly when
     * it is one.
     */
    static TLSMemoryBIOProtocol wrap(TLSMemoryBIOFactory factory, IProtocol wrappedProtocol) {
        return wrappedProtocol instanceof IHalfCloseableProtocol
                ? new HalfCloseable(factory, wrappedProtocol)
                : new TLSMemoryBIOProtocol(factory, wrappedProtocol);
    }

    /** The protocol that runs over TLS. Twisted: {@code wrappedProtocol}. */
    public IProtocol wrappedProtocol() {
        return wrappedProtocol;
    }

    /**
     * Fires with the wrapped protocol once the handshake has completed (it is connected by
     * then), or fails with the reason the connection was lost first (an
     * {@link SSLError} for a failed handshake). Cancelling it aborts the connection. Each call
     * gives the same Deferred. A jtwisted addition: what a client endpoint waits for.
     */
    public Deferred<IProtocol> whenHandshakeCompleted() {
        if (handshakeDone == null) {
            handshakeDone = new Deferred<>(d -> {
                if (transport != null) {
                    transport.abortConnection();
                }
            });
            if (handshook) {
                handshakeDone.callback(wrappedProtocol);
            } else if (handshakeFailure != null) {
                handshakeDone.errback(handshakeFailure);
            }
        }
        return handshakeDone;
    }

    /**
     * Starts TLS on the transport, in the factory's role; on a server, connects the wrapped
     * protocol too.
     *
     * @throws SSLError if the transport cannot start TLS (the connection then closes with it)
     */
    @Override
    public void connectionMade() {
        if (!(transport instanceof ITLSTransport)) {
            throw new SSLError("cannot run TLS over " + transport + ": it is no ITLSTransport");
        }
        boolean normal = !(transport instanceof TLSClientDefault)
                || ((TLSClientDefault) transport).tlsClientDefault() == tlsFactory.isClient();
        ((ITLSTransport) transport).startTLS(tlsFactory.contextFactory(), normal);
        if (!tlsFactory.isClient()) {
            connectWrapped();
        }
    }

    private void connectWrapped() {
        if (!wrappedConnected) {
            wrappedConnected = true;
            wrappedProtocol.makeConnection(transport);
        }
    }

    /** Connects a client's wrapped protocol, then passes the news on. */
    @Override
    public void handshakeCompleted() {
        connectWrapped();
        if (wrappedProtocol instanceof IHandshakeListener) {
            ((IHandshakeListener) wrappedProtocol).handshakeCompleted();
        }
        handshook = true;
        if (handshakeDone != null && !handshakeDone.called()) {
            handshakeDone.callback(wrappedProtocol);
        }
    }

    @Override
    public void dataReceived(byte[] data) {
        if (wrappedConnected) {
            wrappedProtocol.dataReceived(data);
        }
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (wrappedConnected) {
            wrappedProtocol.dataReceived(data);
        }
    }

    /** The wrapped protocol hears it if it was connected; a pending handshake fails with it. */
    @Override
    public void connectionLost(Failure reason) {
        if (wrappedConnected) {
            wrappedProtocol.connectionLost(reason);
        }
        if (!handshook && handshakeFailure == null) {
            handshakeFailure = reason;
            if (handshakeDone != null && !handshakeDone.called()) {
                handshakeDone.errback(reason);
            }
        }
    }

    /** Twisted: {@code TLSMemoryBIOProtocol.logPrefix}, the wrapped protocol's with " (TLS)". */
    @Override
    public String logPrefix() {
        String prefix = wrappedProtocol instanceof Protocol
                ? ((Protocol) wrappedProtocol).logPrefix()
                : wrappedProtocol.getClass().getSimpleName();
        return prefix + " (TLS)";
    }

    @Override
    public String toString() {
        return "TLSMemoryBIOProtocol(" + wrappedProtocol + ")";
    }

    /** The wrapper of a half-closeable protocol. */
    static final class HalfCloseable extends TLSMemoryBIOProtocol implements IHalfCloseableProtocol {
        HalfCloseable(TLSMemoryBIOFactory factory, IProtocol wrappedProtocol) {
            super(factory, wrappedProtocol);
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
