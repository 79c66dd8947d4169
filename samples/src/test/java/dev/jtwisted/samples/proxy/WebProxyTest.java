package dev.jtwisted.samples.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.samples.RunningServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code web-proxy} over HTTP, fetching from an {@link Origin} site of the test's own. */
@Timeout(60)
class WebProxyTest {
    private final Origin origin = new Origin();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(RunningServer.WAIT).build();
    private RunningServer proxy;

    @BeforeEach
    void start() throws Exception {
        proxy = RunningServer.start(new WebProxy());
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        origin.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + pathAndQuery))
                .timeout(RunningServer.WAIT).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String query(String url) {
        return "/?url=" + URLEncoder.encode(url, UTF_8);
    }

    @Test
    void answersWithThePage() throws Exception {
        HttpResponse<String> response = get(query(origin.url("/page")));
        assertEquals(200, response.statusCode());
        assertEquals(Origin.PAGE, response.body());
    }

    @Test
    void withoutAUrlIs400() throws Exception {
        HttpResponse<String> response = get("/");
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("url parameter"), response.body());
        assertEquals(400, get("/?url=a&url=b").statusCode());
    }

    @Test
    void aUrlThatIsNotHttpIs400() throws Exception {
        HttpResponse<String> response = get(query("file:///etc/passwd"));
        assertEquals(400, response.statusCode());
        assertEquals("error: not an http or https URL: 'file:///etc/passwd'\n", response.body());
    }

    @Test
    void aFailedFetchIs502WithTheReason() throws Exception {
        HttpResponse<String> missing = get(query(origin.url("/missing")));
        assertEquals(502, missing.statusCode());
        assertTrue(missing.body().startsWith("error: ") && missing.body().contains("404"), missing.body());

        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        HttpResponse<String> refused = get(query("http://127.0.0.1:" + closedPort + "/"));
        assertEquals(502, refused.statusCode());
        assertTrue(refused.body().toLowerCase().contains("refused"), refused.body());
    }
}
