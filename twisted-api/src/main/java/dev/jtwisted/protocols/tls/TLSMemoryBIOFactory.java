package dev.jtwisted.protocols.tls;

import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IConnector;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.ssl.ClientTLSOptions;
import dev.jtwisted.internet.ssl.IContextFactory;
import dev.jtwisted.python.failure.Failure;
import java.util.Objects;

/**
 * Runs the protocols of {@code wrappedFactory} over TLS, on any transport that can start it
 * (TCP and UNIX connections of the Netty reactor): each connection it builds a protocol for
 * starts TLS as soon as it is made, with this side as TLS client when {@code isClient}. So
 * {@code listenTCP(port, new TLSMemoryBIOFactory(options, false, factory))} serves as
 * {@code listenSSL(port, factory, options)} does, and the same works over {@code listenUNIX},
 * {@code connectUNIX} or any endpoint.
 *
 * <p>What the wrapped protocols see, as with {@code listenSSL}/{@code connectSSL}: a server's
 * protocol is connected at once and its early writes wait for the handshake; a client's
 * protocol is connected only once the handshake has completed (and never if it fails), which
 * {@link TLSMemoryBIOProtocol#whenHandshakeCompleted()} tells. Either way the protocol reads and
 * writes plaintext on the connection's own transport.
 *
 * <p>Not an engine: Twisted's class drives OpenSSL through memory BIOs; here the reactor's own
 * TLS ({@code ITLSTransport.startTLS}) does the work, so the name only says what it is for.
 *
 * <p>Twisted: {@code twisted.protocols.tls.TLSMemoryBIOFactory}.
 */
public class TLSMemoryBIOFactory extends ClientFactory {
    private final IContextFactory contextFactory;
    private final boolean isClient;
    private final IProtocolFactory wrappedFactory;

    /**
     * @param contextFactory the TLS settings: {@code CertificateOptions} with a certificate for a
     *     server, usually {@code SSL.optionsForClientTLS(host)} for a client
     * @param isClient whether this side is the TLS client
     * @param wrappedFactory builds the protocols that run over TLS
     * @throws IllegalArgumentException if a {@link ClientTLSOptions} is to be the server
     */
    public TLSMemoryBIOFactory(IContextFactory contextFactory, boolean isClient, IProtocolFactory wrappedFactory) {
        this.contextFactory = Objects.requireNonNull(contextFactory, "contextFactory");
        this.wrappedFactory = Objects.requireNonNull(wrappedFactory, "wrappedFactory");
        if (!isClient && contextFactory instanceof ClientTLSOptions) {
            throw new IllegalArgumentException(contextFactory + " is the client side of TLS: isClient must be true");
        }
        this.isClient = isClient;
    }

    /** The TLS settings. */
    public IContextFactory contextFactory() {
        return contextFactory;
    }

    /** Whether this side is the TLS client. */
    public boolean isClient() {
        return isClient;
    }

    /** The factory of the protocols that run over TLS. */
    public IProtocolFactory wrappedFactory() {
        return wrappedFactory;
    }

    /** The wrapped factory's protocol, wrapped; null if that factory returns null. */
    @Override
    public IProtocol buildProtocol(IAddress addr) {
        IProtocol wrapped = wrappedFactory.buildProtocol(addr);
        return wrapped == null ? null : TLSMemoryBIOProtocol.wrap(this, wrapped);
    }

    @Override
    public void doStart() {
        wrappedFactory.doStart();
        super.doStart();
    }

    @Override
    public void doStop() {
        wrappedFactory.doStop();
        super.doStop();
    }

    @Override
    public void startedConnecting(IConnector connector) {
        if (wrappedFactory instanceof ClientFactory) {
            ((ClientFactory) wrappedFactory).startedConnecting(connector);
        }
    }

    @Override
    public void clientConnectionFailed(IConnector connector, Failure reason) {
        if (wrappedFactory instanceof ClientFactory) {
            ((ClientFactory) wrappedFactory).clientConnectionFailed(connector, reason);
        }
    }

    @Override
    public void clientConnectionLost(IConnector connector, Failure reason) {
        if (wrappedFactory instanceof ClientFactory) {
            ((ClientFactory) wrappedFactory).clientConnectionLost(connector, reason);
        }
    }

    /** Twisted: {@code TLSMemoryBIOFactory.logPrefix}, the wrapped factory's with " (TLS)". */
    @Override
    public String logPrefix() {
        String prefix = wrappedFactory instanceof dev.jtwisted.internet.Factory
                ? ((dev.jtwisted.internet.Factory) wrappedFactory).logPrefix()
                : wrappedFactory.getClass().getSimpleName();
        return prefix + " (TLS)";
    }

    @Override
    public String toString() {
        return "TLSMemoryBIOFactory(" + (isClient ? "client" : "server") + ", " + contextFactory + ", "
                + wrappedFactory + ")";
    }
}
