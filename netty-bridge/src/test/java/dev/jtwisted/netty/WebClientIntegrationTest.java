package dev.jtwisted.netty;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.ConnectionRefusedError;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.defer.CancelledError;
import dev.jtwisted.internet.endpoints.Endpoints;
import dev.jtwisted.internet.ssl.PEM;
import dev.jtwisted.internet.ssl.SSLError;
import dev.jtwisted.internet.ssl.TrustRoot;
import dev.jtwisted.testing.TestCertificates;
import dev.jtwisted.web.client.Agent;
import dev.jtwisted.web.client.BrowserLikePolicyForHTTPS;
import dev.jtwisted.web.client.Client;
import dev.jtwisted.web.client.FileBodyProducer;
import dev.jtwisted.web.client.HTTPConnectionPool;
import dev.jtwisted.web.client.IResponse;
import dev.jtwisted.web.client.RedirectAgent;
import dev.jtwisted.web.client.ResponseFailed;
import dev.jtwisted.web.client.ResponseNeverReceived;
import dev.jtwisted.web.http_headers.Headers;
import dev.jtwisted.web.iweb.IRequest;
import dev.jtwisted.web.resource.Resource;
import dev.jtwisted.web.server.Server;
import dev.jtwisted.web.server.Site;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jtwisted {@link Agent} against a jtwisted {@link Site} through real sockets on 127.0.0.1,
 * over TCP and over TLS ({@code ssl:} server endpoints, a test CA).
 */
@Timeout(60)
class WebClientIntegrationTest {
    @TempDir
    static Path dir;
    static TestCertificates pki;

    private static final byte[] BIG = new byte[8 << 20];

    static {
        new Random(8).nextBytes(BIG);
    }

    private final Reactors reactors = new Reactors();
    private NettyReactor reactor;
    private final AtomicInteger connections = new AtomicInteger();
    private final CompletableFuture<Void> neverLost = new CompletableFuture<>();

    @BeforeAll
    static void makePki() {
        pki = TestCertificates.generate(dir);
    }

    @BeforeEach
    void setUp() {
        reactor = reactors.started(NettyReactor.builder().name("web-client"));
    }

    @AfterEach
    void tearDown() {
        reactors.close();
    }

    private Site site() {
        Resource root = new Resource();
        root.putChild("hello", new Resource() {
            public byte[] render_GET(IRequest request) {
                request.setHeader("x-seen-host", request.getHeader("host"));
                return "hello".getBytes(UTF_8);
            }
        });
        root.putChild("echo", new Resource() {
            public byte[] render_POST(IRequest request) throws IOException {
                request.setHeader("x-transfer-encoding", String.valueOf(request.getHeader("transfer-encoding")));
                return request.content().readAllBytes();
            }
        });
        root.putChild("big", new Resource() {
            public byte[] render_GET(IRequest request) {
                for (int i = 0; i < BIG.length; i += 65536) {
                    request.write(Arrays.copyOfRange(BIG, i, Math.min(BIG.length, i + 65536)));
                }
                request.finish();
                return Server.NOT_DONE_YET;
            }
        });
        root.putChild("redirect", new Resource() {
            public byte[] render_GET(IRequest request) {
                request.redirect("/hello");
                return "go to /hello".getBytes(UTF_8);
            }
        });
        root.putChild("never", new Resource() {
            public byte[] render_GET(IRequest request) {
                request.notifyFinish().addBoth(r -> neverLost.complete(null));
                return Server.NOT_DONE_YET;
            }
        });
        return new Site(root) {
            @Override
            public IProtocol buildProtocol(IAddress addr) {
                connections.incrementAndGet();
                return super.buildProtocol(addr);
            }
        };
    }

    private int listen(String description) throws Exception {
        IListeningPort port = Reactors.onDeferred(reactor,
                () -> Endpoints.serverFromString(reactor, description).listen(site()));
        return ((IPv4Address) port.getHost()).port();
    }

    private int listen() throws Exception {
        return listen("tcp:0:interface=127.0.0.1");
    }

    private byte[] get(Agent agent, String method, String url, IResponse[] response, FileBodyProducer body)
            throws Exception {
        return Reactors.onDeferred(reactor, () -> agent.request(method, url, null, body).addCallbackDeferring(r -> {
            if (response != null) {
                response[0] = r;
            }
            return Client.readBody(r);
        }));
    }

    private static Throwable cause(Exception e) {
        return e instanceof ExecutionException ? e.getCause() : e;
    }

    @Nested
    class OverTcp {
        @Test
        void aGetReadsStatusHeadersAndBody() throws Exception {
            int port = listen();
            IResponse[] r = new IResponse[1];
            byte[] body = get(new Agent(reactor), "GET", "http://127.0.0.1:" + port + "/hello", r, null);
            assertEquals("hello", new String(body, UTF_8));
            assertEquals(200, r[0].code());
            assertEquals("HTTP/1.1", r[0].version());
            assertEquals(5, r[0].length());
            assertEquals(List.of("127.0.0.1:" + port), r[0].headers().getRawHeaders("x-seen-host"));
            assertEquals(Server.version, r[0].headers().getLastRawHeader("server"));
        }

        @Test
        void aPostSendsItsBodyWithALengthOrChunked() throws Exception {
            int port = listen();
            byte[] data = Arrays.copyOf(BIG, 300_000);
            IResponse[] r = new IResponse[1];
            assertArrayEquals(data, get(new Agent(reactor), "POST", "http://127.0.0.1:" + port + "/echo", r,
                    FileBodyProducer.of(data)));
            assertEquals(List.of("null"), r[0].headers().getRawHeaders("x-transfer-encoding"));
            byte[] chunked = get(new Agent(reactor), "POST", "http://127.0.0.1:" + port + "/echo", r,
                    new FileBodyProducer(new ByteArrayInputStream(data), -1, 10_000));
            assertArrayEquals(data, chunked);
            assertEquals(List.of("chunked"), r[0].headers().getRawHeaders("x-transfer-encoding"));
        }

        @Test
        void aLargeStreamedBodyArrivesByteForByte() throws Exception {
            int port = listen();
            IResponse[] r = new IResponse[1];
            byte[] body = get(new Agent(reactor), "GET", "http://127.0.0.1:" + port + "/big", r, null);
            assertEquals(IResponse.UNKNOWN_LENGTH, r[0].length(), "chunked");
            assertArrayEquals(BIG, body);
        }

        @Test
        void aPoolUsesOneConnectionForSequentialRequests() throws Exception {
            int port = listen();
            HTTPConnectionPool pool = new HTTPConnectionPool(reactor);
            Agent agent = new Agent(reactor, pool);
            for (int i = 0; i < 10; i++) {
                assertEquals("hello", new String(get(agent, "GET", "http://127.0.0.1:" + port + "/hello", null, null), UTF_8));
            }
            get(agent, "GET", "http://127.0.0.1:" + port + "/big", null, null);
            assertEquals(1, connections.get());
            Reactors.onDeferred(reactor, pool::closeCachedConnections);
        }

        @Test
        void withoutAPoolEachRequestHasItsConnection() throws Exception {
            int port = listen();
            Agent agent = new Agent(reactor);
            for (int i = 0; i < 3; i++) {
                get(agent, "GET", "http://127.0.0.1:" + port + "/hello", null, null);
            }
            assertEquals(3, connections.get());
        }

        @Test
        void redirectsAreFollowed() throws Exception {
            int port = listen();
            IResponse[] r = new IResponse[1];
            HTTPConnectionPool pool = new HTTPConnectionPool(reactor);
            byte[] body = Reactors.onDeferred(reactor, () -> new RedirectAgent(new Agent(reactor, pool))
                    .request("GET", "http://127.0.0.1:" + port + "/redirect").addCallbackDeferring(resp -> {
                        r[0] = resp;
                        return Client.readBody(resp);
                    }));
            assertEquals("hello", new String(body, UTF_8));
            assertEquals(302, r[0].previousResponse().code());
            assertEquals("http://127.0.0.1:" + port + "/hello", r[0].request().absoluteURI());
            assertEquals(1, connections.get(), "the redirect's pooled connection is reused for its target");
            byte[] page = Reactors.onDeferred(reactor, () -> Client.getPage(reactor, "http://127.0.0.1:" + port + "/redirect"));
            assertEquals("hello", new String(page, UTF_8));
            Reactors.onDeferred(reactor, pool::closeCachedConnections);
        }

        @Test
        void getPageFailsWithTheStatusForA404() throws Exception {
            int port = listen();
            Exception e = assertThrows(Exception.class,
                    () -> Reactors.onDeferred(reactor, () -> Client.getPage(reactor, "http://127.0.0.1:" + port + "/nowhere")));
            dev.jtwisted.web.error.Error error = assertInstanceOf(dev.jtwisted.web.error.Error.class, cause(e));
            assertEquals(404, error.code());
            assertTrue(error.responseString().contains("No Such Resource"), error.responseString());
        }

        @Test
        void aRefusedConnectionFailsWithConnectionRefusedError() throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
                port = s.getLocalPort();
            }
            int p = port;
            Exception e = assertThrows(Exception.class,
                    () -> get(new Agent(reactor), "GET", "http://127.0.0.1:" + p + "/", null, null));
            assertInstanceOf(ConnectionRefusedError.class, cause(e));
        }

        @Test
        void aResponseTimeoutAbortsTheConnection() throws Exception {
            int port = listen();
            Exception e = assertThrows(Exception.class, () -> Reactors.onDeferred(reactor,
                    () -> new Agent(reactor).request("GET", "http://127.0.0.1:" + port + "/never").addTimeout(0.2, reactor)));
            ResponseNeverReceived never = assertInstanceOf(ResponseNeverReceived.class, cause(e));
            assertInstanceOf(CancelledError.class, never.reasons().get(0).value());
            neverLost.get(10, TimeUnit.SECONDS); // the server saw the connection go
        }
    }

    @Nested
    class OverTls {
        private String ssl(Path key, Path cert) {
            return "ssl:0:interface=127.0.0.1:privateKey=" + Endpoints.quoteStringArgument(key.toString())
                    + ":certKey=" + Endpoints.quoteStringArgument(cert.toString());
        }

        private Agent agent(HTTPConnectionPool pool) {
            TrustRoot ca = TrustRoot.of(PEM.readCertificates(pki.caCert()).get(0));
            return Agent.builder(reactor).contextFactory(new BrowserLikePolicyForHTTPS(ca)).pool(pool).build();
        }

        @Test // Site over ssl:
        void aSiteOverSslIsFetchedWithATrustedCa() throws Exception {
            int port = listen(ssl(pki.serverKey(), pki.serverCert()));
            HTTPConnectionPool pool = new HTTPConnectionPool(reactor);
            Agent agent = agent(pool);
            IResponse[] r = new IResponse[1];
            assertEquals("hello", new String(get(agent, "GET", "https://localhost:" + port + "/hello", r, null), UTF_8));
            assertArrayEquals(BIG, get(agent, "GET", "https://localhost:" + port + "/big", r, null));
            assertArrayEquals(Arrays.copyOf(BIG, 100_000), get(agent, "POST", "https://localhost:" + port + "/echo", r,
                    FileBodyProducer.of(Arrays.copyOf(BIG, 100_000))));
            assertEquals(1, connections.get());
            Reactors.onDeferred(reactor, pool::closeCachedConnections);
        }

        @Test
        void aCertificateForAnotherHostFailsWithAnSslError() throws Exception {
            int port = listen(ssl(pki.wrongHostKey(), pki.wrongHostCert()));
            Exception e = assertThrows(Exception.class,
                    () -> get(agent(null), "GET", "https://localhost:" + port + "/hello", null, null));
            ResponseFailed failed = assertInstanceOf(ResponseNeverReceived.class, cause(e));
            assertInstanceOf(SSLError.class, failed.reasons().get(0).value());
        }

        @Test
        void anUntrustedCaFailsWithAnSslError() throws Exception {
            int port = listen(ssl(pki.untrustedKey(), pki.untrustedCert()));
            Exception e = assertThrows(Exception.class,
                    () -> get(agent(null), "GET", "https://localhost:" + port + "/hello", null, null));
            ResponseFailed failed = assertInstanceOf(ResponseNeverReceived.class, cause(e));
            assertInstanceOf(SSLError.class, failed.reasons().get(0).value());
        }
    }
}
