package dev.jtwisted.netty;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.ConnectionLost;
import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.endpoints.Endpoints;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.testing.LogCapture;
import dev.jtwisted.web.iweb.Cookie;
import dev.jtwisted.web.iweb.IRequest;
import dev.jtwisted.web.resource.Resource;
import dev.jtwisted.web.server.Server;
import dev.jtwisted.web.server.Site;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A Site on the Netty reactor, spoken to byte by byte over real sockets on 127.0.0.1. */
@Timeout(30)
class WebIntegrationTest {
    private final Reactors reactors = new Reactors();
    private NettyReactor reactor;
    private final Resource root = new Resource();
    /** Completed with the reason when a {@code /slow} request's client goes away. */
    private final CompletableFuture<Failure> slowLost = new CompletableFuture<>();
    private final List<String> order = new ArrayList<>();

    /** A leaf rendering GET with {@code f}. */
    private static Resource leaf(java.util.function.Function<IRequest, String> f) {
        return new Resource() {
            {
                isLeaf = true;
            }

            public byte[] render_GET(IRequest request) {
                return f.apply(request).getBytes(UTF_8);
            }
        };
    }

    @BeforeEach
    void setUp() {
        LogCapture.clear();
        reactor = reactors.started(NettyReactor.builder().name("web"));
        root.putChild("hello", leaf(r -> {
            order.add(r.uri());
            return "hello";
        }));
        root.putChild("echo", new Resource() {
            public byte[] render_POST(IRequest request) throws IOException {
                return ("args=" + request.args() + " body=" + new String(request.content().readAllBytes(), UTF_8))
                        .getBytes(UTF_8);
            }
        });
        root.putChild("later", new Resource() {
            public byte[] render_GET(IRequest request) {
                order.add(request.uri());
                reactor.callLater(0.05, () -> {
                    request.write("slow ".getBytes(UTF_8));
                    request.write("but sure".getBytes(UTF_8));
                    request.finish();
                });
                return Server.NOT_DONE_YET;
            }
        });
        root.putChild("slow", new Resource() {
            public byte[] render_GET(IRequest request) {
                request.notifyFinish().addCallbacks(x -> {
                    slowLost.complete(null);
                    return null;
                }, f -> {
                    slowLost.complete(f);
                    return null;
                });
                return Server.NOT_DONE_YET;
            }
        });
        root.putChild("deferred", new Resource() {
            public byte[] render_GET(IRequest request) {
                Deferred<String> d = new Deferred<>();
                reactor.callLater(0.01, () -> d.callback("from a Deferred"));
                d.addCallback(s -> {
                    request.setHeader("content-type", "text/plain");
                    request.write(s.getBytes(UTF_8));
                    request.finish();
                    return null;
                }).addErrback(request::processingFailed);
                return Server.NOT_DONE_YET;
            }
        });
        root.putChild("boom", new Resource() {
            public byte[] render_GET(IRequest request) {
                throw new IllegalStateException("kaboom in render");
            }
        });
        root.putChild("cookie", leaf(r -> {
            r.addCookie("flavour", "oat", new Cookie().path("/").httpOnly(true));
            return "you sent " + r.getCookie("id");
        }));
    }

    @AfterEach
    void tearDown() {
        reactors.close();
    }

    private int listen(Site site) throws Exception {
        IListeningPort port = Reactors.onDeferred(reactor,
                () -> Endpoints.serverFromString(reactor, "tcp:0:interface=127.0.0.1").listen(site));
        return ((IPv4Address) port.getHost()).port();
    }

    private int listen() throws Exception {
        return listen(new Site(root));
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    @Nested
    class Basics {
        @Test
        void aGetIsAnsweredWithItsLengthAndTheConnectionStaysOpen() throws Exception {
            try (RawHttp c = new RawHttp(listen())) {
                RawHttp.Response r = c.exchange(get("/hello"));
                assertEquals("HTTP/1.1 200 OK", r.statusLine);
                assertEquals("5", r.header("content-length"));
                assertEquals("text/html", r.header("content-type"));
                assertEquals(Server.version, r.header("server"));
                assertEquals("hello", r.body());
                assertEquals("hello", c.exchange(get("/hello")).body()); // same connection
            }
        }

        @Test
        void aPostBodyAndItsFormFieldsReachTheResource() throws Exception {
            try (RawHttp c = new RawHttp(listen())) {
                String body = "a=1&b=two+words";
                RawHttp.Response r = c.exchange("POST /echo?q=x HTTP/1.1\r\nHost: h\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                        + "\r\n\r\n" + body);
                assertEquals(200, r.code);
                assertEquals("args={q=[x], a=[1], b=[two words]} body=a=1&b=two+words", r.body());
            }
        }

        @Test
        void aChunkedRequestBodyIsReassembled() throws Exception {
            try (RawHttp c = new RawHttp(listen())) {
                RawHttp.Response r = c.exchange("POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
                assertEquals("args={} body=hello world", r.body());
            }
        }

        @Test
        void unknownPathsAndMethodsAre404And405() throws Exception {
            try (RawHttp c = new RawHttp(listen())) {
                assertEquals(404, c.exchange(get("/nowhere")).code);
                RawHttp.Response r = c.exchange("PUT /hello HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
                assertEquals(405, r.code);
                assertEquals("GET, HEAD", r.header("allow"));
                assertEquals(200, c.exchange(get("/hello")).code);
            }
        }

        @Test
        void headGetsTheHeadersOnlyAndTheConnectionGoesOn() throws Exception {
            try (RawHttp c = new RawHttp(listen())) {
                RawHttp.Response r = c.exchange("HEAD /hello HTTP/1.1\r\nHost: h\r\n\r\n");
                assertEquals(200, r.code);
                assertEquals("5", r.header("content-length"));
                assertEquals("hello", c.exchange(get("/hello")).body());
            }
        }

        @Test
        void aRenderExceptionIs500WithTheTracebackLoggedNotSent() throws Exception {
            try (RawHttp c = new RawHttp(listen())) {
                RawHttp.Response r = c.exchange(get("/boom"));
                assertEquals(500, r.code);
                assertFalse(r.body().contains("kaboom"), r.body());
                assertTrue(r.body().contains("Processing Failed"), r.body());
                LogCapture.LogEvent e = LogCapture.awaitEvent(
                        x -> x.message().contains("Unhandled error while rendering"), Duration.ofSeconds(5));
                assertTrue(e.message().contains("uri=/boom"), e.message());
                assertEquals("kaboom in render", e.throwable().getMessage());
                assertEquals(200, c.exchange(get("/hello")).code); // the connection survives
            }
        }

        @Test
        void cookiesComeInAndGoOut() throws Exception {
            try (RawHttp c = new RawHttp(listen())) {
                RawHttp.Response r = c.exchange("GET /cookie HTTP/1.1\r\nHost: h\r\nCookie: id=42; other=x\r\n\r\n");
                assertEquals("you sent 42", r.body());
                assertEquals("flavour=oat; Path=/; HttpOnly", r.header("set-cookie"));
            }
        }

        @Test
        void eachFinishedRequestIsAccessLogged() throws Exception {
            try (RawHttp c = new RawHttp(listen())) {
                c.exchange("GET /hello?x=1 HTTP/1.1\r\nHost: h\r\nUser-Agent: raw/1\r\n\r\n");
                LogCapture.LogEvent e = LogCapture.awaitEvent(x -> x.logger().equals(Site.ACCESS_LOG), Duration.ofSeconds(5));
                assertTrue(e.message().matches("127\\.0\\.0\\.1 - - \\[.*\\] \"GET /hello\\?x=1 HTTP/1\\.1\" 200 5 \"-\" \"raw/1\""),
                        e.message());
            }
        }
    }

    @Nested
    class LaterResponses {
        @Test
        void aResponseFinishedFromCallLaterIsChunked() throws Exception {
            try (RawHttp c = new RawHttp(listen())) {
                RawHttp.Response r = c.exchange(get("/later"));
                assertEquals("chunked", r.header("transfer-encoding"));
                assertNull(r.header("content-length"));
                assertEquals(List.of(5, 8), r.chunkSizes);
                assertEquals("slow but sure", r.body());
                assertEquals("hello", c.exchange(get("/hello")).body());
            }
        }

        @Test
        void aResponseFinishedFromADeferredArrives() throws Exception {
            try (RawHttp c = new RawHttp(listen())) {
                RawHttp.Response r = c.exchange(get("/deferred"));
                assertEquals("from a Deferred", r.body());
                assertEquals("text/plain", r.header("content-type"));
            }
        }

        @Test
        void notifyFinishFailsWhenTheClientGoesAway() throws Exception {
            int port = listen();
            RawHttp c = new RawHttp(port);
            c.send(get("/slow"));
            // A second connection's answer means the reactor has read the first's request too.
            try (RawHttp other = new RawHttp(port)) {
                assertEquals(200, other.exchange(get("/hello")).code);
            }
            c.socket.setSoLinger(true, 0);
            c.close();
            Failure f = slowLost.get(10, TimeUnit.SECONDS);
            assertTrue(f.check(ConnectionLost.class, ConnectionDone.class) != null, f.toString());
        }

        @Test
        void pipelinedRequestsAreAnsweredInOrderEvenWhenTheFirstIsSlow() throws Exception {
            try (RawHttp c = new RawHttp(listen())) {
                c.send(get("/later?1") + get("/hello?2") + "HEAD /hello?3 HTTP/1.1\r\nHost: h\r\n\r\n" + get("/hello?4"));
                assertEquals("slow but sure", c.read().body());
                assertEquals("hello", c.read().body());
                assertEquals("5", c.read(true).header("content-length"));
                assertEquals("hello", c.read().body());
                assertEquals(List.of("/later?1", "/hello?2", "/hello?3", "/hello?4"), order);
            }
        }

        @Test
        void manyPipelinedRequestsInOneWriteAllGetAnswers() throws Exception {
            try (RawHttp c = new RawHttp(listen())) {
                StringBuilder all = new StringBuilder();
                for (int i = 0; i < 200; i++) {
                    all.append(get("/hello?" + i));
                }
                c.send(all.toString());
                for (int i = 0; i < 200; i++) {
                    assertEquals("hello", c.read().body());
                }
                c.send(get("/hello"));
                assertEquals("hello", c.read().body());
            }
        }
    }

    @Nested
    class Versions {
        @Test
        void http10IsAnsweredInKindAndClosed() throws Exception {
            try (RawHttp c = new RawHttp(listen())) {
                RawHttp.Response r = c.exchange("GET /hello HTTP/1.0\r\n\r\n");
                assertEquals("HTTP/1.0 200 OK", r.statusLine);
                assertEquals("hello", r.body());
                assertTrue(c.closedByServer());
            }
        }

        @Test
        void anHttp10ResponseWithoutLengthEndsWithTheConnection() throws Exception {
            try (RawHttp c = new RawHttp(listen())) {
                RawHttp.Response r = c.exchange("GET /later HTTP/1.0\r\n\r\n");
                assertNull(r.header("transfer-encoding"));
                assertEquals("slow but sure", r.body());
            }
        }

        @Test
        void connectionCloseIsHonouredAndAnswered() throws Exception {
            try (RawHttp c = new RawHttp(listen())) {
                RawHttp.Response r = c.exchange("GET /hello HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
                assertEquals("close", r.header("connection"));
                assertTrue(c.closedByServer());
            }
        }

        @Test
        void expect100ContinueGetsAContinueBeforeTheBodyIsSent() throws Exception {
            try (RawHttp c = new RawHttp(listen())) {
                c.send("POST /echo HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
                assertEquals("HTTP/1.1 100 Continue", c.read().statusLine);
                c.send("data");
                assertEquals("args={} body=data", c.read().body());
            }
        }

        @Test
        void anUnknownVersionIs505() throws Exception {
            try (RawHttp c = new RawHttp(listen())) {
                assertEquals(505, c.exchange("GET /hello HTTP/2.0\r\n\r\n").code);
                assertTrue(c.closedByServer());
            }
        }
    }

    @Nested
    class BadRequests {
        private Site limited() {
            return new Site(root) {
                {
                    maxRequestBodySize = 100;
                    totalHeadersSize = 1024;
                    maxRequestLineLength = 256;
                }
            };
        }

        private void assertRejected(int port, String request, int code) throws Exception {
            try (RawHttp c = new RawHttp(port)) {
                c.send(request);
                RawHttp.Response r = c.read();
                assertEquals(code, r.code, r.toString());
                assertEquals("close", r.header("connection"));
                assertTrue(c.closedByServer());
            }
            // The server goes on serving others.
            try (RawHttp c = new RawHttp(port)) {
                assertEquals("hello", c.exchange(get("/hello")).body());
            }
        }

        @Test
        void garbageIs400() throws Exception {
            assertRejected(listen(), "THIS IS NOT HTTP\r\n\r\n", 400);
        }

        @Test
        void aBadContentLengthIs400() throws Exception {
            assertRejected(listen(), "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: many\r\n\r\n", 400);
        }

        @Test
        void aBadChunkIs400() throws Exception {
            assertRejected(listen(), "POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400);
        }

        @Test
        void aDeclaredBodyOverTheLimitIs413BeforeItIsSent() throws Exception {
            assertRejected(listen(limited()), "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 101\r\n\r\n", 413);
        }

        @Test
        void aChunkedBodyOverTheLimitIs413() throws Exception {
            String chunk = "x".repeat(60);
            assertRejected(listen(limited()), "POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3c\r\n" + chunk + "\r\n3c\r\n" + chunk + "\r\n0\r\n\r\n", 413);
        }

        @Test
        void a100ContinueOverTheLimitIs413WithoutAContinue() throws Exception {
            assertRejected(listen(limited()), "POST /echo HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\n"
                    + "Content-Length: 1000000\r\n\r\n", 413);
        }

        @Test
        void aClientStillSendingItsBodyReadsThe413() throws Exception {
            int port = listen(limited());
            try (RawHttp c = new RawHttp(port)) {
                c.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 1000000\r\n\r\n");
                c.send(new byte[200_000]); // the server is not reading it: it lingers and drops it
                assertEquals(413, c.read().code);
            }
        }

        @Test
        void headersOverTheLimitAre431() throws Exception {
            assertRejected(listen(limited()), "GET /hello HTTP/1.1\r\nHost: h\r\nX-Big: " + "y".repeat(2000) + "\r\n\r\n", 431);
        }

        @Test
        void aRequestLineOverTheLimitIs414() throws Exception {
            assertRejected(listen(limited()), get("/hello?" + "q".repeat(400)), 414);
        }

        @Test
        void aBadRequestAfterAGoodOneIsAnsweredInTurn() throws Exception {
            try (RawHttp c = new RawHttp(listen())) {
                c.send(get("/later") + "BROKEN\r\n\r\n");
                assertEquals("slow but sure", c.read().body());
                assertEquals(400, c.read().code);
                assertTrue(c.closedByServer());
            }
        }
    }

    @Nested
    class StaticFiles {
        private java.nio.file.Path dir;
        private byte[] big;

        @BeforeEach
        void files(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws IOException {
            dir = java.nio.file.Files.createDirectory(tmp.resolve("www"));
            big = new byte[(1 << 20) + 12345];
            new java.util.Random(7).nextBytes(big);
            java.nio.file.Files.write(dir.resolve("big.bin"), big);
            java.nio.file.Files.writeString(dir.resolve("site.css"), "body {}");
            java.nio.file.Files.createDirectory(dir.resolve("sub"));
            java.nio.file.Files.writeString(tmp.resolve("secret.txt"), "the secret");
            root.putChild("static", new dev.jtwisted.web.static_.File(dir));
        }

        @Test
        void aLargeFileArrivesWholeAndTheConnectionGoesOn() throws Exception {
            try (RawHttp c = new RawHttp(listen())) {
                RawHttp.Response r = c.exchange(get("/static/big.bin"));
                assertEquals(200, r.code);
                assertEquals(Integer.toString(big.length), r.header("content-length"));
                org.junit.jupiter.api.Assertions.assertArrayEquals(big, r.body);
                RawHttp.Response css = c.exchange(get("/static/site.css"));
                assertEquals("text/css", css.header("content-type"));
                assertEquals("body {}", css.body());
            }
        }

        @Test
        void aRangeIsServed() throws Exception {
            try (RawHttp c = new RawHttp(listen())) {
                RawHttp.Response r = c.exchange("GET /static/big.bin HTTP/1.1\r\nHost: h\r\nRange: bytes=1000-1999\r\n\r\n");
                assertEquals(206, r.code);
                assertEquals("bytes 1000-1999/" + big.length, r.header("content-range"));
                org.junit.jupiter.api.Assertions.assertArrayEquals(java.util.Arrays.copyOfRange(big, 1000, 2000), r.body);
            }
        }

        @Test
        void noPathLeavesTheRoot() throws Exception {
            int port = listen();
            for (String path : List.of("/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/..%2fsecret.txt",
                    "/static/%2E%2E%2Fsecret.txt", "/static/sub/../../secret.txt", "/static/..%5csecret.txt",
                    "/static/%00")) {
                try (RawHttp c = new RawHttp(port)) {
                    RawHttp.Response r = c.exchange(get(path));
                    assertEquals(404, r.code, path);
                    assertFalse(r.body().contains("the secret"), path);
                }
            }
        }

        @Test
        void aDirectoryIsRedirectedToItsSlashAndNotListed() throws Exception {
            try (RawHttp c = new RawHttp(listen())) {
                RawHttp.Response r = c.exchange(get("/static/sub"));
                assertEquals(302, r.code);
                assertEquals("/static/sub/", r.header("location"));
                assertEquals(403, c.exchange(get("/static/sub/")).code);
            }
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheSitesTimeOut() throws Exception {
        Site site = new Site(root) {
            {
                timeOut = 0.2;
            }
        };
        try (RawHttp c = new RawHttp(listen(site))) {
            assertEquals("hello", c.exchange(get("/hello")).body());
            long start = System.nanoTime();
            assertTrue(c.closedByServer());
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    @Test
    void aSlowResponseIsNotTimedOut() throws Exception {
        Site site = new Site(root) {
            {
                timeOut = 0.02;
            }
        };
        try (RawHttp c = new RawHttp(listen(site))) {
            assertEquals("slow but sure", c.exchange(get("/later")).body());
        }
    }

    @Test
    void aResponseStreamedByAPushProducerArrivesWhole() throws Exception {
        int total = 4 << 20;
        root.putChild("stream", new Resource() {
            public byte[] render_GET(IRequest request) {
                request.setHeader("content-length", Integer.toString(total));
                dev.jtwisted.internet.IPushProducer producer = new dev.jtwisted.internet.IPushProducer() {
                    int sent;
                    boolean paused;

                    @Override
                    public void pauseProducing() {
                        paused = true;
                    }

                    @Override
                    public void resumeProducing() {
                        paused = false;
                        while (!paused && sent < total) {
                            request.write(new byte[64 * 1024]);
                            sent += 64 * 1024;
                        }
                        if (sent >= total && !request.finished()) {
                            request.unregisterProducer();
                            request.finish();
                        }
                    }

                    @Override
                    public void stopProducing() {
                        sent = total;
                    }
                };
                request.registerProducer(producer, true);
                producer.resumeProducing(); // a streaming producer starts itself, as in Twisted
                return Server.NOT_DONE_YET;
            }
        });
        try (RawHttp c = new RawHttp(listen())) {
            c.send(get("/stream"));
            RawHttp.Response r = c.read();
            assertEquals(total, r.body.length);
        }
    }

    @Test
    void curlUploadsABodyWithExpectContinueAndReadsTheAnswer(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path curl = java.nio.file.Path.of("/usr/bin/curl");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(curl), "no /usr/bin/curl");
        List<String> expect = new ArrayList<>();
        root.putChild("upload", new Resource() {
            public byte[] render_POST(IRequest request) throws IOException {
                expect.add(String.valueOf(request.getHeader("expect")));
                return ("got " + request.content().readAllBytes().length).getBytes(UTF_8);
            }
        });
        java.nio.file.Path body = tmp.resolve("body.bin");
        java.nio.file.Files.write(body, new byte[3 << 20]); // over 1 MiB: curl asks for 100-continue
        Process p = new ProcessBuilder(curl.toString(), "-sS", "--max-time", "20", "--data-binary", "@" + body,
                "http://127.0.0.1:" + listen() + "/upload").redirectErrorStream(true).start();
        assertTrue(p.waitFor(25, TimeUnit.SECONDS), "curl did not finish");
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertEquals("got " + (3 << 20), out);
        assertEquals(List.of("100-continue"), expect);
    }

    @Test
    void aSiteBuildsAnHttpChannelForEachConnection() throws Exception {
        assertInstanceOf(dev.jtwisted.web.http.HTTPChannel.class, new Site(root).buildProtocol(null));
    }
}
