package dev.jtwisted.internet.ssl;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate with its private key: what a server presents, or a client that authenticates
 * with a certificate. Read from PEM ({@link #loadPEM}, {@link #load}) or made from JDK objects.
 *
 * <p>Twisted: {@code twisted.internet.ssl.PrivateCertificate} (a {@code Certificate} with its
 * {@code KeyPair}).
 *
 * @param certificate the end-entity certificate
 * @param privateKey its key; {@link CertificateOptions} checks that the two match
 */
public record PrivateCertificate(X509Certificate certificate, PrivateKey privateKey) {
    public PrivateCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /**
     * The first certificate and the private key of one PEM text, as Twisted's {@code server.pem}
     * files hold them (in either order). Twisted: {@code PrivateCertificate.loadPEM}.
     *
     * @throws IllegalArgumentException if either is missing or malformed
     */
    public static PrivateCertificate loadPEM(String pem) {
        return new PrivateCertificate(PEM.loadCertificates(pem).get(0), PEM.loadPrivateKey(pem));
    }

    /**
     * The first certificate of {@code certificateFile} and the key of {@code keyFile} (which may
     * be the same file). Twisted: {@code endpoints._privateCertFromPaths}.
     *
     * @throws java.io.UncheckedIOException if a file cannot be read
     * @throws IllegalArgumentException naming the file if it holds no certificate or key
     */
    public static PrivateCertificate load(Path certificateFile, Path keyFile) {
        return new PrivateCertificate(PEM.readCertificates(certificateFile).get(0), PEM.readPrivateKey(keyFile));
    }

    /**
     * Options that present this certificate and, given {@code authorities}, verify peers
     * against them (a server then requires client certificates signed by one).
     * Twisted: {@code PrivateCertificate.options(*authorities)}.
     */
    public CertificateOptions options(X509Certificate... authorities) {
        CertificateOptions.Builder b = CertificateOptions.builder().privateCertificate(this);
        if (authorities.length > 0) {
            b.trustRoot(TrustRoot.of(List.of(authorities)));
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "PrivateCertificate(" + certificate.getSubjectX500Principal().getName() + ", "
                + privateKey.getAlgorithm() + " key)";
    }
}
