package dev.jtwisted.samples.httpget;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPAddress;
import dev.jtwisted.internet.endpoints.Endpoints;
import dev.jtwisted.internet.threads.Threads;
import dev.jtwisted.netty.NettyReactor;
import dev.jtwisted.python.usage.UsageError;
import dev.jtwisted.samples.LaunchedSample;
import dev.jtwisted.web.iweb.IRequest;
import dev.jtwisted.web.resource.Resource;
import dev.jtwisted.web.server.Server;
import dev.jtwisted.web.server.Site;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** http-get against a jtwisted Site the test serves on its own reactor, and against bad servers. */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpGetTest {
    private static final String BIG = "0123456789abcdef".repeat(64 * 1024);

    private final NettyReactor reactor = NettyReactor.builder().name("test-web").build();
    private int port;

    /** Answers with what it was asked: method, protocol, Host header and target. */
    static final class Mirror extends Resource {
        Mirror() {
            isLeaf = true;
        }

        public byte[] render_GET(IRequest request) {
            return (request.method() + " " + request.clientproto() + " host=" + request.getHeader("host") + " uri="
                    + request.uri() + "\n").getBytes(UTF_8);
        }
    }

    static final class Text extends Resource {
        private final String text;

        Text(String text) {
            this.text = text;
        }

        public byte[] render_GET(IRequest request) {
            request.setHeader("content-type", "text/plain; charset=utf-8");
            return text.getBytes(UTF_8);
        }
    }

    /** Writes its body in pieces, later, and finishes: no Content-Length. */
    final class Later extends Resource {
        public byte[] render_GET(IRequest request) {
            request.write("one,".getBytes(UTF_8));
            reactor.callLater(0.01, () -> request.write("two,".getBytes(UTF_8)));
            reactor.callLater(0.02, () -> {
                request.write("three".getBytes(UTF_8));
                request.finish();
            });
            return Server.NOT_DONE_YET;
        }
    }

    @BeforeAll
    void serveASite() throws Exception {
        Resource root = new Resource();
        root.putChild("hello", new Text("Hello, world!\n"));
        root.putChild("mirror", new Mirror());
        root.putChild("big", new Text(BIG));
        root.putChild("later", new Later());
        root.putChild("unicode", new Text("crème brûlée ☕\n"));
        reactor.start();
        IListeningPort listening = Threads.blockingCallFromThreadDeferring(reactor,
                () -> Endpoints.serverFromString(reactor, "tcp:0:interface=127.0.0.1").listen(new Site(root)));
        port = ((IPAddress) listening.getHost()).port();
    }

    @AfterAll
    void stopTheSite() {
        reactor.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static LaunchedSample get(String... argv) {
        return LaunchedSample.launch(new HttpGet(), argv);
    }

    @Nested
    class Fetching {
        @Test
        void printsTheBodyAndNothingElse() throws Exception {
            try (LaunchedSample client = get(url("/hello"))) {
                assertEquals(0, client.awaitExit(), client.err());
                assertEquals("Hello, world!\n", client.out());
                assertEquals("", client.err());
            }
        }

        @Test
        void sendsAnHttp10GetWithTheHostHeaderAndThePathAndQueryAsWritten() throws Exception {
            try (LaunchedSample client = get(url("/mirror/a%20b/c?q=1&r=two%20words#fragment"))) {
                assertEquals(0, client.awaitExit(), client.err());
                assertEquals("GET HTTP/1.0 host=127.0.0.1:" + port + " uri=/mirror/a%20b/c?q=1&r=two%20words\n",
                        client.out());
            }
        }

        @Test
        void readsALargeBodyUntilTheServerCloses() throws Exception {
            try (LaunchedSample client = get(url("/big"))) {
                assertEquals(0, client.awaitExit(), client.err());
                assertEquals(BIG.length(), client.out().length());
                assertEquals(BIG, client.out());
            }
        }

        @Test
        void readsABodyWrittenLaterWithoutALength() throws Exception {
            try (LaunchedSample client = get(url("/later"))) {
                assertEquals(0, client.awaitExit(), client.err());
                assertEquals("one,two,three", client.out());
            }
        }

        @Test
        void passesTheBodyBytesThroughUnchanged() throws Exception {
            try (LaunchedSample client = get(url("/unicode"))) {
                assertEquals(0, client.awaitExit(), client.err());
                assertEquals("crème brûlée ☕\n", client.out());
            }
        }

        @Test
        void withIncludePrintsTheStatusLineAndHeadersFirst() throws Exception {
            try (LaunchedSample client = get("--include", url("/hello"))) {
                assertEquals(0, client.awaitExit(), client.err());
                String out = client.out();
                assertTrue(out.startsWith("HTTP/1.0 200 OK\r\n"), out);
                assertTrue(out.toLowerCase().contains("\r\ncontent-length: 14\r\n"), out);
                assertTrue(out.endsWith("\r\n\r\nHello, world!\n"), out);
            }
        }

        @Test
        void aStatusOtherThan2xxPrintsTheBodyAndNotesTheStatusOnStandardError() throws Exception {
            try (LaunchedSample client = get(url("/nowhere"))) {
                assertEquals(0, client.awaitExit(), client.err());
                assertTrue(client.out().contains("No Such Resource"), client.out());
                assertEquals("http-get: the server answered HTTP/1.0 404 Not Found\n", client.err());
            }
        }
    }

    @Nested
    class Failing {
        @Test
        void aRefusedConnectionIsOneLineAndStatusOne() throws Exception {
            int closedPort;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                closedPort = probe.getLocalPort();
            }
            try (LaunchedSample client = get("http://127.0.0.1:" + closedPort + "/")) {
                assertEquals(1, client.awaitExit());
                assertEquals("", client.out());
                assertTrue(client.err().startsWith("jtwisted-samples http-get: Connection was refused by other side"),
                        client.err());
                assertEquals(1, client.err().lines().count(), client.err());
            }
        }

        @Test
        void aBadUrlIsAUsageErrorNamingIt() throws Exception {
            for (String bad : List.of("127.0.0.1:8000/", "ftp://127.0.0.1/", "https://127.0.0.1/", "http:///path",
                    "http://bad host/", "http://127.0.0.1:99999/")) {
                try (LaunchedSample client = get(bad)) {
                    assertEquals(2, client.awaitExit(), bad + ": " + client.err());
                    assertTrue(client.err().startsWith("jtwisted-samples http-get: URL"), client.err());
                    assertTrue(client.err().contains(bad), client.err());
                    assertEquals("", client.out());
                }
            }
        }

        @Test
        void somethingThatIsNotAnHttpResponseFailsWithStatusOneSayingSo() throws Exception {
            try (OneShotServer server = new OneShotServer("SSH-2.0-OpenSSH\r\n\r\n".getBytes(UTF_8));
                    LaunchedSample client = get("http://127.0.0.1:" + server.port() + "/")) {
                assertEquals(1, client.awaitExit());
                assertTrue(client.err().contains("not an HTTP response: the first line is 'SSH-2.0-OpenSSH'"),
                        client.err());
                assertTrue(server.request().startsWith("GET / HTTP/1.0\r\n"), server.request());
            }
        }

        @Test
        void aBodyCutShortOfItsContentLengthFailsSayingHowMuchCame() throws Exception {
            byte[] cut = "HTTP/1.0 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b".getBytes(UTF_8);
            try (OneShotServer server = new OneShotServer(cut);
                    LaunchedSample client = get("http://127.0.0.1:" + server.port() + "/")) {
                assertEquals(1, client.awaitExit());
                assertTrue(client.err().contains("the server closed the connection after 10 of 100 body bytes"),
                        client.err());
                assertEquals("", client.out());
            }
        }
    }

    @Nested
    class Urls {
        @Test
        void takeAnHttpUrlApart() {
            assertEquals(new Url("example.com", 80, "example.com", "/"), Url.parse("http://example.com"));
            assertEquals(new Url("example.com", 8080, "example.com:8080", "/a/b?x=1"),
                    Url.parse("HTTP://example.com:8080/a/b?x=1#top"));
            assertEquals(new Url("::1", 8000, "[::1]:8000", "/"), Url.parse("http://[::1]:8000/"));
            assertEquals("tcp:host=\\:\\:1:port=8000", Url.parse("http://[::1]:8000/").clientDescription());
        }

        @Test
        void refuseAnythingButHttpNamingTheUrl() {
            UsageError https = assertThrows(UsageError.class, () -> Url.parse("https://example.com/"));
            assertEquals("URL must be http://; this client speaks plain HTTP, not TLS: 'https://example.com/'",
                    https.getMessage());
            UsageError none = assertThrows(UsageError.class, () -> Url.parse("example.com"));
            assertEquals("URL must be an http:// URL, e.g. http://127.0.0.1:8000/, not 'example.com'",
                    none.getMessage());
        }
    }

    /** A plain socket server that reads one request, sends {@code response} and closes. */
    private static final class OneShotServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        private final CompletableFuture<String> request = new CompletableFuture<>();

        OneShotServer(byte[] response) throws Exception {
            Thread thread = new Thread(() -> {
                try (Socket client = socket.accept()) {
                    byte[] buffer = new byte[4096];
                    StringBuilder head = new StringBuilder();
                    while (!head.toString().contains("\r\n\r\n")) {
                        int n = client.getInputStream().read(buffer);
                        if (n < 0) {
                            break;
                        }
                        head.append(new String(buffer, 0, n, UTF_8));
                    }
                    request.complete(head.toString());
                    OutputStream out = client.getOutputStream();
                    out.write(response);
                    out.flush();
                } catch (Exception e) {
                    request.completeExceptionally(e);
                }
            }, "one-shot-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        String request() throws Exception {
            return request.get(10, java.util.concurrent.TimeUnit.SECONDS);
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }
}
