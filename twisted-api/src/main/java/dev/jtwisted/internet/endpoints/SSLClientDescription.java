package dev.jtwisted.internet.endpoints;

import dev.jtwisted.internet.ssl.ClientTLSOptions;
import dev.jtwisted.internet.ssl.PrivateCertificate;
import dev.jtwisted.internet.ssl.SSL;
import dev.jtwisted.internet.ssl.TrustRoot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed {@code ssl:} client description: where to connect, and the client certificate and
 * trusted CAs. What an {@link SSL4ClientEndpoint} is built from; the files are named here and
 * read by {@link #contextFactory()}.
 *
 * <p>Twisted: the arguments of {@code endpoints._parseClientSSL}, which go to
 * {@code SSL4ClientEndpoint}.
 *
 * @param host the host to connect to
 * @param port 0 to 65535
 * @param timeout seconds to wait for the connection, 0 or more (default 30)
 * @param bindAddress the local IPv4 address to connect from, or null
 * @param certKey the client's PEM certificate file, or null
 * @param privateKey the client's PEM private key file, or null
 * @param caCertsDir a directory of {@code .pem} CA certificates to trust, or null
 * @param hostname the name to verify the server's certificate against, or null
 */
public record SSLClientDescription(String host, int port, double timeout, String bindAddress,
        String certKey, String privateKey, String caCertsDir, String hostname) {

    private static final List<String> KEYWORDS = List.of(
            "host", "port", "timeout", "bindAddress", "certKey", "privateKey", "caCertsDir", "hostname");

    /** @throws IllegalArgumentException if {@code port} or {@code timeout} is out of range */
    public SSLClientDescription {
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
     * {@code caCertsDir} (the platform's without it) and names {@code hostname}, or {@code host}
     * when no {@code hostname} is given; present the certificate of {@code certKey} with the key
     * of {@code privateKey} (default: the {@code certKey} file) if the server asks.
     *
     * <p>Twisted: {@code endpoints._parseClientSSLOptions}, except that Twisted verifies nothing
     * unless given {@code hostname} (and only the chain, with {@code caCertsDir}); jtwisted always
     * verifies, as {@code tls:} does.
     *
     * @throws java.io.UncheckedIOException naming a file that cannot be read
     * @throws IllegalArgumentException naming a file that holds nothing usable
     */
    public ClientTLSOptions contextFactory() {
        PrivateCertificate clientCertificate = null;
        if (certKey != null) {
            clientCertificate = PrivateCertificate.load(Path.of(certKey), Path.of(privateKey != null ? privateKey : certKey));
        }
        TrustRoot trustRoot = caCertsDir != null ? TrustRoot.fromPEMDirectory(Path.of(caCertsDir)) : SSL.platformTrust();
        return SSL.optionsForClientTLS(hostname != null ? hostname : host, trustRoot, clientCertificate);
    }

    /**
     * Parses the arguments after {@code ssl:}: host and port as for {@code tcp:} clients, and the
     * keywords {@code timeout}, {@code bindAddress}, {@code certKey}, {@code privateKey},
     * {@code caCertsDir}, {@code hostname}. Example:
     * {@code ssl:web.example.com:443:caCertsDir=/etc/ssl/certs}.
     *
     * <p>Twisted: {@code endpoints._parseClientSSL}, without reading the files.
     *
     * @throws EndpointDescriptionError naming the bad argument
     */
    public static SSLClientDescription parse(List<String> args, Map<String, String> kwargs) {
        Map<String, String> a = Descriptions.bindHostPort("ssl client endpoints", args, kwargs, KEYWORDS);
        return new SSLClientDescription(
                a.get("host"),
                Descriptions.port("port", a.get("port")),
                a.containsKey("timeout") ? Descriptions.timeout(a.get("timeout")) : 30,
                a.get("bindAddress"),
                a.get("certKey"),
                a.get("privateKey"),
                a.get("caCertsDir"),
                a.get("hostname"));
    }
}
