package dev.jtwisted.netty;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.IConnector;
import dev.jtwisted.internet.IHalfCloseableProtocol;
import dev.jtwisted.internet.IHandshakeListener;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.ISSLTransport;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.internet.endpoints.Endpoints;
import dev.jtwisted.internet.endpoints.UNIXClientEndpoint;
import dev.jtwisted.internet.ssl.CertificateOptions;
import dev.jtwisted.internet.ssl.IContextFactory;
import dev.jtwisted.internet.ssl.PEM;
import dev.jtwisted.internet.ssl.PrivateCertificate;
import dev.jtwisted.internet.ssl.SSL;
import dev.jtwisted.internet.ssl.SSLError;
import dev.jtwisted.internet.ssl.TLSVersion;
import dev.jtwisted.internet.ssl.TrustRoot;
import dev.jtwisted.protocols.tls.TLSMemoryBIOFactory;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.testing.TestCertificates;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS through real sockets on 127.0.0.1: {@code listenSSL} and {@code connectSSL} with
 * certificates made at test time; handshakes, verification failures, client certificates, ALPN,
 * and what a broken peer does to a TLS port.
 *
 * <p>Twisted: the handshake and verification cases of {@code test_sslverify.py}
 * ({@code OpenSSLOptionsTests}, {@code ServiceIdentityTests}) and {@code test_tls.py}.
 */
@Timeout(60)
class TlsIntegrationTest {
    @TempDir
    static Path dir;
    static TestCertificates pki;
    static X509Certificate ca;
    static TrustRoot trustCa;
    static CertificateOptions serverOptions;

    private final Reactors reactors = new Reactors();
    private NettyReactor server;
    private NettyReactor client;

    @BeforeAll
    static void makePki() {
        pki = TestCertificates.generate(dir);
        ca = PEM.readCertificates(pki.caCert()).get(0);
        trustCa = TrustRoot.of(ca);
        serverOptions = PrivateCertificate.load(pki.serverCert(), pki.serverKey()).options();
    }

    @BeforeEach
    void start() {
        server = reactors.started(NettyReactor.builder().name("tls-server"));
        client = reactors.started(NettyReactor.builder().name("tls-client"));
    }

    @AfterEach
    void stop() {
        reactors.close();
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    /** A protocol whose events complete futures, in the order it records them. */
    static class Watched extends Protocol implements IHandshakeListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<ISSLTransport> made = new CompletableFuture<>();
        final CompletableFuture<ISSLTransport> handshake = new CompletableFuture<>();
        final CompletableFuture<Failure> lost = new CompletableFuture<>();
        final StringBuffer received = new StringBuffer();
        volatile CompletableFuture<String> gotExpected = new CompletableFuture<>();
        volatile String expected;
        /** Written in connectionMade, if set. */
        volatile String greeting;

        /** Waits for {@code text} from now on: forgets what was received so far. */
        Watched expecting(String text) {
            received.setLength(0);
            gotExpected = new CompletableFuture<>();
            expected = text;
            return this;
        }

        @Override
        public void connectionMade() {
            events.add("connectionMade");
            if (greeting != null) {
                transport.write(greeting.getBytes(US_ASCII));
            }
            made.complete((ISSLTransport) transport);
        }

        @Override
        public void handshakeCompleted() {
            events.add("handshakeCompleted");
            handshake.complete((ISSLTransport) transport);
        }

        @Override
        public void dataReceived(byte[] data) {
            received.append(new String(data, US_ASCII));
            if (received.toString().equals(expected)) {
                gotExpected.complete(expected);
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            events.add("connectionLost");
            lost.complete(reason);
        }
    }

    /** Writes back what it receives; remembers its transport. */
    static class Echo extends Watched {
        @Override
        public void dataReceived(byte[] data) {
            super.dataReceived(data);
            transport.write(data);
        }
    }

    /** A server factory that hands out the protocols it builds, in order. */
    static final class Served extends ServerFactory {
        final List<CompletableFuture<Watched>> built = new CopyOnWriteArrayList<>();
        private final Supplier<? extends Watched> make;

        Served(Supplier<? extends Watched> make) {
            this.make = make;
            for (int i = 0; i < 8; i++) {
                built.add(new CompletableFuture<>());
            }
        }

        @Override
        public dev.jtwisted.internet.IProtocol buildProtocol(dev.jtwisted.internet.IAddress addr) {
            Watched p = make.get();
            p.setFactory(this);
            for (CompletableFuture<Watched> f : built) {
                if (f.complete(p)) {
                    break;
                }
            }
            return p;
        }

        Watched connection(int n) throws Exception {
            return get(built.get(n));
        }
    }

    /** A client factory that records the protocol it built, or why the attempt failed. */
    static final class Connecting extends ClientFactory {
        final CompletableFuture<Watched> built = new CompletableFuture<>();
        final CompletableFuture<Failure> failed = new CompletableFuture<>();
        private final Watched protocol;

        Connecting(Watched protocol) {
            this.protocol = protocol;
        }

        @Override
        public dev.jtwisted.internet.IProtocol buildProtocol(dev.jtwisted.internet.IAddress addr) {
            built.complete(protocol);
            return protocol;
        }

        @Override
        public void clientConnectionFailed(IConnector connector, Failure reason) {
            failed.complete(reason);
        }
    }

    private int listenSSL(ServerFactory factory, IContextFactory options) {
        IListeningPort port = server.listenSSL(0, factory, options, 50, "127.0.0.1");
        return ((IPv4Address) port.getHost()).port();
    }

    private Connecting connectSSL(int port, Watched protocol, IContextFactory options) {
        Connecting factory = new Connecting(protocol);
        client.connectSSL("127.0.0.1", port, factory, options, 10, null);
        return factory;
    }

    private static SSLError sslError(Failure f) {
        return assertInstanceOf(SSLError.class, f.value(), f::toString);
    }

    @Nested
    class Handshakes {
        @Test
        void aClientThatVerifiesTheServerEchoesOverTls() throws Exception {
            Served served = new Served(Echo::new);
            int port = listenSSL(served, serverOptions);
            Watched c = new Watched().expecting("hello over TLS");
            connectSSL(port, c, SSL.optionsForClientTLS("localhost", trustCa));
            ISSLTransport t = get(c.made);
            t.write("hello over TLS".getBytes(US_ASCII));
            assertEquals("hello over TLS", get(c.gotExpected));
            assertTrue(t.TLS());
            assertEquals("CN=localhost", t.getPeerCertificate().getSubjectX500Principal().getName());
            Watched s = served.connection(0);
            assertTrue(get(s.made).TLS());
            assertNull(get(s.made).getPeerCertificate(), "the server asked for no client certificate");
            t.loseConnection();
            assertInstanceOf(ConnectionDone.class, get(c.lost).value());
            assertInstanceOf(ConnectionDone.class, get(s.lost).value());
        }

        @Test // Twisted: ServiceIdentityTests.test_IPv4AddressHostname (an IP is checked against IP names)
        void anIpAddressIsVerifiedAgainstTheCertificatesIpAddresses() throws Exception {
            int port = listenSSL(new Served(Echo::new), serverOptions);
            Watched c = new Watched().expecting("ip");
            connectSSL(port, c, SSL.optionsForClientTLS("127.0.0.1", trustCa));
            get(c.made).write("ip".getBytes(US_ASCII));
            assertEquals("ip", get(c.gotExpected));
        }

        @Test // Twisted: TLSMemoryBIOTests.test_writeBeforeHandshake, test_handshakeNotification
        void aServerIsConnectedAtAcceptAndWhatItWritesThenWaitsForTheHandshake() throws Exception {
            Served served = new Served(() -> {
                Watched w = new Watched();
                w.greeting = "220 welcome\r\n";
                return w;
            });
            int port = listenSSL(served, serverOptions);
            Watched c = new Watched().expecting("220 welcome\r\n");
            connectSSL(port, c, SSL.optionsForClientTLS("localhost", trustCa));
            assertEquals("220 welcome\r\n", get(c.gotExpected));
            Watched s = served.connection(0);
            get(s.handshake);
            assertEquals(List.of("connectionMade", "handshakeCompleted"), s.events);
            assertEquals(List.of("connectionMade", "handshakeCompleted"), c.events,
                    "a client is connected once the handshake is done, and hears of it right after");
        }

        @Test
        void anRsaKeyReadFromPkcs1Serves() throws Exception {
            CertificateOptions rsa = CertificateOptions.builder()
                    .privateKey(PEM.readPrivateKey(pki.rsaServerKeyPkcs1()))
                    .certificate(PEM.readCertificates(pki.rsaServerCert()).get(0)).build();
            int port = listenSSL(new Served(Echo::new), rsa);
            Watched c = new Watched().expecting("rsa");
            connectSSL(port, c, SSL.optionsForClientTLS("localhost", trustCa));
            get(c.made).write("rsa".getBytes(US_ASCII));
            assertEquals("rsa", get(c.gotExpected));
        }

        @Test // Twisted: CertificateOptions as a client context: verify=False
        void aClientWithCertificateOptionsAndNoTrustRootAcceptsAnyServer() throws Exception {
            CertificateOptions untrusted = PrivateCertificate.load(pki.untrustedCert(), pki.untrustedKey()).options();
            int port = listenSSL(new Served(Echo::new), untrusted);
            Watched c = new Watched().expecting("anything goes");
            connectSSL(port, c, CertificateOptions.builder().build());
            get(c.made).write("anything goes".getBytes(US_ASCII));
            assertEquals("anything goes", get(c.gotExpected));
        }

        @Test
        void versionBoundsAreKept() throws Exception {
            Served served = new Served(Echo::new);
            int port = listenSSL(served, serverOptions);
            Watched c = new Watched();
            connectSSL(port, c, SSL.optionsForClientTLS("localhost", trustCa));
            assertEquals("TLSv1.3", protocolOf(get(c.handshake)));
            Watched old = new Watched();
            CertificateOptions tls12 = CertificateOptions.builder().trustRoot(trustCa)
                    .lowerMaximumSecurityTo(TLSVersion.TLSv1_2).build();
            connectSSL(port, old, tls12);
            assertEquals("TLSv1.2", protocolOf(get(old.handshake)));
        }

        private String protocolOf(ISSLTransport t) {
            return ((SslHandler) ((ChannelTransport) t).channel.pipeline().get(Tls.HANDLER_NAME))
                    .engine().getSession().getProtocol();
        }
    }

    @Nested
    class VerificationFailures {
        @Test // Twisted: ServiceIdentityTests.test_invalidHostname
        void aCertificateForAnotherHostFailsTheConnectionNamingTheProblem() throws Exception {
            Served served = new Served(Watched::new);
            int port = listenSSL(served, PrivateCertificate.load(pki.wrongHostCert(), pki.wrongHostKey()).options());
            Connecting attempt = connectSSL(port, new Watched(), SSL.optionsForClientTLS("localhost", trustCa));
            SSLError e = sslError(get(attempt.failed));
            assertTrue(e.getMessage().startsWith("TLS handshake failed: "), e.getMessage());
            assertTrue(e.getMessage().contains("localhost"), e.getMessage());
            assertFalse(attempt.built.isDone(), "no protocol is built for a server that failed verification");
            sslError(get(served.connection(0).lost));
        }

        @Test // Twisted: ServiceIdentityTests.test_validHostnameInvalidCertificate
        void aServerWhoseCaIsNotTrustedFailsTheConnection() throws Exception {
            int port = listenSSL(new Served(Watched::new),
                    PrivateCertificate.load(pki.untrustedCert(), pki.untrustedKey()).options());
            Connecting attempt = connectSSL(port, new Watched(), SSL.optionsForClientTLS("localhost", trustCa));
            SSLError e = sslError(get(attempt.failed));
            assertTrue(e.getMessage().contains("certification path"), e.getMessage());
        }

        @Test
        void anExpiredCertificateFailsTheConnection() throws Exception {
            int port = listenSSL(new Served(Watched::new),
                    PrivateCertificate.load(pki.expiredCert(), pki.expiredKey()).options());
            Connecting attempt = connectSSL(port, new Watched(), SSL.optionsForClientTLS("localhost", trustCa));
            SSLError e = sslError(get(attempt.failed));
            assertTrue(e.getMessage().matches(".*(validity|expired|NotAfter).*"), e.getMessage());
        }

        @Test
        void thePlatformsCasDoNotTrustTheTestCa() throws Exception {
            int port = listenSSL(new Served(Watched::new), serverOptions);
            Connecting attempt = connectSSL(port, new Watched(), SSL.optionsForClientTLS("localhost"));
            sslError(get(attempt.failed));
        }

        @Test
        void aServerThatNeverAnswersTheHandshakeTimesOutWithTheConnectTimeout() throws Exception {
            try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
                Connecting factory = new Connecting(new Watched());
                client.connectSSL("127.0.0.1", silent.getLocalPort(), factory,
                        SSL.optionsForClientTLS("localhost", trustCa), 0.5, null);
                SSLError e = sslError(get(factory.failed));
                assertTrue(e.getMessage().contains("timed out"), e.getMessage());
            }
        }
    }

    @Nested
    class ClientCertificates {
        private CertificateOptions requiring() {
            return CertificateOptions.builder()
                    .privateCertificate(PrivateCertificate.load(pki.serverCert(), pki.serverKey()))
                    .trustRoot(trustCa).build();
        }

        @Test // Twisted: OpenSSLOptionsTests.test_successfulCertificateVerification (client side)
        void aServerThatRequiresOneSeesTheClientsCertificate() throws Exception {
            Served served = new Served(Echo::new);
            int port = listenSSL(served, requiring());
            Watched c = new Watched().expecting("mutual");
            connectSSL(port, c, SSL.optionsForClientTLS("localhost", trustCa,
                    PrivateCertificate.load(pki.clientCert(), pki.clientKey())));
            get(c.made).write("mutual".getBytes(US_ASCII));
            assertEquals("mutual", get(c.gotExpected));
            ISSLTransport s = get(served.connection(0).handshake);
            assertEquals("CN=jtwisted test client", s.getPeerCertificate().getSubjectX500Principal().getName());
        }

        @Test // Twisted: OpenSSLOptionsTests.test_refusedAnonymousClientConnection
        void aClientWithoutOneIsRefusedAndBothSidesHearWhy() throws Exception {
            Served served = new Served(Watched::new);
            int port = listenSSL(served, requiring());
            Watched c = new Watched();
            Connecting attempt = connectSSL(port, c, SSL.optionsForClientTLS("localhost", trustCa));
            SSLError onServer = sslError(get(served.connection(0).lost));
            assertTrue(onServer.getMessage().startsWith("TLS handshake failed"), onServer.getMessage());
            // In TLS 1.3 the client's half of the handshake is done before the server checks it,
            // so the client connects, then loses the connection to the server's alert.
            get(attempt.built);
            SSLError onClient = sslError(get(c.lost));
            // The JDK's server says bad_certificate; TLS 1.3 names certificate_required for it.
            assertTrue(onClient.getMessage().matches(".*(bad_certificate|certificate_required).*"),
                    onClient.getMessage());
        }

        @Test
        void overTls12AClientWithoutOneFailsToConnect() throws Exception {
            int port = listenSSL(new Served(Watched::new), requiring());
            CertificateOptions tls12 = CertificateOptions.builder().trustRoot(trustCa)
                    .lowerMaximumSecurityTo(TLSVersion.TLSv1_2).build();
            Connecting attempt = connectSSL(port, new Watched(), tls12);
            sslError(get(attempt.failed));
            assertFalse(attempt.built.isDone());
        }

        @Test
        void anOptionalOneMayBeLeftOut() throws Exception {
            Served served = new Served(Watched::new);
            CertificateOptions optional = CertificateOptions.builder()
                    .privateCertificate(PrivateCertificate.load(pki.serverCert(), pki.serverKey()))
                    .trustRoot(trustCa).requireCertificate(false).build();
            int port = listenSSL(served, optional);
            Watched c = new Watched();
            connectSSL(port, c, SSL.optionsForClientTLS("localhost", trustCa));
            get(c.handshake);
            assertNull(get(served.connection(0).handshake).getPeerCertificate());
        }
    }

    @Nested
    class Alpn {
        private CertificateOptions serverSpeaking(String... protocols) {
            return CertificateOptions.builder()
                    .privateCertificate(PrivateCertificate.load(pki.serverCert(), pki.serverKey()))
                    .acceptableProtocols(protocols).build();
        }

        @Test // Twisted: NPNOrALPNTests.test_NPNAndALPNSuccess
        void theServersPreferredCommonProtocolIsNegotiatedAndBothSidesSeeIt() throws Exception {
            Served served = new Served(Watched::new);
            int port = listenSSL(served, serverSpeaking("h2", "http/1.1"));
            Watched c = new Watched();
            connectSSL(port, c, SSL.optionsForClientTLS("localhost", trustCa, null, List.of("http/1.1", "h2")));
            assertEquals("h2", get(c.handshake).negotiatedProtocol());
            assertEquals("h2", get(served.connection(0).handshake).negotiatedProtocol());
        }

        @Test // Twisted: NPNOrALPNTests.test_NPNAndALPNNoAdvertise
        void aClientThatOffersNothingGetsNoProtocol() throws Exception {
            Served served = new Served(Watched::new);
            int port = listenSSL(served, serverSpeaking("h2"));
            Watched c = new Watched();
            connectSSL(port, c, SSL.optionsForClientTLS("localhost", trustCa));
            assertNull(get(c.handshake).negotiatedProtocol());
            assertNull(get(served.connection(0).handshake).negotiatedProtocol());
        }

        @Test // Twisted: NPNOrALPNTests.test_NPNAndALPNNoOverlap
        void noProtocolInCommonFailsTheConnection() throws Exception {
            int port = listenSSL(new Served(Watched::new), serverSpeaking("h2"));
            Connecting attempt = connectSSL(port, new Watched(),
                    SSL.optionsForClientTLS("localhost", trustCa, null, List.of("spdy/3")));
            sslError(get(attempt.failed));
        }
    }

    @Nested
    class Robustness {
        @Test
        void aPlaintextClientIsClosedWhileATlsClientOnTheSamePortGoesOn() throws Exception {
            Served served = new Served(Echo::new);
            int port = listenSSL(served, serverOptions);
            Watched good = new Watched().expecting("before");
            connectSSL(port, good, SSL.optionsForClientTLS("localhost", trustCa));
            ISSLTransport goodTransport = get(good.made);
            goodTransport.write("before".getBytes(US_ASCII));
            assertEquals("before", get(good.gotExpected));

            try (Socket plain = new Socket("127.0.0.1", port)) {
                plain.setSoTimeout(10_000);
                OutputStream out = plain.getOutputStream();
                out.write("GET / HTTP/1.0\r\n\r\n".getBytes(US_ASCII));
                out.flush();
                InputStream in = plain.getInputStream();
                while (in.read() >= 0) {
                    // Whatever the server says (an alert, if anything), it then closes.
                }
            }
            SSLError e = sslError(get(served.connection(1).lost));
            assertEquals("the peer does not speak TLS: what it sent is not a TLS record", e.getMessage());

            good.expecting("after");
            goodTransport.write("after".getBytes(US_ASCII));
            assertEquals("after", get(good.gotExpected));
            assertFalse(good.lost.isDone());
        }

        @Test // Twisted: TLSMemoryBIOTests.test_loseConnectionAfterHandshake... (close_notify is sent)
        void loseConnectionSendsCloseNotifyBeforeClosing() throws Exception {
            Served served = new Served(Watched::new);
            int port = listenSSL(served, serverOptions);
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            try {
                io.netty.handler.ssl.SslContext context = SslContextBuilder.forClient().trustManager(ca).build();
                CompletableFuture<SslHandler> handler = new CompletableFuture<>();
                Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                        .handler(new ChannelInitializer<Channel>() {
                            @Override
                            protected void initChannel(Channel c) {
                                SslHandler ssl = context.newHandler(c.alloc(), "localhost", port);
                                c.pipeline().addLast(ssl, new ChannelInboundHandlerAdapter() {
                                    @Override
                                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                        ReferenceCountUtil.release(msg);
                                    }
                                });
                                handler.complete(ssl);
                            }
                        }).connect("127.0.0.1", port).sync().channel();
                SslHandler ssl = get(handler);
                ssl.handshakeFuture().get(10, TimeUnit.SECONDS);
                ISSLTransport s = get(served.connection(0).handshake);
                s.loseConnection();
                // It succeeds only on the peer's close_notify; a bare TCP close fails it.
                ssl.sslCloseFuture().get(10, TimeUnit.SECONDS);
                assertTrue(ssl.sslCloseFuture().isSuccess());
                ch.closeFuture().get(10, TimeUnit.SECONDS);
                assertInstanceOf(ConnectionDone.class, get(served.connection(0).lost).value());
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            }
        }

        /**
         * Half-closeable: records readConnectionLost, answers it (the server side), and then
         * closes, as a half-closeable protocol must once both halves are done.
         */
        static class HalfCloser extends Watched implements IHalfCloseableProtocol {
            final CompletableFuture<String> readLost = new CompletableFuture<>();
            final boolean answer;

            HalfCloser(boolean answer) {
                this.answer = answer;
            }

            @Override
            public void readConnectionLost() {
                readLost.complete(received.toString());
                if (answer) {
                    transport.write(("got " + received).getBytes(US_ASCII));
                }
                transport.loseConnection();
            }

            @Override
            public void writeConnectionLost() {
                events.add("writeConnectionLost");
            }
        }

        @Test
        void loseWriteConnectionSendsCloseNotifyAndTheReplyStillComesBack() throws Exception {
            Served served = new Served(() -> new HalfCloser(true));
            int port = listenSSL(served, serverOptions);
            HalfCloser c = new HalfCloser(false);
            c.expecting("got request");
            connectSSL(port, c, SSL.optionsForClientTLS("localhost", trustCa));
            ISSLTransport t = get(c.made);
            t.write("request".getBytes(US_ASCII));
            t.loseWriteConnection();
            assertEquals("request", get(((HalfCloser) served.connection(0)).readLost));
            assertEquals("got request", get(c.gotExpected));
            assertInstanceOf(ConnectionDone.class, get(c.lost).value());
            assertTrue(c.events.contains("writeConnectionLost"), c.events::toString);
        }

        /** Streams {@code total} zero bytes with a push producer as fast as it may, then closes. */
        static final class StreamingServer extends Watched implements dev.jtwisted.internet.IPushProducer {
            final long total;
            long sent;
            boolean paused;
            int pauses;

            StreamingServer(long total) {
                this.total = total;
            }

            @Override
            public void connectionMade() {
                super.connectionMade();
                transport.registerProducer(this, true);
                resumeProducing();
            }

            @Override
            public void pauseProducing() {
                paused = true;
                pauses++;
            }

            @Override
            public void resumeProducing() {
                paused = false;
                while (!paused && sent < total) {
                    transport.write(new byte[16 * 1024]);
                    sent += 16 * 1024;
                }
                if (sent >= total) {
                    transport.unregisterProducer();
                    transport.loseConnection();
                }
            }

            @Override
            public void stopProducing() {}
        }

        @Test
        void aStreamingProducerIsPausedByTheTlsConnectionsBackPressure() throws Exception {
            long total = 8L << 20;
            Served served = new Served(() -> new StreamingServer(total));
            int port = listenSSL(served, serverOptions);
            java.util.concurrent.atomic.AtomicLong got = new java.util.concurrent.atomic.AtomicLong();
            Watched slow = new Watched() {
                long sinceBreak;

                @Override
                public void dataReceived(byte[] data) {
                    got.addAndGet(data.length);
                    sinceBreak += data.length;
                    if (sinceBreak >= 256 * 1024) {
                        sinceBreak = 0;
                        transport.pauseProducing();
                        client.callLater(0.002, transport::resumeProducing);
                    }
                }
            };
            connectSSL(port, slow, SSL.optionsForClientTLS("localhost", trustCa));
            assertInstanceOf(ConnectionDone.class, get(slow.lost).value());
            assertEquals(total, got.get());
            StreamingServer producer = (StreamingServer) served.connection(0);
            assertTrue(Reactors.on(server, () -> producer.pauses) > 0, "the producer was never paused");
        }

        @Test
        void loseWriteConnectionSendsCloseNotifyAndStillReads() throws Exception {
            Served served = new Served(() -> new Watched().expecting("still here"));
            int port = listenSSL(served, serverOptions);
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            try {
                io.netty.handler.ssl.SslContext context = SslContextBuilder.forClient().trustManager(ca).build();
                Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                        .option(io.netty.channel.ChannelOption.ALLOW_HALF_CLOSURE, true)
                        .handler(new ChannelInitializer<Channel>() {
                            @Override
                            protected void initChannel(Channel c) {
                                c.pipeline().addLast(context.newHandler(c.alloc(), "localhost", port));
                            }
                        }).connect("127.0.0.1", port).sync().channel();
                SslHandler ssl = ch.pipeline().get(SslHandler.class);
                ssl.handshakeFuture().get(10, TimeUnit.SECONDS);
                Watched s = served.connection(0);
                get(s.handshake).loseWriteConnection();
                ssl.sslCloseFuture().get(10, TimeUnit.SECONDS);
                assertTrue(ssl.sslCloseFuture().isSuccess(), "close_notify came before the FIN");
                ch.writeAndFlush(Unpooled.copiedBuffer("still here", US_ASCII)).sync();
                assertEquals("still here", get(s.gotExpected));
                assertFalse(s.lost.isDone());
                ch.close().sync();
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            }
        }

        @Test
        void aPeersCloseNotifyEndsTheConnectionCleanly() throws Exception {
            Served served = new Served(Watched::new);
            int port = listenSSL(served, serverOptions);
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            try {
                io.netty.handler.ssl.SslContext context = SslContextBuilder.forClient().trustManager(ca).build();
                Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                        .handler(new ChannelInitializer<Channel>() {
                            @Override
                            protected void initChannel(Channel c) {
                                c.pipeline().addLast(context.newHandler(c.alloc(), "localhost", port));
                            }
                        }).connect("127.0.0.1", port).sync().channel();
                SslHandler ssl = ch.pipeline().get(SslHandler.class);
                ssl.handshakeFuture().get(10, TimeUnit.SECONDS);
                ByteBuf hello = Unpooled.copiedBuffer("bye", US_ASCII);
                ch.writeAndFlush(hello).sync();
                // close_notify only: the TCP connection stays open until the server closes it.
                ssl.closeOutbound().sync();
                assertInstanceOf(ConnectionDone.class, get(served.connection(0).lost).value());
                assertEquals("bye", served.connection(0).received.toString());
                ch.closeFuture().get(10, TimeUnit.SECONDS);
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            }
        }
    }

    @Nested
    class EndpointDescriptions {
        private String q(Path path) {
            return Endpoints.quoteStringArgument(path.toString());
        }

        private int listen(String description, ServerFactory factory) throws Exception {
            IListeningPort port = Reactors.onDeferred(server,
                    () -> Endpoints.serverFromString(server, description).listen(factory));
            return ((IPv4Address) port.getHost()).port();
        }

        @Test
        void anSslServerAndATlsClientFromDescriptionsEcho() throws Exception {
            Served served = new Served(Echo::new);
            int port = listen("ssl:0:interface=127.0.0.1:privateKey=" + q(pki.serverKey()) + ":certKey="
                    + q(pki.serverCert()), served);
            Watched c = new Watched().expecting("described");
            Watched connected = Reactors.onDeferred(client, () -> Endpoints.connectProtocol(Endpoints.clientFromString(
                    client, "tls:localhost:" + port + ":trustRoots=" + q(pki.caDir())), c));
            assertTrue(get(c.handshake).TLS());
            connected.transport().write("described".getBytes(US_ASCII));
            assertEquals("described", get(c.gotExpected));
        }

        @Test
        void aTlsClientsConnectFailsWithTheSslErrorWhenTheServerHasAnotherName() throws Exception {
            int port = listen("ssl:0:interface=127.0.0.1:privateKey=" + q(pki.wrongHostKey()) + ":certKey="
                    + q(pki.wrongHostCert()), new Served(Watched::new));
            Watched c = new Watched();
            CompletableFuture<Failure> failed = new CompletableFuture<>();
            Reactors.on(client, () -> Endpoints.connectProtocol(Endpoints.clientFromString(client,
                    "tls:localhost:" + port + ":trustRoots=" + q(pki.caDir())), c).addErrback(f -> {
                        failed.complete(f);
                        return null;
                    }));
            SSLError e = sslError(get(failed));
            assertTrue(e.getMessage().startsWith("TLS handshake failed: "), e.getMessage());
            assertFalse(c.made.isDone());
        }

        @Test
        void anSslClientWithACertificateReachesAServerThatRequiresOne() throws Exception {
            Served served = new Served(Echo::new);
            CertificateOptions requiring = CertificateOptions.builder()
                    .privateCertificate(PrivateCertificate.load(pki.serverCert(), pki.serverKey()))
                    .trustRoot(trustCa).build();
            IListeningPort listening = Reactors.on(server, () -> server.listenSSL(0, served, requiring, 50, "127.0.0.1"));
            int port = ((IPv4Address) listening.getHost()).port();
            Watched c = new Watched();
            Reactors.onDeferred(client, () -> Endpoints.connectProtocol(Endpoints.clientFromString(client,
                    "ssl:127.0.0.1:" + port + ":hostname=localhost:caCertsDir=" + q(pki.caDir()) + ":certKey="
                            + q(pki.clientCert()) + ":privateKey=" + q(pki.clientKey())), c));
            assertEquals("CN=jtwisted test client",
                    get(served.connection(0).handshake).getPeerCertificate().getSubjectX500Principal().getName());
        }
    }

    @Nested
    class Wrappers {
        @Test // Twisted: TLSMemoryBIOFactory over a plain port, as ssl: endpoints were before listenSSL
        void aTlsMemoryBioFactoryOnAPlainTcpPortServesTls() throws Exception {
            Served served = new Served(Echo::new);
            IListeningPort listening = server.listenTCP(0, new TLSMemoryBIOFactory(serverOptions, false, served), 50,
                    "127.0.0.1");
            int port = ((IPv4Address) listening.getHost()).port();
            Watched c = new Watched().expecting("wrapped");
            connectSSL(port, c, SSL.optionsForClientTLS("localhost", trustCa));
            get(c.made).write("wrapped".getBytes(US_ASCII));
            assertEquals("wrapped", get(c.gotExpected));
            ISSLTransport s = get(served.connection(0).handshake);
            assertTrue(s.TLS());
        }

        @Test
        void wrapClientTlsOverAUnixEndpointConnectsOnceTheHandshakeIsDone() throws Exception {
            String path = Files.createTempDirectory(dir, "unix").resolve("tls.sock").toString();
            Served served = new Served(Echo::new);
            Reactors.on(server, () -> server.listenUNIX(path, new TLSMemoryBIOFactory(serverOptions, false, served)));
            Watched c = new Watched().expecting("over unix");
            Watched connected = Reactors.onDeferred(client, () -> Endpoints.connectProtocol(
                    Endpoints.wrapClientTLS(SSL.optionsForClientTLS("localhost", trustCa),
                            new UNIXClientEndpoint(client, path)), c));
            assertEquals(List.of("connectionMade", "handshakeCompleted"), c.events);
            assertEquals("CN=localhost", ((ISSLTransport) connected.transport()).getPeerCertificate()
                    .getSubjectX500Principal().getName());
            connected.transport().write("over unix".getBytes(US_ASCII));
            assertEquals("over unix", get(c.gotExpected));
        }

        @Test
        void wrapClientTlsOverAUnixEndpointFailsItsDeferredWhenTheHostIsWrong() throws Exception {
            String path = Files.createTempDirectory(dir, "unix").resolve("tls.sock").toString();
            Reactors.on(server, () -> server.listenUNIX(path, new TLSMemoryBIOFactory(
                    PrivateCertificate.load(pki.wrongHostCert(), pki.wrongHostKey()).options(), false,
                    new Served(Watched::new))));
            Watched c = new Watched();
            CompletableFuture<Failure> failed = new CompletableFuture<>();
            Reactors.on(client, () -> Endpoints.connectProtocol(Endpoints.wrapClientTLS(
                    SSL.optionsForClientTLS("localhost", trustCa), new UNIXClientEndpoint(client, path)), c)
                    .addErrback(f -> {
                        failed.complete(f);
                        return null;
                    }));
            sslError(get(failed));
            assertEquals(List.of(), c.events, "the wrapped protocol never connected");
        }
    }

    @Nested
    class Arguments {
        @Test
        void aClientsOptionsCannotServe() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> server.listenSSL(0, new Served(Watched::new), SSL.optionsForClientTLS("localhost", trustCa)));
            assertTrue(e.getMessage().contains("is the client side of TLS and cannot serve"), e.getMessage());
        }

        @Test
        void aServerNeedsACertificate() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> server.listenSSL(0, new Served(Watched::new), CertificateOptions.builder().build()));
            assertTrue(e.getMessage().startsWith("a TLS server needs a certificate and private key"), e.getMessage());
        }
    }
}
