package dev.jtwisted.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small PKI made at test time with the {@code openssl} command, so that no private key is ever
 * committed: a test CA, certificates it signs for a server ({@code localhost} and
 * {@code 127.0.0.1}), a client, a wrong host and an expired server, and a second CA nobody
 * trusts with a server certificate of its own. Keys are EC P-256 in PKCS#8 PEM ({@code BEGIN PRIVATE KEY}), except
 * the RSA server key kept in PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) and the SEC1 EC one
 * ({@code BEGIN EC PRIVATE KEY}), for the PEM reader's tests. Shared by the twisted-api,
 * netty-bridge and interop tests (through twisted-api's test jar).
 *
 * <pre>{@code
 * @TempDir static Path dir;
 * static TestCertificates pki;
 * @BeforeAll static void makePki() { pki = TestCertificates.generate(dir); }
 * }</pre>
 *
 * <p>Every file sits in {@code dir}; {@link #caDir()} and {@link #otherCaDir()} are directories
 * holding one CA certificate each, for {@code caCertsDir=} and {@code trustRoots=}.
 * Generating takes a few hundred milliseconds. Tests skip, saying why, without {@code openssl}.
 */
public final class TestCertificates {
    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /**
     * Makes the PKI in {@code dir} (which must exist).
     *
     * @throws org.opentest4j.TestAbortedException (skipping the test) if {@code openssl} cannot run
     */
    public static TestCertificates generate(Path dir) {
        assumeTrue(opensslRuns(), "the openssl command is needed to make test certificates: apt-get install openssl");
        TestCertificates pki = new TestCertificates(dir);
        try {
            Files.createDirectories(dir.resolve("ca"));
            Files.createDirectories(dir.resolve("other-ca"));
            pki.makeCa("ca", "jtwisted test CA");
            Files.copy(dir.resolve("ca.pem"), dir.resolve("ca").resolve("ca.pem"));
            pki.makeLeaf("server", "localhost", "ca", ec(), "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "extendedKeyUsage=serverAuth");
            pki.makeLeaf("client", "jtwisted test client", "ca", ec(), "subjectAltName=DNS:client.test",
                    "extendedKeyUsage=clientAuth");
            pki.makeLeaf("wrong-host", "wrong.example", "ca", ec(), "subjectAltName=DNS:wrong.example",
                    "extendedKeyUsage=serverAuth");
            pki.makeLeaf("expired", "localhost", "ca", ec(), "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "extendedKeyUsage=serverAuth");
            pki.makeLeaf("rsa-server", "localhost", "ca", List.of("-newkey", "rsa:2048"),
                    "subjectAltName=DNS:localhost,IP:127.0.0.1", "extendedKeyUsage=serverAuth");
            pki.openssl("pkey", "-in", "rsa-server.key", "-traditional", "-out", "rsa-server-pkcs1.key");
            pki.openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", "sec1.key");
            pki.makeCa("other-ca", "jtwisted untrusted CA");
            Files.copy(dir.resolve("other-ca.pem"), dir.resolve("other-ca").resolve("other-ca.pem"));
            pki.makeLeaf("untrusted", "localhost", "other-ca", ec(), "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "extendedKeyUsage=serverAuth");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make test certificates in " + dir, e);
        }
        return pki;
    }

    /** The directory everything is in. */
    public Path dir() {
        return dir;
    }

    /** The test CA's certificate (PEM). */
    public Path caCert() {
        return dir.resolve("ca.pem");
    }

    /** A directory holding only {@link #caCert()}, as {@code caCertsDir=} and {@code trustRoots=} take. */
    public Path caDir() {
        return dir.resolve("ca");
    }

    /** The server's certificate: CN and DNS name {@code localhost}, IP {@code 127.0.0.1}, signed by the CA. */
    public Path serverCert() {
        return dir.resolve("server.pem");
    }

    /** The server's EC key, PKCS#8 PEM. */
    public Path serverKey() {
        return dir.resolve("server.key");
    }

    /** The same names as {@link #serverCert()}, with an RSA key. */
    public Path rsaServerCert() {
        return dir.resolve("rsa-server.pem");
    }

    /** {@link #rsaServerCert()}'s key in PKCS#8 PEM. */
    public Path rsaServerKey() {
        return dir.resolve("rsa-server.key");
    }

    /** {@link #rsaServerCert()}'s key in PKCS#1 PEM ({@code BEGIN RSA PRIVATE KEY}). */
    public Path rsaServerKeyPkcs1() {
        return dir.resolve("rsa-server-pkcs1.key");
    }

    /** An EC key in SEC1 PEM ({@code BEGIN EC PRIVATE KEY}) after an {@code EC PARAMETERS} block; no certificate. */
    public Path sec1Key() {
        return dir.resolve("sec1.key");
    }

    /** A client certificate (CN "jtwisted test client", clientAuth), signed by the CA. */
    public Path clientCert() {
        return dir.resolve("client.pem");
    }

    public Path clientKey() {
        return dir.resolve("client.key");
    }

    /** A certificate for {@code wrong.example} only, signed by the CA. */
    public Path wrongHostCert() {
        return dir.resolve("wrong-host.pem");
    }

    public Path wrongHostKey() {
        return dir.resolve("wrong-host.key");
    }

    /** A certificate for {@code localhost}/127.0.0.1, signed by the CA, whose validity has ended. */
    public Path expiredCert() {
        return dir.resolve("expired.pem");
    }

    public Path expiredKey() {
        return dir.resolve("expired.key");
    }

    /** A second CA's certificate, which the tests never trust. */
    public Path otherCaCert() {
        return dir.resolve("other-ca.pem");
    }

    /** A directory holding only {@link #otherCaCert()}. */
    public Path otherCaDir() {
        return dir.resolve("other-ca");
    }

    /** A certificate for {@code localhost}/127.0.0.1 signed by the untrusted CA. */
    public Path untrustedCert() {
        return dir.resolve("untrusted.pem");
    }

    public Path untrustedKey() {
        return dir.resolve("untrusted.key");
    }

    private static List<String> ec() {
        return List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1");
    }

    private void makeCa(String name, String commonName) throws IOException {
        List<String> req = new ArrayList<>(List.of("req", "-new"));
        req.addAll(ec());
        req.addAll(List.of("-nodes", "-keyout", name + ".key", "-subj", "/CN=" + commonName, "-out", name + ".csr"));
        openssl(req.toArray(String[]::new));
        Files.writeString(dir.resolve(name + ".ext"), "basicConstraints=critical,CA:TRUE\n"
                + "keyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n");
        openssl("x509", "-req", "-in", name + ".csr", "-signkey", name + ".key", "-days", "2",
                "-extfile", name + ".ext", "-out", name + ".pem");
    }

    private void makeLeaf(String name, String commonName, String ca, List<String> newKey, String... extensions)
            throws IOException {
        List<String> req = new ArrayList<>(List.of("req", "-new"));
        req.addAll(newKey);
        req.addAll(List.of("-nodes", "-keyout", name + ".key", "-subj", "/CN=" + commonName, "-out", name + ".csr"));
        openssl(req.toArray(String[]::new));
        Files.writeString(dir.resolve(name + ".ext"), "basicConstraints=CA:FALSE\n"
                + "keyUsage=critical,digitalSignature,keyEncipherment\nauthorityKeyIdentifier=keyid\n"
                + String.join("\n", extensions) + "\n");
        // "-days -1" makes a certificate whose validity ended a day before it began: expired.
        openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key",
                "-set_serial", String.valueOf(Math.abs((long) name.hashCode()) + 1000),
                "-days", name.equals("expired") ? "-1" : "2",
                "-extfile", name + ".ext", "-out", name + ".pem");
    }

    private void openssl(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        // A few lines at most: the pipe cannot fill up before the process ends.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + command, e);
        }
    }

    private static boolean opensslRuns() {
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
