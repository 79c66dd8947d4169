package dev.jtwisted.internet.ssl;

import java.util.Objects;

/**
 * A TLS client that checks whom it talks to: the server's certificate must chain to the trust
 * root of its {@link #options()} (the platform's by default) and name {@link #hostname()}, as a
 * DNS name or, for an IP address, as an IP address. The host name also goes out as the server
 * name indication (SNI) when it is a DNS name with a dot. Always the client side of TLS, whichever
 * side of the TCP connection uses it. Make one with {@link SSL#optionsForClientTLS}.
 *
 * <p>Twisted: {@code twisted.internet._sslverify.ClientTLSOptions}.
 */
public final class ClientTLSOptions implements IContextFactory {
    private final String hostname;
    private final CertificateOptions options;

    /**
     * @param hostname the name (or IP address) the server's certificate must carry
     * @param options the client's certificate, trust root (required) and ALPN protocols
     * @throws IllegalArgumentException if {@code hostname} is empty or {@code options} has no trust root
     */
    public ClientTLSOptions(String hostname, CertificateOptions options) {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(options, "options");
        if (hostname.isEmpty()) {
            throw new IllegalArgumentException("hostname is empty");
        }
        if (options.trustRoot() == null) {
            throw new IllegalArgumentException("a client that verifies the server needs a trust root: " + options);
        }
        this.hostname = hostname;
        this.options = options;
    }

    /** The name the server's certificate must carry. */
    public String hostname() {
        return hostname;
    }

    /** The rest of the client's settings. */
    public CertificateOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return "ClientTLSOptions(" + hostname + ", " + options + ")";
    }
}
