package dev.jtwisted.internet.ssl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The certificate authorities a peer's certificate must chain to: the platform's (the JDK's
 * {@code cacerts}, or whatever {@code javax.net.ssl.trustStore} names) or a given set.
 * Immutable.
 *
 * <p>Twisted: {@code IOpenSSLTrustRoot}, with {@code platformTrust()} ({@code OpenSSLDefaultPaths})
 * and {@code trustRootFromCertificates} ({@code OpenSSLCertificateAuthorities}).
 */
public final class TrustRoot {
    private static final TrustRoot PLATFORM = new TrustRoot(null, "platformTrust()");

    /** Null for the platform's. */
    private final List<X509Certificate> certificates;
    private final String description;

    private TrustRoot(List<X509Certificate> certificates, String description) {
        this.certificates = certificates;
        this.description = description;
    }

    /** The JDK's default trust store. Twisted: {@code platformTrust()}. */
    public static TrustRoot platform() {
        return PLATFORM;
    }

    /**
     * Exactly these CA certificates (each may also be a self-signed peer certificate).
     * Twisted: {@code trustRootFromCertificates}.
     *
     * @throws IllegalArgumentException if {@code certificates} is empty
     */
    public static TrustRoot of(Collection<X509Certificate> certificates) {
        Objects.requireNonNull(certificates, "certificates");
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("a trust root needs at least one certificate");
        }
        List<X509Certificate> copy = List.copyOf(new LinkedHashSet<>(certificates));
        return new TrustRoot(copy, names(copy));
    }

    /** {@link #of(Collection)} with these certificates. */
    public static TrustRoot of(X509Certificate... certificates) {
        return of(List.of(certificates));
    }

    /**
     * The certificates of every {@code .pem} file in {@code directory} (not its subdirectories);
     * files that cannot be read or hold no certificate are skipped, as Twisted does.
     *
     * <p>Twisted: {@code endpoints._loadCAsFromDir}, behind {@code caCertsDir=} and
     * {@code trustRoots=}.
     *
     * @throws UncheckedIOException if the directory cannot be listed
     * @throws IllegalArgumentException if it holds no certificate at all
     */
    public static TrustRoot fromPEMDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        Set<X509Certificate> found = new LinkedHashSet<>();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (entry.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pem")
                        && Files.isRegularFile(entry)) {
                    files.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the CA certificate directory " + directory + ": " + e, e);
        }
        Collections.sort(files);
        for (Path file : files) {
            try {
                found.addAll(PEM.readCertificates(file));
            } catch (UncheckedIOException | IllegalArgumentException e) {
                // As Twisted: unreadable or invalid files do not matter.
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no PEM certificate in any .pem file of " + directory);
        }
        List<X509Certificate> copy = List.copyOf(found);
        return new TrustRoot(copy, directory + " " + names(copy));
    }

    /**
     * The trusted certificate entries of {@code keyStore} (a JKS or PKCS#12 trust store).
     *
     * @throws IllegalArgumentException if it has none, or is not loaded
     */
    public static TrustRoot fromKeyStore(KeyStore keyStore) {
        Objects.requireNonNull(keyStore, "keyStore");
        List<X509Certificate> found = new ArrayList<>();
        try {
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isCertificateEntry(alias)) {
                    Certificate c = keyStore.getCertificate(alias);
                    if (c instanceof X509Certificate) {
                        found.add((X509Certificate) c);
                    }
                }
            }
        } catch (KeyStoreException e) {
            throw new IllegalArgumentException("cannot read the key store: " + e.getMessage(), e);
        }
        return of(found);
    }

    /** Whether this is the platform's trust store. */
    public boolean isPlatform() {
        return certificates == null;
    }

    /** The trusted certificates; empty for the platform's (which the JDK reads itself). */
    public List<X509Certificate> certificates() {
        return certificates == null ? List.of() : certificates;
    }

    private static String names(List<X509Certificate> certificates) {
        List<String> names = new ArrayList<>();
        for (X509Certificate c : certificates) {
            names.add(c.getSubjectX500Principal().getName());
        }
        return names.toString();
    }

    @Override
    public String toString() {
        return "TrustRoot(" + description + ")";
    }
}
