package dev.jtwisted.internet.endpoints;

import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IReactorSSL;
import dev.jtwisted.internet.IStreamClientEndpoint;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.ssl.IContextFactory;
import dev.jtwisted.protocols.tls.TLSMemoryBIOFactory;
import dev.jtwisted.protocols.tls.TLSMemoryBIOProtocol;
import java.util.Objects;

/**
 * The endpoint {@link Endpoints#wrapClientTLS} returns: TLS over another client endpoint's
 * connections. The Deferred fires once the handshake has completed, or fails with the
 * {@link dev.jtwisted.internet.ssl.SSLError}. Over a {@link TCP4ClientEndpoint} (what
 * {@code tls:host:port} describes) it connects with {@code connectSSL}; over any other endpoint
 * it connects a {@link TLSMemoryBIOFactory}, whose protocol starts TLS as the connection is made.
 * Not API.
 *
 * <p>Twisted: {@code endpoints._WrapperEndpoint} with {@code TLSMemoryBIOFactory}.
 */
final class TLSWrapClientEndpoint implements IStreamClientEndpoint {
    private final IContextFactory connectionCreator;
    private final IStreamClientEndpoint wrappedEndpoint;

    TLSWrapClientEndpoint(IContextFactory connectionCreator, IStreamClientEndpoint wrappedEndpoint) {
        this.connectionCreator = Objects.requireNonNull(connectionCreator, "connectionCreator");
        this.wrappedEndpoint = Objects.requireNonNull(wrappedEndpoint, "wrappedEndpoint");
    }

    @Override
    public Deferred<IProtocol> connect(IProtocolFactory protocolFactory) {
        Objects.requireNonNull(protocolFactory, "protocolFactory");
        if (wrappedEndpoint instanceof TCP4ClientEndpoint
                && ((TCP4ClientEndpoint) wrappedEndpoint).reactor() instanceof IReactorSSL) {
            TCP4ClientEndpoint tcp = (TCP4ClientEndpoint) wrappedEndpoint;
            return WrappingFactory.connectSSL((IReactorSSL) tcp.reactor(), tcp.host(), tcp.port(), connectionCreator,
                    tcp.timeout(), tcp.bindAddress(), protocolFactory);
        }
        TLSMemoryBIOFactory tls = new TLSMemoryBIOFactory(connectionCreator, true, protocolFactory);
        return wrappedEndpoint.connect(tls)
                .addCallbackDeferring(p -> ((TLSMemoryBIOProtocol) p).whenHandshakeCompleted());
    }

    /** The TLS settings. */
    IContextFactory connectionCreator() {
        return connectionCreator;
    }

    /** The endpoint whose connections TLS runs over. */
    IStreamClientEndpoint wrappedEndpoint() {
        return wrappedEndpoint;
    }

    @Override
    public String toString() {
        return "TLSWrapClientEndpoint(" + connectionCreator + " over " + wrappedEndpoint + ")";
    }
}
