package dev.jtwisted.internet.endpoints;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed {@code ssl:} client description: where to connect, and the client certificate and
 * trusted CAs. What a TLS client endpoint over TCP is built from; {@code clientFromString}
 * parses it, but building the endpoint needs a module that provides one (see
 * {@link IStreamClientEndpointStringParserWithReactor}). The files are only named here, not read.
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
