package dev.jtwisted.internet.endpoints;

import dev.jtwisted.internet.endpoints.Descriptions.Signature;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed {@code ssl:} server description: the TCP port and interface, and the files of the
 * key, certificate, extra chain and Diffie-Hellman parameters. What a TLS server endpoint is
 * built from; {@code serverFromString} parses it, but building the endpoint needs a module that
 * provides one (see {@link IStreamServerEndpointStringParser}). The files are only named here,
 * not read.
 *
 * <p>Twisted: the arguments of {@code endpoints._parseSSL}, which go to
 * {@code SSL4ServerEndpoint}.
 *
 * @param port 0 to 65535
 * @param privateKey the PEM private key file (default {@code server.pem})
 * @param certKey the PEM certificate file (default: the {@code privateKey} file)
 * @param sslmethod the OpenSSL method name, one of {@link #SSL_METHODS}, or null for the default
 * @param interfaceAddress the address to bind, "" for all IPv4 interfaces (default "")
 * @param backlog the listen queue length, 0 or more (default 50)
 * @param extraCertChain a PEM file of the chain from a root CA to the certificate, or null
 * @param dhParameters a file of Diffie-Hellman parameters, or null
 */
public record SSLServerDescription(int port, String privateKey, String certKey, String sslmethod,
        String interfaceAddress, int backlog, String extraCertChain, String dhParameters) {

    /** The {@code sslmethod} values accepted: pyOpenSSL's stream TLS method names. */
    public static final List<String> SSL_METHODS = List.of(
            "SSLv23_METHOD", "TLS_METHOD", "TLS_SERVER_METHOD", "TLSv1_METHOD", "TLSv1_1_METHOD",
            "TLSv1_2_METHOD");

    private static final Signature SIGNATURE = new Signature("ssl server endpoints", 1,
            "port", "privateKey", "certKey", "sslmethod", "interface", "backlog", "extraCertChain",
            "dhParameters");

    /**
     * @throws IllegalArgumentException if {@code port} or {@code backlog} is out of range, or
     *     {@code sslmethod} is not one of {@link #SSL_METHODS}
     */
    public SSLServerDescription {
        if (port < 0 || port > Descriptions.MAX_PORT) {
            throw new IllegalArgumentException("port " + port + " is out of range 0..65535");
        }
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certKey, "certKey");
        if (sslmethod != null && !SSL_METHODS.contains(sslmethod)) {
            throw new IllegalArgumentException(
                    "sslmethod must be one of " + SSL_METHODS + ": '" + sslmethod + "'");
        }
        Objects.requireNonNull(interfaceAddress, "interfaceAddress");
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog must be 0 or more: " + backlog);
        }
    }

    /**
     * Parses the arguments after {@code ssl:}: {@code port}, {@code privateKey}, {@code certKey},
     * {@code sslmethod}, {@code interface}, {@code backlog}, {@code extraCertChain},
     * {@code dhParameters}, in that order positionally or by keyword. Example:
     * {@code ssl:443:privateKey=key.pem:certKey=cert.pem}.
     *
     * <p>Twisted: {@code endpoints._parseSSL}, without reading the files.
     *
     * @throws EndpointDescriptionError naming the bad argument
     */
    public static SSLServerDescription parse(List<String> args, Map<String, String> kwargs) {
        Map<String, String> a = SIGNATURE.bind(args, kwargs);
        String sslmethod = a.get("sslmethod");
        if (sslmethod != null && !SSL_METHODS.contains(sslmethod)) {
            throw new EndpointDescriptionError(
                    "sslmethod must be one of " + String.join(", ", SSL_METHODS) + ": '" + sslmethod + "'");
        }
        String privateKey = a.getOrDefault("privateKey", "server.pem");
        return new SSLServerDescription(
                Descriptions.port("port", a.get("port")),
                privateKey,
                a.getOrDefault("certKey", privateKey),
                sslmethod,
                a.getOrDefault("interface", ""),
                a.containsKey("backlog") ? Descriptions.backlog(a.get("backlog")) : 50,
                a.get("extraCertChain"),
                a.get("dhParameters"));
    }
}
