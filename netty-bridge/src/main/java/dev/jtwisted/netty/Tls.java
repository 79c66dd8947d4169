package dev.jtwisted.netty;

import dev.jtwisted.internet.ssl.CertificateOptions;
import dev.jtwisted.internet.ssl.ClientTLSOptions;
import dev.jtwisted.internet.ssl.IContextFactory;
import dev.jtwisted.internet.ssl.SSLError;
import dev.jtwisted.internet.ssl.TrustRoot;
import dev.jtwisted.python.failure.Failure;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns twisted-api's TLS settings into Netty's: an {@link SslContext} on the JDK's provider
 * per context factory and role (built once, then shared by every connection that uses it), and
 * a new {@link SslHandler} per connection; and turns TLS exceptions into {@link SSLError}
 * failures. Not API.
 *
 * <p>Threads: any; the cache is synchronized.
 */
final class Tls {
    /** The handler's name in a pipeline: always the first handler, next to the socket. */
    static final String HANDLER_NAME = "tls";

    private static final Map<IContextFactory, SslContext> clientContexts = new WeakHashMap<>();
    private static final Map<IContextFactory, SslContext> serverContexts = new WeakHashMap<>();

    private Tls() {}

    /**
     * Whether {@code contextFactory} runs the client side of TLS on a connection whose own side
     * is {@code clientSide}: a {@link ClientTLSOptions} always does, a
     * {@link CertificateOptions} follows the connection (Twisted's {@code startTLS(ctx, normal=True)}).
     */
    static boolean isClient(IContextFactory contextFactory, boolean clientSide) {
        return contextFactory instanceof ClientTLSOptions || clientSide;
    }

    /**
     * The Netty context for {@code contextFactory} in that role, built on first use.
     *
     * @throws IllegalArgumentException if the settings cannot serve that role (a server without
     *     a certificate, a client's options asked to serve) or the JDK refuses them
     */
    static SslContext context(IContextFactory contextFactory, boolean client) {
        Objects.requireNonNull(contextFactory, "contextFactory");
        Map<IContextFactory, SslContext> cache = client ? clientContexts : serverContexts;
        synchronized (cache) {
            SslContext context = cache.get(contextFactory);
            if (context == null) {
                context = build(contextFactory, client);
                cache.put(contextFactory, context);
            }
            return context;
        }
    }

    private static SslContext build(IContextFactory contextFactory, boolean client) {
        CertificateOptions options;
        boolean verifyHost;
        if (contextFactory instanceof ClientTLSOptions) {
            if (!client) {
                throw new IllegalArgumentException(contextFactory + " is the client side of TLS and cannot serve:"
                        + " a server needs CertificateOptions with a certificate");
            }
            options = ((ClientTLSOptions) contextFactory).options();
            verifyHost = true;
        } else {
            options = (CertificateOptions) contextFactory;
            verifyHost = false;
        }
        SslContextBuilder b;
        TrustRoot trust = options.trustRoot();
        if (client) {
            b = SslContextBuilder.forClient();
            if (options.certificate() != null) {
                b.keyManager(options.privateKey(), chain(options));
            }
            if (trust == null) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE); // Twisted's verify=False
            } else if (!trust.isPlatform()) {
                b.trustManager(trust.certificates());
            }
            b.endpointIdentificationAlgorithm(verifyHost ? "HTTPS" : null);
        } else {
            if (options.certificate() == null) {
                throw new IllegalArgumentException("a TLS server needs a certificate and private key: " + options);
            }
            b = SslContextBuilder.forServer(options.privateKey(), chain(options));
            if (trust != null) {
                b.clientAuth(options.requireCertificate() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
                if (!trust.isPlatform()) {
                    b.trustManager(trust.certificates());
                }
            }
        }
        b.sslProvider(SslProvider.JDK);
        if (!options.acceptableProtocols().isEmpty()) {
            // A server with no protocol in common fails the handshake, as Twisted documents; a
            // client goes on without one if the server picked none.
            b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.FATAL_ALERT,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                    options.acceptableProtocols()));
        }
        if (!options.enabledVersions().isEmpty()) {
            b.protocols(options.enabledVersions());
        }
        try {
            return b.build();
        } catch (SSLException | RuntimeException e) {
            throw new IllegalArgumentException("cannot set up TLS with " + contextFactory + ": " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> chain(CertificateOptions options) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(options.certificate());
        chain.addAll(options.extraCertChain());
        return chain;
    }

    /**
     * A new handler for one connection. A client names {@code peerHost} (a
     * {@link ClientTLSOptions}' host name, else the host connected to) for SNI, session reuse
     * and, with {@link ClientTLSOptions}, the certificate check.
     */
    static SslHandler newHandler(IContextFactory contextFactory, boolean client, ByteBufAllocator alloc,
            String peerHost, int peerPort) {
        SslContext context = context(contextFactory, client);
        if (!client) {
            return context.newHandler(alloc);
        }
        String host = contextFactory instanceof ClientTLSOptions
                ? ((ClientTLSOptions) contextFactory).hostname() : peerHost;
        return host == null ? context.newHandler(alloc) : context.newHandler(alloc, host, peerPort);
    }

    /**
     * The failure for a TLS exception anywhere in {@code cause}'s chain: an {@link SSLError}
     * naming the problem, the JDK's exception as its cause; null if {@code cause} is no TLS
     * problem.
     */
    static Failure failure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof NotSslRecordException) {
                return new Failure(new SSLError("the peer does not speak TLS: what it sent is not a TLS record", t));
            }
            if (t instanceof SSLHandshakeException) {
                return new Failure(new SSLError("TLS handshake failed: " + t.getMessage(), t));
            }
            if (t instanceof SSLException) {
                return new Failure(new SSLError("TLS failed: " + t.getMessage(), t));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** {@link #failure(Throwable)}, or an {@link SSLError} wrapping {@code cause} if it is no TLS exception. */
    static Failure handshakeFailure(Throwable cause) {
        Failure f = failure(cause);
        return f != null ? f : new Failure(new SSLError("TLS handshake failed: " + cause, cause));
    }
}
