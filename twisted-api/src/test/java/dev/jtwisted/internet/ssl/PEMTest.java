package dev.jtwisted.internet.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.testing.TestCertificates;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PEMTest {
    @TempDir
    static Path dir;
    static TestCertificates pki;

    @BeforeAll
    static void makePki() {
        pki = TestCertificates.generate(dir);
    }

    @Nested
    class Certificates {
        @Test
        void readsACertificateWithItsSubjectAndIssuer() {
            X509Certificate c = PEM.readCertificates(pki.serverCert()).get(0);
            assertEquals("CN=localhost", c.getSubjectX500Principal().getName());
            assertEquals("CN=jtwisted test CA", c.getIssuerX500Principal().getName());
        }

        @Test
        void readsEveryCertificateOfAFileInOrderSkippingKeys() throws Exception {
            String pem = Files.readString(pki.serverKey()) + Files.readString(pki.serverCert())
                    + Files.readString(pki.caCert());
            List<X509Certificate> all = PEM.loadCertificates(pem);
            assertEquals(2, all.size());
            assertEquals("CN=jtwisted test CA", all.get(1).getSubjectX500Principal().getName());
        }

        @Test
        void aFileWithoutCertificatesIsRefusedNamingIt() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PEM.readCertificates(pki.serverKey()));
            assertEquals("no PEM certificate (BEGIN CERTIFICATE) in " + pki.serverKey(), e.getMessage());
        }

        @Test
        void aMissingFileIsAnUncheckedIOExceptionNamingIt() {
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> PEM.readCertificates(dir.resolve("nope.pem")));
            assertTrue(e.getMessage().startsWith("cannot read the certificate file " + dir.resolve("nope.pem")),
                    e.getMessage());
        }

        @Test
        void aCorruptCertificateIsRefusedSayingWhich() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PEM.loadCertificates("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
            assertTrue(e.getMessage().startsWith("certificate 1 in the PEM text is malformed"), e.getMessage());
        }
    }

    @Nested
    class PrivateKeys {
        @Test
        void readsAPkcs8EcKey() {
            assertEquals("EC", PEM.readPrivateKey(pki.serverKey()).getAlgorithm());
        }

        @Test
        void readsAPkcs1RsaKeyAsTheSameKeyAsItsPkcs8Form() throws Exception {
            assertTrue(Files.readString(pki.rsaServerKeyPkcs1()).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
            PrivateKey pkcs1 = PEM.readPrivateKey(pki.rsaServerKeyPkcs1());
            PrivateKey pkcs8 = PEM.readPrivateKey(pki.rsaServerKey());
            assertEquals("RSA", pkcs1.getAlgorithm());
            assertEquals(pkcs8, pkcs1);
        }

        @Test
        void readsASec1EcKeyAfterItsParametersBlock() throws Exception {
            assertTrue(Files.readString(pki.sec1Key()).startsWith("-----BEGIN EC PARAMETERS-----"));
            assertEquals("EC", PEM.readPrivateKey(pki.sec1Key()).getAlgorithm());
        }

        @Test
        void readsTheKeyOfAFileThatHoldsTheCertificateToo() throws Exception {
            String pem = Files.readString(pki.serverCert()) + Files.readString(pki.serverKey());
            assertEquals(PEM.readPrivateKey(pki.serverKey()), PEM.loadPrivateKey(pem));
        }

        @Test
        void anEncryptedKeyIsRefusedSayingHowToDecryptIt() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PEM.loadPrivateKey(
                    "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n"));
            assertTrue(e.getMessage().contains("is encrypted"), e.getMessage());
            assertTrue(e.getMessage().contains("openssl pkey"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> PEM.loadPrivateKey(
                    "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n"
                            + "-----END RSA PRIVATE KEY-----\n"));
            assertTrue(e.getMessage().contains("is encrypted"), e.getMessage());
        }

        @Test
        void aFileWithoutAKeyIsRefusedNamingIt() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PEM.readPrivateKey(pki.serverCert()));
            assertTrue(e.getMessage().startsWith("no PEM private key"), e.getMessage());
            assertTrue(e.getMessage().endsWith(" in " + pki.serverCert()), e.getMessage());
        }
    }

    @Nested
    class PrivateCertificates {
        @Test // Twisted: test_sslverify.OpenSSLOptionsTests (PrivateCertificate.loadPEM of key + cert)
        void loadsTheCertificateAndKeyOfOneText() throws Exception {
            PrivateCertificate pc = PrivateCertificate.loadPEM(
                    Files.readString(pki.serverKey()) + Files.readString(pki.serverCert()));
            assertEquals("CN=localhost", pc.certificate().getSubjectX500Principal().getName());
            assertEquals("EC", pc.privateKey().getAlgorithm());
        }

        @Test
        void loadsFromTwoFiles() {
            PrivateCertificate pc = PrivateCertificate.load(pki.clientCert(), pki.clientKey());
            assertEquals("CN=jtwisted test client", pc.certificate().getSubjectX500Principal().getName());
        }
    }

    @Nested
    class TrustRoots {
        @Test
        void aDirectoryGivesTheCertificatesOfItsPemFilesIgnoringOthers() throws Exception {
            Path cas = Files.createDirectory(dir.resolve("cas"));
            Files.copy(pki.caCert(), cas.resolve("a.pem"));
            Files.copy(pki.otherCaCert(), cas.resolve("b.PEM"));
            Files.copy(pki.caCert(), cas.resolve("c.crt"));
            Files.writeString(cas.resolve("junk.pem"), "not a certificate");
            TrustRoot root = TrustRoot.fromPEMDirectory(cas);
            assertEquals(2, root.certificates().size());
            assertEquals("CN=jtwisted test CA", root.certificates().get(0).getSubjectX500Principal().getName());
        }

        @Test
        void aDirectoryWithoutCertificatesIsRefused() throws Exception {
            Path empty = Files.createDirectory(dir.resolve("empty"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TrustRoot.fromPEMDirectory(empty));
            assertEquals("no PEM certificate in any .pem file of " + empty, e.getMessage());
        }

        @Test
        void thePlatformRootHasNoCertificatesOfItsOwn() {
            assertTrue(SSL.platformTrust().isPlatform());
            assertEquals(List.of(), SSL.platformTrust().certificates());
        }
    }
}
