package dev.jtwisted.samples.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.samples.LinePeer;
import dev.jtwisted.samples.RunningServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code kv-web} over HTTP, in front of a real kv server, and of one that is down or misbehaves. */
@Timeout(60)
class KeyValueWebTest {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(RunningServer.WAIT).build();

    private static RunningServer web(String kv) throws Exception {
        return RunningServer.start(new KeyValueWeb(), "--kv", kv);
    }

    private HttpResponse<String> send(RunningServer web, String method, String path, String body,
            String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
                .timeout(RunningServer.WAIT)
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> get(RunningServer web, String path) throws Exception {
        return send(web, "GET", path, null, null);
    }

    private HttpResponse<String> post(RunningServer web, String path, String body) throws Exception {
        return send(web, "POST", path, body, "text/plain; charset=utf-8");
    }

    private static void assertResponse(int status, String body, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(body, response.body());
    }

    @Nested
    class InFrontOfAKvServer {
        private RunningServer kv;
        private RunningServer web;

        @BeforeEach
        void start() throws Exception {
            kv = RunningServer.start(new KeyValueServer());
            web = web("127.0.0.1:" + kv.port());
        }

        @AfterEach
        void stop() throws Exception {
            web.close();
            kv.close();
        }

        @Test
        void storesThePostedBodyAndGetsItBackAsText() throws Exception {
            assertResponse(200, "stored\n", post(web, "/greeting", "hello wörld ☃"));
            HttpResponse<String> got = get(web, "/greeting");
            assertResponse(200, "hello wörld ☃", got);
            assertEquals("text/plain; charset=utf-8", got.headers().firstValue("content-type").orElse(""));
        }

        @Test
        void storesTheFormFieldValueOfAUrlencodedPost() throws Exception {
            assertResponse(200, "stored\n", send(web, "POST", "/k", "other=1&value=two+words%21",
                    "application/x-www-form-urlencoded"));
            assertResponse(200, "two words!", get(web, "/k"));
        }

        @Test
        void storesAnEmptyBodyAsAnEmptyValue() throws Exception {
            assertResponse(200, "stored\n", post(web, "/empty", ""));
            assertResponse(200, "", get(web, "/empty"));
        }

        @Test
        void deletesAndAnswersNotFoundAfter() throws Exception {
            post(web, "/k", "v");
            assertResponse(200, "deleted\n", send(web, "DELETE", "/k", null, null));
            assertResponse(404, "not found: k\n", get(web, "/k"));
            assertResponse(404, "not found: k\n", send(web, "DELETE", "/k", null, null));
        }

        @Test
        void readsAndWritesTheKvServersStore() throws Exception {
            try (LinePeer direct = new LinePeer(kv)) {
                direct.send("set fromkv 42");
                direct.expect("stored");
                assertResponse(200, "42", get(web, "/fromkv"));
                post(web, "/fromweb", "7");
                direct.send("get fromweb");
                direct.expect("7");
            }
        }

        @Test
        void answersBadRequestForWhatTheClientOrTheServerRefusesAndGoesOnServing() throws Exception {
            assertResponse(400, "a key may not contain a space or a line break: a b\n", get(web, "/a%20b"));
            assertResponse(400, "refused by the kv server: reserved value\n", post(web, "/k", "not found"));
            assertResponse(400, "a value may not contain a line break: one\ntwo\n", post(web, "/k", "one\ntwo"));
            HttpResponse<String> tooLong = post(web, "/k", "x".repeat(KeyValueClient.SERVER_MAX_LENGTH));
            assertEquals(400, tooLong.statusCode());
            assertTrue(tooLong.body().contains("exceeds the kv server's MAX_LENGTH (16384)"), tooLong.body());
            assertResponse(200, "stored\n", post(web, "/k", "fine"));
            assertResponse(200, "fine", get(web, "/k"));
        }

        @Test
        void pipelinesManyConcurrentRequestsAndMatchesEachReply() throws Exception {
            for (int i = 0; i < 20; i++) {
                post(web, "/key" + i, "value " + i);
            }
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/key" + i))
                        .timeout(RunningServer.WAIT).build();
                responses.add(http.sendAsync(request, BodyHandlers.ofString()));
            }
            for (int i = 0; i < 40; i++) {
                HttpResponse<String> response = responses.get(i).get(RunningServer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
                if (i < 20) {
                    assertResponse(200, "value " + i, response);
                } else {
                    assertResponse(404, "not found: key" + i + "\n", response);
                }
            }
        }

        @Test
        void servesAnIndexAndRefusesOtherMethodsAndDeeperPaths() throws Exception {
            HttpResponse<String> index = get(web, "/");
            assertEquals(200, index.statusCode());
            assertTrue(index.body().contains("GET /KEY"), index.body());
            assertEquals(405, send(web, "PUT", "/k", "v", "text/plain").statusCode());
            assertEquals(404, get(web, "/a/b").statusCode());
        }

        @Test
        void reconnectsOnceTheKvServerIsBackAfterGoingDown() throws Exception {
            int kvPort = kv.port();
            post(web, "/k", "v");
            kv.close();

            // The loss may be seen before this request (503: reconnecting is refused) or on it (502).
            HttpResponse<String> down = get(web, "/k");
            assertTrue(down.statusCode() == 502 || down.statusCode() == 503, down.statusCode() + " " + down.body());
            assertTrue(down.body().contains("the kv server at 127.0.0.1:" + kvPort), down.body());
            // Now the loss is known either way, and reconnecting is refused.
            HttpResponse<String> stillDown = get(web, "/k");
            assertEquals(503, stillDown.statusCode(), stillDown.body());
            assertTrue(stillDown.body().startsWith("the kv server at 127.0.0.1:" + kvPort + " is unavailable: "),
                    stillDown.body());

            kv = RunningServer.start(new KeyValueServer(), "--port", Integer.toString(kvPort));
            assertResponse(404, "not found: k\n", get(web, "/k"));
            assertResponse(200, "stored\n", post(web, "/k", "again"));
            assertResponse(200, "again", get(web, "/k"));
        }
    }

    @Nested
    class WithTheKvServerDown {
        @Test
        void answersServiceUnavailableNamingTheKvServer() throws Exception {
            int closedPort;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                closedPort = s.getLocalPort();
            }
            try (RunningServer web = web("127.0.0.1:" + closedPort)) {
                for (String method : List.of("GET", "POST", "DELETE")) {
                    HttpResponse<String> r = send(web, method, "/k", method.equals("POST") ? "v" : null, null);
                    assertEquals(503, r.statusCode(), method + ": " + r.body());
                    assertTrue(r.body().startsWith("the kv server at 127.0.0.1:" + closedPort + " is unavailable: "),
                            r.body());
                }
            }
        }

        @Test
        void answersBadGatewayWhenTheKvServerDropsTheConnectionBeforeReplying() throws Exception {
            try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                fake.setSoTimeout((int) RunningServer.WAIT.toMillis());
                try (RunningServer web = web("127.0.0.1:" + fake.getLocalPort());
                        LinePeer kv = new LinePeer(fake.accept())) {
                    CompletableFuture<HttpResponse<String>> response = http.sendAsync(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/k"))
                                    .timeout(RunningServer.WAIT).build(),
                            BodyHandlers.ofString());
                    kv.expect("get k");
                    kv.close();
                    HttpResponse<String> r = response.get(RunningServer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    assertEquals(502, r.statusCode(), r.body());
                    assertTrue(r.body().startsWith("lost the connection to the kv server at 127.0.0.1:"
                            + fake.getLocalPort() + ": "), r.body());
                }
            }
        }
    }
}
