package dev.jtwisted.internet.ssl;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The functions of Twisted's {@code ssl} module: client options that verify the server, and
 * trust roots.
 *
 * <pre>{@code
 * IStreamClientEndpoint endpoint = new SSL4ClientEndpoint(reactor, "example.com", 443,
 *         SSL.optionsForClientTLS("example.com"));
 * }</pre>
 *
 * <p>Twisted: {@code twisted.internet.ssl}.
 */
public final class SSL {
    /** The lowest TLS version used unless {@code insecurelyLowerMinimumTo} says otherwise. */
    public static final TLSVersion DEFAULT_MINIMUM_VERSION = TLSVersion.TLSv1_2;

    private SSL() {}

    /** {@link #optionsForClientTLS(String, TrustRoot, PrivateCertificate, List)} trusting the platform's CAs. */
    public static ClientTLSOptions optionsForClientTLS(String hostname) {
        return optionsForClientTLS(hostname, null, null, List.of());
    }

    /** {@link #optionsForClientTLS(String, TrustRoot, PrivateCertificate, List)} without a client certificate. */
    public static ClientTLSOptions optionsForClientTLS(String hostname, TrustRoot trustRoot) {
        return optionsForClientTLS(hostname, trustRoot, null, List.of());
    }

    /** {@link #optionsForClientTLS(String, TrustRoot, PrivateCertificate, List)} without ALPN. */
    public static ClientTLSOptions optionsForClientTLS(String hostname, TrustRoot trustRoot,
            PrivateCertificate clientCertificate) {
        return optionsForClientTLS(hostname, trustRoot, clientCertificate, List.of());
    }

    /**
     * Options for a client that verifies the server: its certificate must chain to
     * {@code trustRoot} and name {@code hostname}.
     *
     * <p>Twisted: {@code ssl.optionsForClientTLS(hostname, trustRoot, clientCertificate,
     * acceptableProtocols)}.
     *
     * @param hostname the server's expected DNS name or IP address
     * @param trustRoot the CAs to trust; null for {@link #platformTrust()} (a client of these
     *     options always verifies)
     * @param clientCertificate what to present if the server asks, or null
     * @param acceptableProtocols ALPN protocols, most preferred first; empty for none
     */
    public static ClientTLSOptions optionsForClientTLS(String hostname, TrustRoot trustRoot,
            PrivateCertificate clientCertificate, List<String> acceptableProtocols) {
        Objects.requireNonNull(hostname, "hostname");
        CertificateOptions.Builder options = CertificateOptions.builder()
                .trustRoot(trustRoot != null ? trustRoot : TrustRoot.platform())
                .acceptableProtocols(acceptableProtocols);
        if (clientCertificate != null) {
            options.privateCertificate(clientCertificate);
        }
        return new ClientTLSOptions(hostname, options.build());
    }

    /** The JDK's default trust store. Twisted: {@code ssl.platformTrust()}. */
    public static TrustRoot platformTrust() {
        return TrustRoot.platform();
    }

    /** Exactly these CAs. Twisted: {@code ssl.trustRootFromCertificates(certificates)}. */
    public static TrustRoot trustRootFromCertificates(Collection<X509Certificate> certificates) {
        return TrustRoot.of(certificates);
    }
}
