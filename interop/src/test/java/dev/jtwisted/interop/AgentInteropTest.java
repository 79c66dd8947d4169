package dev.jtwisted.interop;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jtwisted.internet.defer.Deferred;
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
import dev.jtwisted.web.client.ResponseNeverReceived;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jtwisted HTTP client ({@link Agent}, {@link Client#readBody}, {@link Client#getPage}) against
 * a Python Twisted 22.4 {@code Site} (agent_target.py): bodies both ways, a large chunked body,
 * redirects, keep-alive pooling as the Python side counts connections, and HTTPS against a Site
 * on an {@code ssl:} endpoint. Skips without {@code python3-twisted}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AgentInteropTest {
    private static final Duration START = Duration.ofSeconds(30);

    @RegisterExtension
    final PythonTwisted python = new PythonTwisted();

    @TempDir
    Path dir;

    private Reactors.Running running;

    @BeforeEach
    void start() {
        running = Reactors.start();
    }

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    /** Runs {@code f} on the reactor thread and waits for its Deferred's result (rethrowing a failure). */
    private <T> T await(Callable<Deferred<T>> f) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        running.call(() -> f.call().addCallbacks(v -> {
            result.complete(v);
            return null;
        }, failure -> {
            result.completeExceptionally(failure.value());
            return null;
        }));
        try {
            return result.get(40, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    private byte[] fetch(Agent agent, String method, String url, IResponse[] response, FileBodyProducer body)
            throws Exception {
        return await(() -> agent.request(method, url, null, body).addCallbackDeferring(r -> {
            response[0] = r;
            return Client.readBody(r);
        }));
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    @Test
    void agentFetchesFromTwistedOnOnePooledConnection() throws Exception {
        PythonProcess server = python.start("agent_target.py");
        String base = "http://127.0.0.1:" + server.awaitListening(START);
        HTTPConnectionPool pool = running.call(() -> new HTTPConnectionPool(running.reactor));
        Agent agent = running.call(() -> new Agent(running.reactor, pool));
        IResponse[] r = new IResponse[1];

        assertEquals("hello", new String(fetch(agent, "GET", base + "/hello", r, null), UTF_8));
        assertEquals(200, r[0].code());
        assertEquals("OK", r[0].phrase());
        assertEquals(List.of("twisted"), r[0].headers().getRawHeaders("x-python"));
        assertEquals(5, r[0].length());

        byte[] data = new byte[500_000];
        new Random(3).nextBytes(data);
        assertArrayEquals(data, fetch(agent, "POST", base + "/echo", r, FileBodyProducer.of(data)));
        assertArrayEquals(data, fetch(agent, "POST", base + "/echo", r,
                new FileBodyProducer(new ByteArrayInputStream(data), -1, 30_000)), "a chunked request body");

        byte[] big = fetch(agent, "GET", base + "/big?n=5000000", r, null);
        assertEquals(IResponse.UNKNOWN_LENGTH, r[0].length(), "Twisted streams it chunked");
        assertEquals(5_000_000, big.length);
        assertEquals(r[0].headers().getLastRawHeader("x-sha256"), sha256(big));

        byte[] redirected = await(() -> new RedirectAgent(agent).request("GET", base + "/redirect")
                .addCallbackDeferring(resp -> {
                    r[0] = resp;
                    return Client.readBody(resp);
                }));
        assertEquals("hello", new String(redirected, UTF_8));
        assertEquals(302, r[0].previousResponse().code());

        assertEquals("1", new String(fetch(agent, "GET", base + "/connections", r, null), UTF_8),
                "every request went over one kept-alive connection");
        await(pool::closeCachedConnections);
    }

    @Test
    void getPageFollowsRedirectsAndReportsErrors() throws Exception {
        PythonProcess server = python.start("agent_target.py");
        String base = "http://127.0.0.1:" + server.awaitListening(START);
        assertEquals("hello", new String(await(() -> Client.getPage(running.reactor, base + "/redirect")), UTF_8));
        dev.jtwisted.web.error.Error e = assertThrows(dev.jtwisted.web.error.Error.class,
                () -> await(() -> Client.getPage(running.reactor, base + "/nowhere")));
        assertEquals(404, e.code());
        assertEquals("4", new String(await(() -> Client.getPage(running.reactor, base + "/connections")), UTF_8),
                "without a pool each request has its own connection: the redirect, its target, the 404 and this");
    }

    @Test
    void httpsAgainstTwistedOnAnSslEndpoint() throws Exception {
        TestCertificates pki = TestCertificates.generate(dir);
        PythonProcess server = python.start("agent_target.py", "--endpoint", "ssl:0:interface=127.0.0.1:privateKey="
                + Endpoints.quoteStringArgument(pki.serverKey().toString()) + ":certKey="
                + Endpoints.quoteStringArgument(pki.serverCert().toString()));
        int port = server.awaitListening(START);
        TrustRoot ca = TrustRoot.of(PEM.readCertificates(pki.caCert()).get(0));
        HTTPConnectionPool pool = running.call(() -> new HTTPConnectionPool(running.reactor));
        Agent agent = running.call(() -> Agent.builder(running.reactor)
                .contextFactory(new BrowserLikePolicyForHTTPS(ca)).pool(pool).build());
        IResponse[] r = new IResponse[1];
        String base = "https://localhost:" + port;
        assertEquals("hello", new String(fetch(agent, "GET", base + "/hello", r, null), UTF_8));
        byte[] big = fetch(agent, "GET", base + "/big?n=2000000", r, null);
        assertEquals(r[0].headers().getLastRawHeader("x-sha256"), sha256(big));
        assertEquals("1", new String(fetch(agent, "GET", base + "/connections", r, null), UTF_8));
        await(pool::closeCachedConnections);

        Agent untrusting = running.call(() -> Agent.builder(running.reactor)
                .contextFactory(new BrowserLikePolicyForHTTPS(TrustRoot.of(PEM.readCertificates(pki.otherCaCert()).get(0))))
                .build());
        ResponseNeverReceived never = assertThrows(ResponseNeverReceived.class,
                () -> fetch(untrusting, "GET", base + "/hello", r, null));
        assertInstanceOf(SSLError.class, never.reasons().get(0).value());
    }
}
