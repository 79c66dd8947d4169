package dev.jtwisted.interop;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.endpoints.Endpoints;
import dev.jtwisted.web.iweb.Cookie;
import dev.jtwisted.web.iweb.IRequest;
import dev.jtwisted.web.resource.Resource;
import dev.jtwisted.web.server.Server;
import dev.jtwisted.web.server.Site;
import dev.jtwisted.web.static_.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jtwisted {@link Site} spoken to by Python Twisted 22.4's HTTP client,
 * {@code twisted.web.client.Agent} with {@code readBody}, on a persistent connection pool:
 * bodies both ways, chunked responses, static files, error statuses, keep-alive. Skips without
 * {@code python3-twisted}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebInteropTest {
    private static final Duration RUN = Duration.ofSeconds(40);

    @RegisterExtension
    final PythonTwisted python = new PythonTwisted();

    @TempDir
    Path dir;

    private Reactors.Running running;
    private final AtomicInteger connections = new AtomicInteger();
    private String bigSha;

    @BeforeEach
    void start() throws Exception {
        running = Reactors.start();
        byte[] big = new byte[3 << 20];
        new Random(5).nextBytes(big);
        Files.write(dir.resolve("big.bin"), big);
        bigSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(big));
    }

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    private Resource root() {
        Resource root = new Resource();
        root.putChild("hello", new Resource() {
            public byte[] render_GET(IRequest request) {
                return "hello".getBytes(UTF_8);
            }
        });
        root.putChild("echo", new Resource() {
            public byte[] render_POST(IRequest request) throws IOException {
                request.setHeader("content-type", "application/octet-stream");
                return request.content().readAllBytes();
            }
        });
        root.putChild("later", new Resource() {
            public byte[] render_GET(IRequest request) {
                running.reactor.callLater(0.01, () -> request.write("first,".getBytes(UTF_8)));
                running.reactor.callLater(0.02, () -> {
                    request.write("second".getBytes(UTF_8));
                    request.finish();
                });
                return Server.NOT_DONE_YET;
            }
        });
        root.putChild("boom", new Resource() {
            public byte[] render_GET(IRequest request) {
                throw new IllegalStateException("expected by the interop test");
            }
        });
        root.putChild("cookie", new Resource() {
            public byte[] render_GET(IRequest request) {
                request.addCookie("k", "v", new Cookie().path("/"));
                return ("args=" + request.args()).getBytes(UTF_8);
            }
        });
        root.putChild("static", new File(dir));
        return root;
    }

    private String listen() {
        Site site = new Site(root()) {
            @Override
            public IProtocol buildProtocol(IAddress addr) {
                connections.incrementAndGet();
                return super.buildProtocol(addr);
            }
        };
        CompletableFuture<IListeningPort> port = new CompletableFuture<>();
        running.call(() -> Endpoints.serverFromString(running.reactor, "tcp:0:interface=127.0.0.1").listen(site)
                .addCallbacks(p -> port.complete(p), f -> port.completeExceptionally(f.value())));
        IListeningPort listening = port.join();
        return "http://127.0.0.1:" + ((IPv4Address) listening.getHost()).port();
    }

    private static JsonObject response(JsonObject result, int i) {
        return result.getAsJsonArray("responses").get(i).getAsJsonObject();
    }

    private static String header(JsonObject response, String name) {
        JsonArray values = response.getAsJsonObject("headers").getAsJsonArray(name);
        return values == null ? null : values.get(values.size() - 1).getAsString();
    }

    @Test
    void agentGetsEveryKindOfResponseOnOneKeptAliveConnection() {
        String base = listen();
        String plan = "["
                + "{\"path\": \"/hello\"},"
                + "{\"method\": \"POST\", \"path\": \"/echo\", \"body_size\": 1000000},"
                + "{\"path\": \"/later\"},"
                + "{\"path\": \"/static/big.bin\"},"
                + "{\"path\": \"/static/big.bin\", \"headers\": {\"Range\": [\"bytes=10-19\"]}},"
                + "{\"path\": \"/nowhere\"},"
                + "{\"method\": \"PUT\", \"path\": \"/hello\", \"body\": \"x\"},"
                + "{\"path\": \"/boom\"},"
                + "{\"method\": \"HEAD\", \"path\": \"/hello\"},"
                + "{\"path\": \"/cookie?a=1&a=2\"},"
                + "{\"path\": \"/hello\"}"
                + "]";
        PythonProcess client = python.start("web_client.py", base, plan);
        JsonObject result = client.readJson(RUN);
        int exit = client.waitFor(Duration.ofSeconds(10));
        assertTrue(result.get("ok").getAsBoolean(), () -> result + client.diagnostics());
        assertEquals(0, exit, client::diagnostics);
        JsonObject hello = response(result, 0);
        JsonObject echo = response(result, 1);
        JsonObject later = response(result, 2);
        JsonObject big = response(result, 3);
        JsonObject range = response(result, 4);
        JsonObject cookie = response(result, 9);
        assertAll(
                () -> assertEquals(200, hello.get("code").getAsInt()),
                () -> assertEquals("hello", hello.get("body").getAsString()),
                () -> assertEquals("HTTP/1.1", hello.get("version").getAsString()),
                () -> assertEquals(Server.version, header(hello, "server")),
                () -> assertEquals(1_000_000, echo.get("length").getAsInt()),
                () -> assertEquals(echo.get("sent_sha256").getAsString(), echo.get("sha256").getAsString()),
                () -> assertEquals("first,second", later.get("body").getAsString()),
                () -> assertEquals(3 << 20, big.get("length").getAsInt()),
                () -> assertEquals(bigSha, big.get("sha256").getAsString()),
                () -> assertEquals(206, range.get("code").getAsInt()),
                () -> assertEquals(10, range.get("length").getAsInt()),
                () -> assertEquals("bytes 10-19/" + (3 << 20), header(range, "content-range")),
                () -> assertEquals(404, response(result, 5).get("code").getAsInt()),
                () -> assertEquals(405, response(result, 6).get("code").getAsInt()),
                () -> assertEquals("GET, HEAD", header(response(result, 6), "allow")),
                () -> assertEquals(500, response(result, 7).get("code").getAsInt()),
                () -> assertFalse(response(result, 7).get("body").getAsString().contains("expected by")),
                () -> assertEquals(200, response(result, 8).get("code").getAsInt()),
                () -> assertEquals(0, response(result, 8).get("length").getAsInt()),
                () -> assertEquals("args={a=[1, 2]}", cookie.get("body").getAsString()),
                () -> assertEquals("k=v; Path=/", header(cookie, "set-cookie")),
                () -> assertEquals(200, response(result, 10).get("code").getAsInt()),
                () -> assertEquals(1, connections.get(), "one kept-alive connection for every request"));
    }

    @Test
    void agentsParallelRequestsAllGetTheirAnswers() {
        String base = listen();
        StringBuilder plan = new StringBuilder("[");
        for (int i = 0; i < 60; i++) {
            plan.append(i > 0 ? "," : "").append(i % 3 == 0 ? "{\"path\": \"/later\"}" : "{\"path\": \"/hello?" + i + "\"}");
        }
        plan.append("]");
        PythonProcess client = python.start("web_client.py", base, plan.toString(), "--parallel", "4");
        JsonObject result = client.readJson(RUN);
        assertEquals(0, client.waitFor(Duration.ofSeconds(10)), client::diagnostics);
        for (int i = 0; i < 60; i++) {
            JsonObject r = response(result, i);
            assertEquals(i % 3 == 0 ? "first,second" : "hello", r.get("body").getAsString(), r::toString);
        }
        assertTrue(connections.get() <= 4, "connections: " + connections.get());
    }
}
