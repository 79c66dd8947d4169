package dev.jtwisted.internet.ssl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * The TLS settings of one side: its certificate and key, the peers it trusts, ALPN protocols and
 * version bounds. As a server's settings (for {@code listenSSL}, {@code ssl:} servers,
 * {@code startTLS} on the accepting side) it presents its certificate, and with a trust root
 * asks clients for certificates signed by it. As a client's settings it presents its certificate,
 * if any, to servers that ask, and verifies the server's chain only against its trust root, if it
 * has one, and never its host name: use {@link SSL#optionsForClientTLS} for a client that checks
 * whom it talks to. Immutable; build one with {@link #builder()}.
 *
 * <pre>{@code
 * CertificateOptions server = CertificateOptions.builder()
 *         .privateCertificate(PrivateCertificate.load(Path.of("cert.pem"), Path.of("key.pem")))
 *         .acceptableProtocols("h2", "http/1.1")
 *         .build();
 * }</pre>
 *
 * <p>Differences from Twisted, on purpose: with no version option set, the JDK's defaults apply
 * (TLS 1.2 and 1.3); {@code requireCertificate(false)} may go with a trust root, to ask for
 * client certificates without requiring one (Twisted raises {@code TypeError}); there is no
 * {@code method}, {@code verify}/{@code caCerts} (use a trust root), {@code acceptableCiphers},
 * {@code dhParameters} (the JDK uses the RFC 7919 groups), session or ticket switches (the
 * JDK's session cache is on).
 *
 * <p>Twisted: {@code twisted.internet.ssl.CertificateOptions}.
 */
public final class CertificateOptions implements IContextFactory {
    private final PrivateKey privateKey;
    private final X509Certificate certificate;
    private final List<X509Certificate> extraCertChain;
    private final TrustRoot trustRoot;
    private final boolean requireCertificate;
    private final List<String> acceptableProtocols;
    private final TLSVersion raiseMinimumTo;
    private final TLSVersion insecurelyLowerMinimumTo;
    private final TLSVersion lowerMaximumSecurityTo;

    private CertificateOptions(Builder b) {
        this.privateKey = b.privateKey;
        this.certificate = b.certificate;
        this.extraCertChain = b.extraCertChain;
        this.trustRoot = b.trustRoot;
        this.requireCertificate = b.requireCertificate;
        this.acceptableProtocols = b.acceptableProtocols;
        this.raiseMinimumTo = b.raiseMinimumTo;
        this.insecurelyLowerMinimumTo = b.insecurelyLowerMinimumTo;
        this.lowerMaximumSecurityTo = b.lowerMaximumSecurityTo;
    }

    /** A builder with Twisted's defaults: no certificate, no trust root, certificates required when asked. */
    public static Builder builder() {
        return new Builder();
    }

    /** This side's private key, or null when it presents no certificate. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** This side's certificate, or null. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificates sent after {@link #certificate()}, from its issuer up; empty if none. */
    public List<X509Certificate> extraCertChain() {
        return extraCertChain;
    }

    /**
     * The peers' trust root, or null: then a server asks for no client certificate, and a client
     * accepts any server certificate (Twisted's {@code verify=False}).
     */
    public TrustRoot trustRoot() {
        return trustRoot;
    }

    /** With a trust root, whether a server refuses clients without a certificate (default true). */
    public boolean requireCertificate() {
        return requireCertificate;
    }

    /** The ALPN protocols, most preferred first; empty for no ALPN. */
    public List<String> acceptableProtocols() {
        return acceptableProtocols;
    }

    /**
     * The protocol versions to enable, as the JDK names them ({@code "TLSv1.2"}), from the
     * version options; empty when none is set, meaning the JDK's defaults.
     */
    public List<String> enabledVersions() {
        if (raiseMinimumTo == null && insecurelyLowerMinimumTo == null && lowerMaximumSecurityTo == null) {
            return List.of();
        }
        TLSVersion min = minimum(raiseMinimumTo, insecurelyLowerMinimumTo);
        TLSVersion max = lowerMaximumSecurityTo != null ? lowerMaximumSecurityTo : TLSVersion.TLSv1_3;
        List<String> names = new ArrayList<>();
        for (TLSVersion v : EnumSet.range(min, max)) {
            names.add(v.jdkName());
        }
        return List.copyOf(names);
    }

    private static TLSVersion minimum(TLSVersion raiseMinimumTo, TLSVersion insecurelyLowerMinimumTo) {
        if (insecurelyLowerMinimumTo != null) {
            return insecurelyLowerMinimumTo;
        }
        return raiseMinimumTo != null && raiseMinimumTo.compareTo(SSL.DEFAULT_MINIMUM_VERSION) > 0
                ? raiseMinimumTo : SSL.DEFAULT_MINIMUM_VERSION;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("CertificateOptions(");
        s.append(certificate == null ? "no certificate" : certificate.getSubjectX500Principal().getName());
        if (!extraCertChain.isEmpty()) {
            s.append(" + ").append(extraCertChain.size()).append(" chain certificate(s)");
        }
        if (trustRoot != null) {
            s.append(", trusting ").append(trustRoot);
            if (!requireCertificate) {
                s.append(", certificate optional");
            }
        }
        if (!acceptableProtocols.isEmpty()) {
            s.append(", ALPN ").append(acceptableProtocols);
        }
        if (!enabledVersions().isEmpty()) {
            s.append(", versions ").append(enabledVersions());
        }
        return s.append(')').toString();
    }

    /**
     * Collects the options, named after Twisted's keyword arguments. Not thread-safe; the options
     * it builds are.
     */
    public static final class Builder {
        private PrivateKey privateKey;
        private X509Certificate certificate;
        private List<X509Certificate> extraCertChain = List.of();
        private TrustRoot trustRoot;
        private boolean requireCertificate = true;
        private List<String> acceptableProtocols = List.of();
        private TLSVersion raiseMinimumTo;
        private TLSVersion insecurelyLowerMinimumTo;
        private TLSVersion lowerMaximumSecurityTo;

        private Builder() {}

        /** This side's private key; needs {@link #certificate}. May be null. */
        public Builder privateKey(PrivateKey privateKey) {
            this.privateKey = privateKey;
            return this;
        }

        /** This side's certificate; needs {@link #privateKey}. May be null. */
        public Builder certificate(X509Certificate certificate) {
            this.certificate = certificate;
            return this;
        }

        /** Both at once. */
        public Builder privateCertificate(PrivateCertificate privateCertificate) {
            Objects.requireNonNull(privateCertificate, "privateCertificate");
            this.privateKey = privateCertificate.privateKey();
            this.certificate = privateCertificate.certificate();
            return this;
        }

        /**
         * The key, certificate and chain of the private-key entry {@code alias} of a JKS or PKCS#12
         * key store.
         *
         * @throws IllegalArgumentException if there is no such private-key entry, or the password is wrong
         */
        public Builder keyStore(KeyStore keyStore, String alias, char[] password) {
            Objects.requireNonNull(keyStore, "keyStore");
            Objects.requireNonNull(alias, "alias");
            try {
                if (!keyStore.isKeyEntry(alias)) {
                    throw new IllegalArgumentException("the key store has no private-key entry '" + alias + "'");
                }
                PrivateKey key = (PrivateKey) keyStore.getKey(alias, password);
                Certificate[] chain = keyStore.getCertificateChain(alias);
                if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
                    throw new IllegalArgumentException("key store entry '" + alias + "' has no X.509 certificate");
                }
                List<X509Certificate> rest = new ArrayList<>();
                for (int i = 1; i < chain.length; i++) {
                    rest.add((X509Certificate) chain[i]);
                }
                this.privateKey = key;
                this.certificate = (X509Certificate) chain[0];
                this.extraCertChain = List.copyOf(rest);
            } catch (GeneralSecurityException | ClassCastException e) {
                throw new IllegalArgumentException("cannot read key store entry '" + alias + "': " + e.getMessage(), e);
            }
            return this;
        }

        /**
         * Certificates that complete the chain from {@link #certificate} to a root, sent with it;
         * not the certificate itself. Twisted: {@code extraCertChain}.
         */
        public Builder extraCertChain(List<X509Certificate> extraCertChain) {
            this.extraCertChain = List.copyOf(extraCertChain);
            return this;
        }

        /**
         * Verify peers against {@code trustRoot}: a client checks the server's chain, a server
         * asks for client certificates (and, with {@link #requireCertificate}, refuses clients
         * without one). Null: no verification. Twisted: {@code trustRoot}.
         */
        public Builder trustRoot(TrustRoot trustRoot) {
            this.trustRoot = trustRoot;
            return this;
        }

        /** With a trust root, whether a server refuses clients that send no certificate (default true). */
        public Builder requireCertificate(boolean requireCertificate) {
            this.requireCertificate = requireCertificate;
            return this;
        }

        /**
         * The protocols this side will speak inside TLS, most preferred first, offered over ALPN.
         * A server that shares none with a client that offers some fails the handshake; with a
         * peer that offers none, the connection goes on with no protocol negotiated.
         * Twisted: {@code acceptableProtocols}.
         *
         * @throws IllegalArgumentException for an empty name or one over 255 bytes
         */
        public Builder acceptableProtocols(List<String> protocols) {
            for (String p : protocols) {
                int length = p.getBytes(StandardCharsets.UTF_8).length;
                if (length == 0 || length > 255) {
                    throw new IllegalArgumentException("an ALPN protocol name must be 1 to 255 bytes: '" + p + "'");
                }
            }
            this.acceptableProtocols = List.copyOf(protocols);
            return this;
        }

        /** {@link #acceptableProtocols(List)} with these names. */
        public Builder acceptableProtocols(String... protocols) {
            return acceptableProtocols(Arrays.asList(protocols));
        }

        /** The lowest version to use, or the default (TLS 1.2) if that is higher. Twisted: {@code raiseMinimumTo}. */
        public Builder raiseMinimumTo(TLSVersion version) {
            this.raiseMinimumTo = version;
            return this;
        }

        /** The lowest version to use, even below the default. Twisted: {@code insecurelyLowerMinimumTo}. */
        public Builder insecurelyLowerMinimumTo(TLSVersion version) {
            this.insecurelyLowerMinimumTo = version;
            return this;
        }

        /** The highest version to use (default TLS 1.3). Twisted: {@code lowerMaximumSecurityTo}. */
        public Builder lowerMaximumSecurityTo(TLSVersion version) {
            this.lowerMaximumSecurityTo = version;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException if only one of key and certificate is given, a chain
         *     comes without a certificate, the key does not match the certificate, both minimum
         *     options are given, or the versions leave nothing between minimum and maximum
         */
        public CertificateOptions build() {
            if ((privateKey == null) != (certificate == null)) {
                throw new IllegalArgumentException("Specify neither or both of privateKey and certificate");
            }
            if (!extraCertChain.isEmpty() && certificate == null) {
                throw new IllegalArgumentException("extraCertChain needs a certificate and privateKey");
            }
            if (raiseMinimumTo != null && insecurelyLowerMinimumTo != null) {
                throw new IllegalArgumentException(
                        "raiseMinimumTo and insecurelyLowerMinimumTo are mutually exclusive");
            }
            if (certificate != null) {
                checkKeyMatches(privateKey, certificate);
            }
            CertificateOptions options = new CertificateOptions(this);
            TLSVersion max = lowerMaximumSecurityTo;
            if (max != null) {
                TLSVersion min = minimum(raiseMinimumTo, insecurelyLowerMinimumTo);
                if (min.compareTo(max) > 0) {
                    throw new IllegalArgumentException("the minimum version (" + min + ") is above the maximum ("
                            + max + ")");
                }
            }
            return options;
        }
    }

    /** Signs a few bytes with the key and checks the signature with the certificate's public key. */
    private static void checkKeyMatches(PrivateKey key, X509Certificate certificate) {
        String algorithm;
        switch (key.getAlgorithm()) {
            case "RSA":
                algorithm = "SHA256withRSA";
                break;
            case "EC":
                algorithm = "SHA256withECDSA";
                break;
            case "DSA":
                algorithm = "SHA256withDSA";
                break;
            case "Ed25519":
            case "Ed448":
            case "EdDSA":
                algorithm = key.getAlgorithm();
                break;
            default:
                return; // A kind we cannot sign with simply: the handshake will tell.
        }
        byte[] probe = "jtwisted key check".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new IllegalArgumentException("the private key (" + key.getAlgorithm() + ") does not match the"
                    + " certificate of " + certificate.getSubjectX500Principal().getName());
        }
    }
}
