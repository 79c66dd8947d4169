package dev.jtwisted.internet.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.testing.TestCertificates;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateOptionsTest {
    @TempDir
    static Path dir;
    static TestCertificates pki;
    static PrivateCertificate server;
    static X509Certificate ca;

    @BeforeAll
    static void makePki() {
        pki = TestCertificates.generate(dir);
        server = PrivateCertificate.load(pki.serverCert(), pki.serverKey());
        ca = PEM.readCertificates(pki.caCert()).get(0);
    }

    @Nested
    class KeysAndCertificates {
        @Test // Twisted: OpenSSLOptionsTests.test_constructorWithOnlyPrivateKey
        void aKeyWithoutACertificateIsRefused() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CertificateOptions.builder().privateKey(server.privateKey()).build());
            assertEquals("Specify neither or both of privateKey and certificate", e.getMessage());
        }

        @Test // Twisted: OpenSSLOptionsTests.test_constructorWithOnlyCertificate
        void aCertificateWithoutAKeyIsRefused() {
            assertThrows(IllegalArgumentException.class,
                    () -> CertificateOptions.builder().certificate(server.certificate()).build());
        }

        @Test // Twisted: OpenSSLOptionsTests.test_constructorWithCertificateAndPrivateKey
        void aMatchingKeyAndCertificateAreKept() {
            CertificateOptions o = CertificateOptions.builder().privateCertificate(server).build();
            assertSame(server.privateKey(), o.privateKey());
            assertSame(server.certificate(), o.certificate());
            assertNull(o.trustRoot());
        }

        @Test // Twisted: the check_privatekey that CertificateOptions.getContext makes
        void aKeyOfAnotherCertificateIsRefusedNamingTheCertificate() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CertificateOptions
                    .builder().privateKey(PEM.readPrivateKey(pki.clientKey())).certificate(server.certificate())
                    .build());
            assertEquals("the private key (EC) does not match the certificate of CN=localhost", e.getMessage());
        }

        @Test
        void anRsaKeyIsCheckedAgainstItsCertificateToo() {
            CertificateOptions.builder().privateKey(PEM.readPrivateKey(pki.rsaServerKeyPkcs1()))
                    .certificate(PEM.readCertificates(pki.rsaServerCert()).get(0)).build();
            assertThrows(IllegalArgumentException.class, () -> CertificateOptions.builder()
                    .privateKey(PEM.readPrivateKey(pki.rsaServerKeyPkcs1())).certificate(server.certificate()).build());
        }

        @Test // Twisted: OpenSSLOptionsTests.test_extraChainFilesAreAddedIfSupplied
        void anExtraChainNeedsACertificate() {
            assertEquals(List.of(ca), CertificateOptions.builder().privateCertificate(server)
                    .extraCertChain(List.of(ca)).build().extraCertChain());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CertificateOptions.builder().extraCertChain(List.of(ca)).build());
            assertEquals("extraCertChain needs a certificate and privateKey", e.getMessage());
        }

        @Test
        void aKeyStoreEntryGivesTheKeyCertificateAndChain() throws Exception {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] password = "secret".toCharArray();
            ks.setKeyEntry("server", server.privateKey(), password, new Certificate[] {server.certificate(), ca});
            CertificateOptions o = CertificateOptions.builder().keyStore(ks, "server", password).build();
            assertEquals(server.certificate(), o.certificate());
            assertEquals(List.of(ca), o.extraCertChain());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CertificateOptions.builder().keyStore(ks, "nobody", password));
            assertEquals("the key store has no private-key entry 'nobody'", e.getMessage());
        }

        @Test
        void aTrustStoreGivesItsCertificateEntries() throws Exception {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("ca", ca);
            assertEquals(List.of(ca), TrustRoot.fromKeyStore(ks).certificates());
        }
    }

    @Nested
    class Verification {
        @Test // Twisted: PrivateCertificate.options(*authorities)
        void optionsWithAuthoritiesTrustThemAndRequireACertificate() {
            CertificateOptions o = server.options(ca);
            assertEquals(List.of(ca), o.trustRoot().certificates());
            assertTrue(o.requireCertificate());
            assertNull(server.options().trustRoot());
        }

        @Test // Twisted: test_sslverify.OpenSSLOptionsTests.test_optionsForClientTLS... defaults
        void optionsForClientTlsTrustThePlatformUnlessTold() {
            ClientTLSOptions o = SSL.optionsForClientTLS("example.com");
            assertEquals("example.com", o.hostname());
            assertTrue(o.options().trustRoot().isPlatform());
            assertNull(o.options().certificate());
            ClientTLSOptions mine = SSL.optionsForClientTLS("localhost", TrustRoot.of(ca),
                    PrivateCertificate.load(pki.clientCert(), pki.clientKey()), List.of("h2"));
            assertEquals(List.of(ca), mine.options().trustRoot().certificates());
            assertEquals("CN=jtwisted test client", mine.options().certificate().getSubjectX500Principal().getName());
            assertEquals(List.of("h2"), mine.options().acceptableProtocols());
        }

        @Test
        void aVerifyingClientNeedsATrustRoot() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ClientTLSOptions("example.com", CertificateOptions.builder().build()));
            assertTrue(e.getMessage().startsWith("a client that verifies the server needs a trust root"),
                    e.getMessage());
        }

        @Test
        void aCertificateMayBeMadeOptional() {
            assertFalse(CertificateOptions.builder().trustRoot(TrustRoot.of(ca)).requireCertificate(false).build()
                    .requireCertificate());
        }
    }

    @Nested
    class Versions {
        @Test
        void withNoVersionOptionTheJdkDefaultsApply() {
            assertEquals(List.of(), CertificateOptions.builder().build().enabledVersions());
        }

        @Test // Twisted: OpenSSLOptionsTests.test_tlsProtocolsAtLeastWithMinimum
        void raisingTheMinimumKeepsEverythingAboveIt() {
            assertEquals(List.of("TLSv1.3"),
                    CertificateOptions.builder().raiseMinimumTo(TLSVersion.TLSv1_3).build().enabledVersions());
        }

        @Test // Twisted: OpenSSLOptionsTests.test_tlsProtocolsAtLeastAllSecureTLS (raising below the default)
        void raisingTheMinimumBelowTheDefaultKeepsTheDefault() {
            assertEquals(List.of("TLSv1.2", "TLSv1.3"),
                    CertificateOptions.builder().raiseMinimumTo(TLSVersion.TLSv1_0).build().enabledVersions());
        }

        @Test // Twisted: OpenSSLOptionsTests.test_tlsProtocolsreduceToMaxWithoutMin
        void loweringBothEndsGivesTheRangeBetween() {
            assertEquals(List.of("TLSv1.1", "TLSv1.2"), CertificateOptions.builder()
                    .insecurelyLowerMinimumTo(TLSVersion.TLSv1_1).lowerMaximumSecurityTo(TLSVersion.TLSv1_2)
                    .build().enabledVersions());
            assertEquals(List.of("TLSv1.2"),
                    CertificateOptions.builder().lowerMaximumSecurityTo(TLSVersion.TLSv1_2).build().enabledVersions());
        }

        @Test // Twisted: OpenSSLOptionsTests.test_tlsVersionRangeInOrder
        void aMinimumAboveTheMaximumIsRefused() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CertificateOptions.builder()
                    .raiseMinimumTo(TLSVersion.TLSv1_3).lowerMaximumSecurityTo(TLSVersion.TLSv1_2).build());
            assertEquals("the minimum version (TLSv1_3) is above the maximum (TLSv1_2)", e.getMessage());
        }

        @Test // Twisted: OpenSSLOptionsTests.test_tlsProtocolsNoMethodWithAtLeast (both minimums: TypeError)
        void bothMinimumOptionsAtOnceAreRefused() {
            assertThrows(IllegalArgumentException.class, () -> CertificateOptions.builder()
                    .raiseMinimumTo(TLSVersion.TLSv1_3).insecurelyLowerMinimumTo(TLSVersion.TLSv1_0).build());
        }
    }

    @Nested
    class Alpn {
        @Test
        void protocolsKeepTheirOrder() {
            assertEquals(List.of("h2", "http/1.1"),
                    CertificateOptions.builder().acceptableProtocols("h2", "http/1.1").build().acceptableProtocols());
        }

        @Test
        void anEmptyProtocolNameIsRefused() {
            assertThrows(IllegalArgumentException.class, () -> CertificateOptions.builder().acceptableProtocols(""));
        }
    }
}
