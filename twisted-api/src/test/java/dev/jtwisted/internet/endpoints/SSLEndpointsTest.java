package dev.jtwisted.internet.endpoints;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.CannotListenError;
import dev.jtwisted.internet.Factory;
import dev.jtwisted.internet.IHandshakeListener;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IStreamClientEndpoint;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.ssl.CertificateOptions;
import dev.jtwisted.internet.ssl.ClientTLSOptions;
import dev.jtwisted.internet.ssl.SSLError;
import dev.jtwisted.internet.testing.MemoryReactor;
import dev.jtwisted.internet.testing.StringTransport;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.testing.LogCapture;
import dev.jtwisted.testing.TestCertificates;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ssl:} and {@code tls:} endpoints on a {@link MemoryReactor}: what the descriptions
 * read from their files and what they ask of the reactor. Ports Twisted's
 * {@code test_endpoints.ServerStringTests} (ssl), {@code SSLClientStringTests} and
 * {@code WrapClientTLSParserTests}; the handshakes themselves are netty-bridge's tests.
 */
class SSLEndpointsTest {
    @TempDir
    static Path dir;
    static TestCertificates pki;
    /** Key and certificate in one file, as Twisted's server.pem. */
    static Path combined;

    final MemoryReactor reactor = new MemoryReactor();

    @BeforeAll
    static void makePki() throws Exception {
        pki = TestCertificates.generate(dir);
        combined = dir.resolve("combined.pem");
        Files.writeString(combined, Files.readString(pki.serverKey()) + Files.readString(pki.serverCert()));
    }

    static String q(Path path) {
        return Endpoints.quoteStringArgument(path.toString());
    }

    static String subject(CertificateOptions options) {
        return options.certificate().getSubjectX500Principal().getName();
    }

    @Nested
    class Servers {
        private SSL4ServerEndpoint server(String description) {
            return assertInstanceOf(SSL4ServerEndpoint.class, Endpoints.serverFromString(reactor, description));
        }

        @Test // Twisted: ServerStringTests.test_ssl
        void anSslServerListensWithListenSSLAndItsFilesCertificate() {
            SSL4ServerEndpoint endpoint = server("ssl:1234:backlog=12:privateKey=" + q(pki.serverKey()) + ":certKey="
                    + q(pki.serverCert()) + ":sslmethod=TLSv1_2_METHOD:interface=10.0.0.1");
            Factory factory = Factory.forProtocol(Protocol::new);
            successResultOf(endpoint.listen(factory));
            MemoryReactor.SSLServer call = reactor.sslServers().get(0);
            assertEquals(1234, call.port());
            assertEquals(12, call.backlog());
            assertEquals("10.0.0.1", call.interfaceAddress());
            assertSame(factory, call.factory());
            CertificateOptions options = assertInstanceOf(CertificateOptions.class, call.contextFactory());
            assertEquals("CN=localhost", subject(options));
            assertEquals(List.of("TLSv1.2"), options.enabledVersions());
        }

        @Test // Twisted: ServerStringTests.test_sslWithDefaults
        void theCertificateDefaultsToTheKeyFileWhichMayHoldBoth() {
            SSL4ServerEndpoint endpoint = server("ssl:4321:privateKey=" + q(combined));
            successResultOf(endpoint.listen(Factory.forProtocol(Protocol::new)));
            MemoryReactor.SSLServer call = reactor.sslServers().get(0);
            assertEquals(50, call.backlog());
            assertEquals("", call.interfaceAddress());
            CertificateOptions options = (CertificateOptions) call.contextFactory();
            assertEquals("CN=localhost", subject(options));
            assertEquals(List.of(), options.enabledVersions());
        }

        @Test // Twisted: ServerStringTests.test_sslChainLoads
        void anExtraChainFileIsSentAfterTheCertificate() {
            SSL4ServerEndpoint endpoint = server("ssl:4321:privateKey=" + q(pki.serverKey()) + ":certKey="
                    + q(pki.serverCert()) + ":extraCertChain=" + q(pki.caCert()));
            CertificateOptions options = (CertificateOptions) endpoint.sslContextFactory();
            assertEquals(1, options.extraCertChain().size());
            assertEquals("CN=jtwisted test CA", options.extraCertChain().get(0).getSubjectX500Principal().getName());
        }

        @Test // Twisted: ServerStringTests.test_sslChainFileMustContainCert
        void aChainFileWithoutCertificatesIsRefusedNamingIt() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> server("ssl:4321:privateKey="
                    + q(pki.serverKey()) + ":certKey=" + q(pki.serverCert()) + ":extraCertChain=" + q(pki.serverKey())));
            assertEquals("no PEM certificate (BEGIN CERTIFICATE) in " + pki.serverKey(), e.getMessage());
        }

        @Test // Twisted: ServerStringTests.test_sslDHparameters
        void dhParametersMustExistAndAreThenLeftToTheJdk() throws Exception {
            Path dh = Files.writeString(dir.resolve("dh.pem"), "-----BEGIN DH PARAMETERS-----\n");
            LogCapture.clear();
            server("ssl:4321:privateKey=" + q(combined) + ":dhParameters=" + q(dh));
            assertEquals(1, LogCapture.containing("is not used: the JDK negotiates the RFC 7919 DHE groups").size());
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> server("ssl:4321:privateKey=" + q(combined) + ":dhParameters=" + q(dir.resolve("no-dh"))));
            assertTrue(e.getMessage().startsWith("cannot read the dhParameters file "), e.getMessage());
        }

        @Test
        void aMissingKeyFileFailsAtParsingNamingTheFile() {
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> server("ssl:4321:privateKey=" + q(dir.resolve("missing.pem"))));
            assertTrue(e.getMessage().contains(dir.resolve("missing.pem").toString()), e.getMessage());
        }

        @Test
        void aKeyThatDoesNotMatchTheCertificateIsRefused() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> server(
                    "ssl:4321:privateKey=" + q(pki.clientKey()) + ":certKey=" + q(pki.serverCert())));
            assertTrue(e.getMessage().contains("does not match the certificate of CN=localhost"), e.getMessage());
        }

        @Test
        void aServerThatCannotListenFailsItsDeferred() {
            reactor.setListenException(new CannotListenError("in use"));
            failureResultOf(server("ssl:4321:privateKey=" + q(combined)).listen(Factory.forProtocol(Protocol::new)),
                    CannotListenError.class);
        }
    }

    /** Records handshakeCompleted. */
    static final class Listening extends Protocol implements IHandshakeListener {
        boolean handshook;

        @Override
        public void handshakeCompleted() {
            handshook = true;
        }
    }

    @Nested
    class SslClients {
        @Test // Twisted: SSLClientStringTests.test_ssl
        void anSslClientConnectsWithConnectSSLVerifyingTheNamedHostAgainstItsCas() {
            IStreamClientEndpoint endpoint = Endpoints.clientFromString(reactor, "ssl:host=127.0.0.1:port=4321:hostname="
                    + "localhost:privateKey=" + q(pki.clientKey()) + ":certKey=" + q(pki.clientCert())
                    + ":bindAddress=10.0.0.3:timeout=3:caCertsDir=" + q(pki.caDir()));
            assertInstanceOf(SSL4ClientEndpoint.class, endpoint);
            Deferred<IProtocol> connected = endpoint.connect(Factory.forProtocol(Protocol::new));
            MemoryReactor.SSLClient call = reactor.sslClients().get(0);
            assertEquals("127.0.0.1", call.host());
            assertEquals(4321, call.port());
            assertEquals(3.0, call.timeout());
            assertEquals(new IPv4Address("TCP", "10.0.0.3", 0), call.bindAddress());
            ClientTLSOptions options = assertInstanceOf(ClientTLSOptions.class, call.contextFactory());
            assertEquals("localhost", options.hostname());
            assertEquals("CN=jtwisted test CA",
                    options.options().trustRoot().certificates().get(0).getSubjectX500Principal().getName());
            assertEquals("CN=jtwisted test client", subject(options.options()));
            assertNoResult(connected);
        }

        @Test // Twisted: SSLClientStringTests.test_sslWithDefaults (but verifying, unlike Twisted)
        void withoutHostnameTheHostIsVerifiedAgainstThePlatformsCas() {
            Endpoints.clientFromString(reactor, "ssl:example.net:4321").connect(Factory.forProtocol(Protocol::new));
            MemoryReactor.SSLClient call = reactor.sslClients().get(0);
            assertEquals(30.0, call.timeout());
            assertNull(call.bindAddress());
            ClientTLSOptions options = (ClientTLSOptions) call.contextFactory();
            assertEquals("example.net", options.hostname());
            assertTrue(options.options().trustRoot().isPlatform());
            assertNull(options.options().certificate());
        }

        @Test
        void theDeferredFiresWithTheProtocolAndPassesHandshakeCompletedOn() {
            Listening mine = new Listening();
            Deferred<Listening> connected = Endpoints.connectProtocol(
                    Endpoints.clientFromString(reactor, "ssl:example.net:4321"), mine);
            IProtocol built = reactor.sslClients().get(0).factory().buildProtocol(null);
            built.makeConnection(new StringTransport());
            assertSame(mine, successResultOf(connected));
            ((IHandshakeListener) built).handshakeCompleted();
            assertTrue(mine.handshook);
        }

        @Test
        void aFailedHandshakeFailsTheDeferredWithTheSslError() {
            Deferred<IProtocol> connected = Endpoints.clientFromString(reactor, "ssl:example.net:4321")
                    .connect(Factory.forProtocol(Protocol::new));
            reactor.sslClients().get(0).factory().clientConnectionFailed(reactor.sslConnectors().get(0),
                    new Failure(new SSLError("TLS handshake failed: no")));
            failureResultOf(connected, SSLError.class);
        }
    }

    @Nested
    class TlsClients {
        @Test // Twisted: WrapClientTLSParserTests.test_hostnameEndpointConstruction, test_tls
        void aTlsClientConnectsToItsHostVerifyingItsName() {
            Endpoints.clientFromString(reactor, "tls:localhost:4321:timeout=10:bindAddress=127.0.0.1:trustRoots="
                    + q(pki.caDir()) + ":certificate=" + q(pki.clientCert()) + ":privateKey=" + q(pki.clientKey()))
                    .connect(Factory.forProtocol(Protocol::new));
            MemoryReactor.SSLClient call = reactor.sslClients().get(0);
            assertEquals("localhost", call.host());
            assertEquals(4321, call.port());
            assertEquals(10.0, call.timeout());
            assertEquals(new IPv4Address("TCP", "127.0.0.1", 0), call.bindAddress());
            ClientTLSOptions options = (ClientTLSOptions) call.contextFactory();
            assertEquals("localhost", options.hostname());
            assertEquals(1, options.options().trustRoot().certificates().size());
            assertEquals("CN=jtwisted test client", subject(options.options()));
        }

        @Test // Twisted: WrapClientTLSParserTests.test_tlsWithDefaults
        void byDefaultItTrustsThePlatformsCas() {
            Endpoints.clientFromString(reactor, "tls:example.com:443").connect(Factory.forProtocol(Protocol::new));
            ClientTLSOptions options = (ClientTLSOptions) reactor.sslClients().get(0).contextFactory();
            assertEquals("example.com", options.hostname());
            assertTrue(options.options().trustRoot().isPlatform());
        }

        @Test // Twisted: WrapClientTLSParserTests (endpoint=)
        void overAnotherTcpEndpointItConnectsThereAndVerifiesTheHost() {
            Endpoints.clientFromString(reactor, "tls:localhost:443:endpoint=tcp\\:127.0.0.1\\:4321")
                    .connect(Factory.forProtocol(Protocol::new));
            MemoryReactor.SSLClient call = reactor.sslClients().get(0);
            assertEquals("127.0.0.1", call.host());
            assertEquals(4321, call.port());
            assertEquals("localhost", ((ClientTLSOptions) call.contextFactory()).hostname());
        }

        @Test
        void aCertificateFileWithoutItsKeyIsRefused() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Endpoints.clientFromString(
                    reactor, "tls:localhost:443:certificate=" + q(pki.clientCert())));
            assertTrue(e.getMessage().startsWith("no PEM private key"), e.getMessage());
        }
    }
}
