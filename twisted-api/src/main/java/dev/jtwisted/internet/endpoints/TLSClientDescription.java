package dev.jtwisted.internet.endpoints;

import dev.jtwisted.internet.endpoints.Descriptions.Signature;
import dev.jtwisted.internet.ssl.ClientTLSOptions;
import dev.jtwisted.internet.ssl.PrivateCertificate;
import dev.jtwisted.internet.ssl.SSL;
import dev.jtwisted.internet.ssl.TrustRoot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed {@code tls:} client description: where to connect (by host name), the client
 * certificate and the trust roots, or another client description to run TLS over. What
 * {@link Endpoints#wrapClientTLS} builds the endpoint from; files are named here and read by
 * {@link #contextFactory()}.
 *
 * <p>Twisted: the arguments of {@code endpoints._parseClientTLS}, which builds
 * {@code wrapClientTLS(optionsForClientTLS(host, ...), HostnameEndpoint(...))}.
 *
 * @param host the host name to connect to and to verify the certificate against
 * @param port 0 to 65535
 * @param timeout seconds to wait for each connection attempt, 0 or more (default 30)
 * @param bindAddress the local address to connect from, or null
 * @param certificate the client's PEM certificate file, or null
 * @param privateKey the client's PEM private key file, or null
 * @param trustRoots a directory of {@code .pem} CA certificates to trust, or null for the
 *     platform's
 * @param endpoint a client description to connect with instead of {@code host} and {@code port}
 *     (which then only name the peer for verification), or null; parsed when the endpoint is
 *     built
 */
public record TLSClientDescription(String host, int port, double timeout, String bindAddress,
        String certificate, String privateKey, String trustRoots, String endpoint) {

    private static final Signature SIGNATURE = new Signature("tls client endpoints", 2,
            "host", "port", "timeout", "bindAddress", "certificate", "privateKey", "trustRoots",
            "endpoint");

    /** @throws IllegalArgumentException if {@code port} or {@code timeout} is out of range */
    public TLSClientDescription {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > Descriptions.MAX_PORT) {
            throw new IllegalArgumentException("port " + port + " is out of range 0..65535");
        }
        if (!(timeout >= 0) || Double.isInfinite(timeout)) {
            throw new IllegalArgumentException("timeout must be a finite number of seconds >= 0: " + timeout);
        }
    }

    /**
     * The client's TLS settings: verify that the server's certificate chains to the CAs of
     * {@code trustRoots} (the platform's without it) and names {@code host}; present the
     * certificate of {@code certificate} with the key of {@code privateKey} (default: the
     * {@code certificate} file) if the server asks.
     *
     * <p>Twisted: the {@code optionsForClientTLS} call of {@code endpoints._parseClientTLS}.
     *
     * @throws java.io.UncheckedIOException naming a file that cannot be read
     * @throws IllegalArgumentException naming a file that holds nothing usable
     */
    public ClientTLSOptions contextFactory() {
        PrivateCertificate clientCertificate = null;
        if (certificate != null) {
            clientCertificate = PrivateCertificate.load(Path.of(certificate),
                    Path.of(privateKey != null ? privateKey : certificate));
        }
        TrustRoot trustRoot = trustRoots != null ? TrustRoot.fromPEMDirectory(Path.of(trustRoots)) : SSL.platformTrust();
        return SSL.optionsForClientTLS(host, trustRoot, clientCertificate);
    }

    /**
     * Parses the arguments after {@code tls:}: {@code host}, {@code port}, {@code timeout},
     * {@code bindAddress}, {@code certificate}, {@code privateKey}, {@code trustRoots},
     * {@code endpoint}, in that order positionally or by keyword. Example:
     * {@code tls:example.com:443:trustRoots=/etc/ssl/certs}.
     *
     * <p>Twisted: {@code endpoints._parseClientTLS}, without reading the files.
     *
     * @throws EndpointDescriptionError naming the bad argument
     */
    public static TLSClientDescription parse(List<String> args, Map<String, String> kwargs) {
        Map<String, String> a = SIGNATURE.bind(args, kwargs);
        return new TLSClientDescription(
                a.get("host"),
                Descriptions.port("port", a.get("port")),
                a.containsKey("timeout") ? Descriptions.timeout(a.get("timeout")) : 30,
                a.get("bindAddress"),
                a.get("certificate"),
                a.get("privateKey"),
                a.get("trustRoots"),
                a.get("endpoint"));
    }
}
