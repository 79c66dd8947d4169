package dev.jtwisted.internet.endpoints;

import dev.jtwisted.internet.endpoints.Descriptions.Signature;
import dev.jtwisted.internet.ssl.CertificateOptions;
import dev.jtwisted.internet.ssl.PEM;
import dev.jtwisted.internet.ssl.PrivateCertificate;
import dev.jtwisted.internet.ssl.TLSVersion;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A parsed {@code ssl:} server description: the TCP port and interface, and the files of the
 * key, certificate, extra chain and Diffie-Hellman parameters. What an {@link SSL4ServerEndpoint}
 * is built from; the files are named here and read by {@link #contextFactory()}.
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

    private static final Logger log = LoggerFactory.getLogger(SSLServerDescription.class);
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
     * The TLS settings the files describe: the first certificate of {@code certKey} with the key
     * of {@code privateKey} (one file may hold both, as Twisted's {@code server.pem} does), the
     * certificates of {@code extraCertChain} sent after it, and {@code sslmethod} as version
     * bounds ({@code TLSv1_2_METHOD}: TLS 1.2 only; {@code TLS_METHOD}, {@code SSLv23_METHOD} and
     * {@code TLS_SERVER_METHOD}: the defaults). {@code dhParameters} is checked to exist and then
     * left unused: the JDK negotiates the RFC 7919 groups for DHE itself, and has no
     * per-connection setting for others.
     *
     * <p>Twisted: the file reading of {@code endpoints._parseSSL}.
     *
     * @throws UncheckedIOException naming the file if one cannot be read
     * @throws IllegalArgumentException naming the file if it holds no usable certificate or key,
     *     or if the key does not match the certificate
     */
    public CertificateOptions contextFactory() {
        CertificateOptions.Builder b = CertificateOptions.builder()
                .privateCertificate(PrivateCertificate.load(Path.of(certKey), Path.of(privateKey)));
        if (extraCertChain != null) {
            b.extraCertChain(PEM.readCertificates(Path.of(extraCertChain)));
        }
        if (sslmethod != null) {
            TLSVersion only = null;
            switch (sslmethod) {
                case "TLSv1_METHOD":
                    only = TLSVersion.TLSv1_0;
                    break;
                case "TLSv1_1_METHOD":
                    only = TLSVersion.TLSv1_1;
                    break;
                case "TLSv1_2_METHOD":
                    only = TLSVersion.TLSv1_2;
                    break;
                default:
                    break; // Any version: the defaults.
            }
            if (only != null) {
                b.insecurelyLowerMinimumTo(only).lowerMaximumSecurityTo(only);
            }
        }
        if (dhParameters != null) {
            Path dh = Path.of(dhParameters);
            if (!Files.isReadable(dh)) {
                throw new UncheckedIOException("cannot read the dhParameters file " + dh,
                        new NoSuchFileException(dhParameters));
            }
            log.info("dhParameters={} is not used: the JDK negotiates the RFC 7919 DHE groups itself", dh);
        }
        return b.build();
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
