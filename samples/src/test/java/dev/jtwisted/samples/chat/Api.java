package dev.jtwisted.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jtwisted.samples.RunningServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A client of a running chat's admin site over real HTTP/1.1 ({@link HttpClient}); every
 * request times out after {@link RunningServer#WAIT}.
 */
final class Api {
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(RunningServer.WAIT)
            .build();
    private final String base;

    Api(RunningServer server) throws Exception {
        base = "http://" + server.host() + ":" + server.port("chat-api");
    }

    /** The site's URL for {@code path}, e.g. {@code http://127.0.0.1:4242/users/}. */
    String url(String path) {
        return base + path;
    }

    HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, (String) null);
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return send("POST", path, body);
    }

    /** A {@code method} request with {@code body} (none if null), answered as text. */
    HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(RunningServer.WAIT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A {@code method} request with the bytes {@code body}, answered as text. */
    HttpResponse<String> sendBytes(String method, String path, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(RunningServer.WAIT)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The JSON object a response carries, checking it is labelled as JSON. */
    static Map<?, ?> json(HttpResponse<String> response) {
        assertEquals("application/json", response.headers().firstValue("content-type").orElse(null),
                "Content-Type of " + response.uri());
        return (Map<?, ?>) Json.parse(response.body());
    }

    /** {@code GET /users/}'s count. */
    long users() throws Exception {
        HttpResponse<String> response = get("/users/");
        assertEquals(200, response.statusCode(), response.body());
        return (Long) json(response).get("users");
    }

    /** {@code GET /banner/}'s banner. */
    String banner() throws Exception {
        HttpResponse<String> response = get("/banner/");
        assertEquals(200, response.statusCode(), response.body());
        return (String) json(response).get("banner");
    }

    /**
     * Waits, at most {@link RunningServer#WAIT}, until {@code GET /users/} says {@code count}:
     * the server learns of a client's going a moment after the client closes, so this asks
     * again until it has; it fails with the last count otherwise.
     */
    void awaitUsers(long count) throws Exception {
        long deadline = System.nanoTime() + RunningServer.WAIT.toNanos();
        long last;
        do {
            last = users();
            if (last == count) {
                return;
            }
        } while (System.nanoTime() < deadline);
        assertEquals(count, last, "users after " + RunningServer.WAIT);
    }
}
