package dev.jtwisted.netty;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.IHandshakeListener;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.ISSLTransport;
import dev.jtwisted.internet.ITLSTransport;
import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.internet.ssl.CertificateOptions;
import dev.jtwisted.internet.ssl.IContextFactory;
import dev.jtwisted.internet.ssl.PEM;
import dev.jtwisted.internet.ssl.PrivateCertificate;
import dev.jtwisted.internet.ssl.SSL;
import dev.jtwisted.internet.ssl.SSLError;
import dev.jtwisted.internet.ssl.TrustRoot;
import dev.jtwisted.protocols.basic.LineReceiver;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.testing.TestCertificates;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code startTLS} on running connections, with a STARTTLS line protocol: the peer on the other
 * side is a plain JDK socket that reads the clear part itself and then layers the JDK's
 * {@code SSLSocket} over the same connection, so what went out in clear and what went out
 * encrypted is checked on the wire.
 *
 * <p>Twisted: {@code test_tls.StartTLSClientEndpointTests} and
 * {@code internet.test.test_tls.StartTLSClientCreator...} (a line protocol that switches).
 */
@Timeout(60)
class StartTlsIntegrationTest {
    @TempDir
    static Path dir;
    static TestCertificates pki;
    static X509Certificate ca;
    static CertificateOptions serverOptions;
    static SSLContext jdkServer;
    static SSLContext jdkClient;

    private final Reactors reactors = new Reactors();
    private NettyReactor reactor;

    @BeforeAll
    static void makePki() throws Exception {
        pki = TestCertificates.generate(dir);
        ca = PEM.readCertificates(pki.caCert()).get(0);
        PrivateCertificate server = PrivateCertificate.load(pki.serverCert(), pki.serverKey());
        serverOptions = server.options();

        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", server.privateKey(), new char[0], new Certificate[] {server.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        jdkServer = SSLContext.getInstance("TLS");
        jdkServer.init(kmf.getKeyManagers(), null, null);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        jdkClient = SSLContext.getInstance("TLS");
        jdkClient.init(null, tmf.getTrustManagers(), null);
    }

    @BeforeEach
    void start() {
        reactor = reactors.started(NettyReactor.builder().name("starttls"));
    }

    @AfterEach
    void stop() {
        reactors.close();
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    /**
     * The server side of the line protocol: echoes each line as "ECHO line"; answers "STARTTLS"
     * with "GO" and then starts TLS, in the same turn.
     */
    static class StartTlsServer extends LineReceiver implements IHandshakeListener {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final CompletableFuture<ISSLTransport> handshake = new CompletableFuture<>();
        final CompletableFuture<Failure> lost = new CompletableFuture<>();
        private final IContextFactory options;

        StartTlsServer(IContextFactory options) {
            this.options = options;
        }

        @Override
        public void lineReceived(byte[] line) {
            String text = decode(line);
            lines.add(text + (((ISSLTransport) transport).TLS() ? " (TLS)" : " (clear)"));
            if (text.equals("STARTTLS")) {
                sendLine("GO");
                ((ITLSTransport) transport).startTLS(options);
            } else {
                sendLine("ECHO " + text);
            }
        }

        @Override
        public void handshakeCompleted() {
            handshake.complete((ISSLTransport) transport);
        }

        @Override
        public void connectionLost(Failure reason) {
            lost.complete(reason);
        }
    }

    private int listen(IContextFactory options, CompletableFuture<StartTlsServer> built) {
        IListeningPort port = reactor.listenTCP(0, new ServerFactory() {
            @Override
            public dev.jtwisted.internet.IProtocol buildProtocol(dev.jtwisted.internet.IAddress addr) {
                StartTlsServer p = new StartTlsServer(options);
                built.complete(p);
                return p;
            }
        }, 50, "127.0.0.1");
        return ((IPv4Address) port.getHost()).port();
    }

    private static String readLine(InputStream in) throws Exception {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        String text = line.toString(US_ASCII);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Nested
    class OnTheServerSide {
        @Test
        void linesBeforeTheUpgradeTravelInClearAndLinesAfterItOnlyThroughTls() throws Exception {
            CompletableFuture<StartTlsServer> built = new CompletableFuture<>();
            int port = listen(serverOptions, built);
            try (Socket raw = new Socket("127.0.0.1", port)) {
                raw.setSoTimeout(10_000);
                OutputStream out = raw.getOutputStream();
                InputStream in = raw.getInputStream();
                out.write("hello\r\nSTARTTLS\r\n".getBytes(US_ASCII));
                out.flush();
                // Read byte by byte off the bare socket: the clear answers, and nothing more.
                assertEquals("ECHO hello", readLine(in));
                assertEquals("GO", readLine(in));
                assertEquals(0, in.available(), "nothing is sent after GO until the client's handshake");

                try (SSLSocket tls = (SSLSocket) jdkClient.getSocketFactory().createSocket(raw, "localhost", port,
                        true)) {
                    tls.startHandshake();
                    tls.getOutputStream().write("secret\r\n".getBytes(US_ASCII));
                    tls.getOutputStream().flush();
                    BufferedReader reader = new BufferedReader(new InputStreamReader(tls.getInputStream(), US_ASCII));
                    assertEquals("ECHO secret", reader.readLine());
                }
            }
            StartTlsServer server = get(built);
            assertTrue(get(server.handshake).TLS());
            assertEquals(List.of("hello (clear)", "STARTTLS (clear)", "secret (TLS)"), server.lines);
        }

        @Test
        void aClientThatFailsTheHandshakeReachesConnectionLostWithTheSslError() throws Exception {
            CompletableFuture<StartTlsServer> built = new CompletableFuture<>();
            int port = listen(serverOptions, built);
            try (Socket raw = new Socket("127.0.0.1", port)) {
                raw.setSoTimeout(10_000);
                raw.getOutputStream().write("STARTTLS\r\n".getBytes(US_ASCII));
                assertEquals("GO", readLine(raw.getInputStream()));
                raw.getOutputStream().write("this is no ClientHello\r\n".getBytes(US_ASCII));
                while (raw.getInputStream().read() >= 0) {
                    // Until the server closes.
                }
            }
            Failure lost = get(get(built).lost);
            assertInstanceOf(SSLError.class, lost.value(), lost::toString);
        }

        @Test
        void startingTlsTwiceIsRefused() throws Exception {
            CompletableFuture<StartTlsServer> built = new CompletableFuture<>();
            int port = listen(serverOptions, built);
            try (Socket raw = new Socket("127.0.0.1", port)) {
                raw.getOutputStream().write("STARTTLS\r\n".getBytes(US_ASCII));
                StartTlsServer server = get(built);
                assertEquals("GO", readLine(raw.getInputStream()));
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> Reactors.on(reactor,
                        () -> {
                            ((ITLSTransport) server.transport()).startTLS(serverOptions);
                            return null;
                        }));
                assertTrue(e.getMessage().startsWith("TLS has already started on "), e.getMessage());
            }
        }
    }

    /**
     * The client side: says hello and STARTTLS in clear, starts TLS on "GO", and once the
     * handshake is done sends "secret".
     */
    static class StartTlsClient extends LineReceiver implements IHandshakeListener {
        final CompletableFuture<String> echoedSecret = new CompletableFuture<>();
        final CompletableFuture<Failure> lost = new CompletableFuture<>();
        private final IContextFactory options;

        StartTlsClient(IContextFactory options) {
            this.options = options;
        }

        @Override
        public void connectionMade() {
            sendLine("hello");
            sendLine("STARTTLS");
        }

        @Override
        public void lineReceived(byte[] line) {
            String text = decode(line);
            if (text.equals("GO")) {
                ((ITLSTransport) transport).startTLS(options);
            } else if (text.startsWith("ECHO secret")) {
                echoedSecret.complete(text + " " + ((ISSLTransport) transport).getPeerCertificate()
                        .getSubjectX500Principal().getName());
            }
        }

        @Override
        public void handshakeCompleted() {
            sendLine("secret");
        }

        @Override
        public void connectionLost(Failure reason) {
            lost.complete(reason);
        }
    }

    @Nested
    class OnTheClientSide {
        @Test
        void theClientSwitchesAfterGoAndItsLaterLinesAreEncrypted() throws Exception {
            try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
                StartTlsClient client = new StartTlsClient(SSL.optionsForClientTLS("localhost", TrustRoot.of(ca)));
                reactor.connectTCP("127.0.0.1", listening.getLocalPort(), ClientFactory.forProtocol(() -> client));
                try (Socket raw = listening.accept()) {
                    raw.setSoTimeout(10_000);
                    InputStream in = raw.getInputStream();
                    assertEquals("hello", readLine(in));
                    assertEquals("STARTTLS", readLine(in));
                    raw.getOutputStream().write("GO\r\n".getBytes(US_ASCII));
                    raw.getOutputStream().flush();
                    int first = in.read();
                    assertEquals(0x16, first, "a TLS handshake record follows, not clear text");
                    try (SSLSocket tls = (SSLSocket) jdkServer.getSocketFactory().createSocket(raw,
                            new java.io.ByteArrayInputStream(new byte[] {(byte) first}), true)) {
                        tls.setUseClientMode(false);
                        tls.startHandshake();
                        BufferedReader reader = new BufferedReader(new InputStreamReader(tls.getInputStream(), US_ASCII));
                        assertEquals("secret", reader.readLine());
                        tls.getOutputStream().write("ECHO secret\r\n".getBytes(US_ASCII));
                        tls.getOutputStream().flush();
                        assertEquals("ECHO secret CN=localhost", get(client.echoedSecret));
                    }
                }
            }
        }

        @Test
        void aServerTheClientDoesNotTrustEndsTheConnectionWithTheSslError() throws Exception {
            CompletableFuture<StartTlsServer> built = new CompletableFuture<>();
            int port = listen(PrivateCertificate.load(pki.untrustedCert(), pki.untrustedKey()).options(), built);
            StartTlsClient client = new StartTlsClient(SSL.optionsForClientTLS("localhost", TrustRoot.of(ca)));
            reactor.connectTCP("127.0.0.1", port, ClientFactory.forProtocol(() -> client));
            Failure lost = get(client.lost);
            SSLError e = assertInstanceOf(SSLError.class, lost.value(), lost::toString);
            assertTrue(e.getMessage().contains("certification path"), e.getMessage());
            assertFalse(client.echoedSecret.isDone());
            assertInstanceOf(SSLError.class, get(get(built).lost).value());
        }
    }

    @Nested
    class BetweenTwoReactorSides {
        @Test
        void bothSidesOfJtwistedSwitchMidStream() throws Exception {
            CompletableFuture<StartTlsServer> built = new CompletableFuture<>();
            int port = listen(serverOptions, built);
            StartTlsClient client = new StartTlsClient(SSL.optionsForClientTLS("localhost", TrustRoot.of(ca)));
            reactor.connectTCP("127.0.0.1", port, ClientFactory.forProtocol(() -> client));
            assertEquals("ECHO secret CN=localhost", get(client.echoedSecret));
            assertEquals(List.of("hello (clear)", "STARTTLS (clear)", "secret (TLS)"), get(built).lines);
        }
    }
}
