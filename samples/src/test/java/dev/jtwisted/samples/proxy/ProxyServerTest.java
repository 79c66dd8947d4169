package dev.jtwisted.samples.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.samples.RunningServer;
import dev.jtwisted.samples.ServerSample;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The line proxies on real sockets, fetching from an {@link Origin} site of the test's own. */
@Timeout(60)
class ProxyServerTest {
    private final Origin origin = new Origin();

    @AfterEach
    void stopOrigin() {
        origin.close();
    }

    static Stream<Supplier<ServerSample>> everyVersion() {
        return Stream.of(ProxyServer::blocking, ProxyServer::deferred, ProxyServer::inline, ProxyServer::caching);
    }

    static Stream<Supplier<ServerSample>> cooperativeVersions() {
        return Stream.of(ProxyServer::deferred, ProxyServer::inline, ProxyServer::caching);
    }

    /** Sends {@code line} and returns everything the proxy sent until it closed. */
    static String ask(RunningServer proxy, String line) throws IOException {
        try (Socket socket = proxy.connect()) {
            return askOn(socket, line);
        }
    }

    static String askOn(Socket socket, String line) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((line + "\r\n").getBytes(UTF_8));
        out.flush();
        return new String(socket.getInputStream().readAllBytes(), UTF_8);
    }

    @ParameterizedTest
    @MethodSource("everyVersion")
    void answersWithThePageBodyAndCloses(Supplier<ServerSample> version) throws Exception {
        try (RunningServer proxy = RunningServer.start(version.get())) {
            assertEquals(Origin.PAGE, ask(proxy, origin.url("/page")));
            assertEquals(Origin.PAGE, ask(proxy, "  " + origin.url("/page") + "  "), "the line is stripped");
        }
    }

    @ParameterizedTest
    @MethodSource("everyVersion")
    void aLineThatIsNotAUrlGetsAnErrorLine(Supplier<ServerSample> version) throws Exception {
        try (RunningServer proxy = RunningServer.start(version.get())) {
            assertEquals("error: not an http or https URL: 'hello'\r\n", ask(proxy, "hello"));
            assertEquals("error: not an http or https URL: 'ftp://127.0.0.1/x'\r\n", ask(proxy, "ftp://127.0.0.1/x"));
            assertEquals("error: not an http or https URL: ''\r\n", ask(proxy, ""));
            assertEquals(Origin.PAGE, ask(proxy, origin.url("/page")), "still serving");
        }
    }

    @ParameterizedTest
    @MethodSource("everyVersion")
    void aPageThatIsNotThereGetsAnErrorNamingTheStatus(Supplier<ServerSample> version) throws Exception {
        try (RunningServer proxy = RunningServer.start(version.get())) {
            String reply = ask(proxy, origin.url("/missing"));
            assertTrue(reply.startsWith("error: ") && reply.contains("404") && reply.endsWith("\r\n"), reply);
        }
    }

    @ParameterizedTest
    @MethodSource("everyVersion")
    void aRefusedConnectionGetsAnErrorLine(Supplier<ServerSample> version) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        try (RunningServer proxy = RunningServer.start(version.get())) {
            String reply = ask(proxy, "http://127.0.0.1:" + closedPort + "/");
            assertTrue(reply.startsWith("error: ") && reply.toLowerCase().contains("refused"), reply);
        }
    }

    @ParameterizedTest
    @MethodSource("cooperativeVersions")
    void aSlowPageDoesNotHoldUpOtherClients(Supplier<ServerSample> version) throws Exception {
        try (RunningServer proxy = RunningServer.start(version.get()); Socket slow = proxy.connect()) {
            slow.getOutputStream().write((origin.url("/slow") + "\r\n").getBytes(UTF_8));
            slow.getOutputStream().flush();
            awaitSlowHit();
            assertEquals(Origin.PAGE, ask(proxy, origin.url("/page")), "answered while /slow is pending");
            origin.release("at last");
            assertEquals("at last", new String(slow.getInputStream().readAllBytes(), UTF_8));
        }
    }

    @Test
    void theCachingProxyFetchesAPageOnceAndSharesAFetchInFlight() throws Exception {
        try (RunningServer proxy = RunningServer.start(ProxyServer.caching());
                Socket first = proxy.connect(); Socket second = proxy.connect()) {
            for (Socket s : new Socket[] {first, second}) {
                s.getOutputStream().write((origin.url("/slow") + "\r\n").getBytes(UTF_8));
                s.getOutputStream().flush();
            }
            awaitSlowHit();
            // The second request must have reached the proxy before the release: a third
            // connection's answer proves the proxy has read everything sent before it.
            assertEquals(Origin.PAGE, ask(proxy, origin.url("/page")));
            origin.release("shared");
            assertEquals("shared", new String(first.getInputStream().readAllBytes(), UTF_8));
            assertEquals("shared", new String(second.getInputStream().readAllBytes(), UTF_8));
            assertEquals("shared", ask(proxy, origin.url("/slow")), "from the cache");
            assertEquals(1, origin.slowHits(), "one fetch for three requests");
            assertEquals(Origin.PAGE, ask(proxy, origin.url("/page")));
            assertEquals(1, origin.pageHits(), "the page was fetched once");
        }
    }

    @Test
    void theCachingProxyDoesNotKeepAFailure() throws Exception {
        try (RunningServer proxy = RunningServer.start(ProxyServer.caching())) {
            String first = ask(proxy, origin.url("/flaky"));
            assertTrue(first.startsWith("error: ") && first.contains("500"), first);
            assertEquals("steady now", ask(proxy, origin.url("/flaky")));
            assertEquals("steady now", ask(proxy, origin.url("/flaky")));
        }
    }

    @Test
    void theCachingProxyKeepsAtMostMaxPages() throws Exception {
        try (RunningServer proxy = RunningServer.start(ProxyServer.caching(), "--max-pages", "1")) {
            assertEquals(Origin.PAGE, ask(proxy, origin.url("/page")));
            assertTrue(ask(proxy, origin.url("/flaky")).startsWith("error: "));
            assertEquals("steady now", ask(proxy, origin.url("/flaky"))); // pushes /page out
            assertEquals(Origin.PAGE, ask(proxy, origin.url("/page")));
            assertEquals(2, origin.pageHits());
        }
    }

    /** Waits, bounded, until the origin has received its first request for {@code /slow}. */
    private void awaitSlowHit() throws Exception {
        origin.slowRequested().get(RunningServer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
