package dev.jtwisted.interop;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.jtwisted.internet.CannotListenError;
import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.internet.UNIXAddress;
import dev.jtwisted.internet.endpoints.Endpoints;
import dev.jtwisted.interop.ConnectionLog.Closed;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * jtwisted's UNIX sockets against real Twisted 22.4, both ways, through {@code unix:} endpoints
 * with lock files: echo byte for byte, and each side's lock keeping the other off its path
 * (the two write the same lock format). Skips without {@code python3-twisted}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnixInteropTest {
    private static final Duration LINE = Duration.ofSeconds(10);
    private static final Duration RUN = Duration.ofSeconds(40);

    @RegisterExtension
    final PythonTwisted python = new PythonTwisted();

    @TempDir
    Path dir;

    private Reactors.Running running;
    private String path;

    @BeforeEach
    void startReactor() {
        running = Reactors.start();
        path = dir.resolve("echo.sock").toString();
    }

    @AfterEach
    void stopReactor() {
        if (running != null) {
            running.close();
        }
    }

    /** Listens on {@code path} with a lock file, through the endpoint description, as a server would. */
    private IListeningPort listenEcho(ConnectionLog log) {
        CompletableFuture<IListeningPort> listening = new CompletableFuture<>();
        running.call(() -> Endpoints.serverFromString(running.reactor, "unix:" + path + ":lockfile=1")
                .listen(Echo.factory(log))
                .addCallback(port -> listening.complete(port))
                .addErrback(f -> listening.completeExceptionally(f.value())));
        return running.call(() -> listening.getNow(null));
    }

    @Nested
    class JtwistedServerWithTwistedClient {
        @Test
        void echoesEveryByteOfSeveralConnectionsBackToATwistedClientThatChecksTheLock() {
            int nbytes = 4 << 20;
            int nconn = 4;
            ConnectionLog log = new ConnectionLog();
            IListeningPort port = listenEcho(log);
            assertEquals(new UNIXAddress(path), port.getHost());

            PythonProcess client = python.start("echo_client.py", "unix", "0", String.valueOf(nbytes),
                    String.valueOf(nconn), "--endpoint", "unix:path=" + Endpoints.quoteStringArgument(path)
                            + ":lockfile=1");
            JsonObject result = client.readJson(RUN);
            int exit = client.waitFor(LINE);
            assertAll(
                    () -> assertTrue(result.get("ok").getAsBoolean(), () -> "echo_client: " + result + client.diagnostics()),
                    () -> assertEquals(0, exit, client::diagnostics),
                    () -> assertEquals(nbytes, result.get("bytes").getAsLong()));
            List<Closed> closed = log.awaitAllClosed(nconn, LINE);
            assertEquals(nconn, closed.size(), closed::toString);
            for (Closed c : closed) {
                assertEquals(ConnectionDone.class, c.reason(), c::toString);
            }
        }

        @Test
        void aTwistedServerCannotTakeAPathWhoseLockJtwistedHolds() {
            listenEcho(new ConnectionLog());
            PythonProcess server = python.start("echo_server.py", "--endpoint",
                    "unix:" + Endpoints.quoteStringArgument(path));
            assertEquals(2, server.waitFor(LINE), server::diagnostics);
            assertTrue(server.diagnostics().contains("Cannot acquire lock"), server::diagnostics);
        }
    }

    @Nested
    class JtwistedClientWithTwistedServer {
        @Test
        void getsEveryByteOfSeveralConnectionsBackCheckingTwistedsLock() {
            int perConnection = 1 << 20;
            int nconn = 4;
            PythonProcess server = python.start("echo_server.py", "--endpoint",
                    "unix:" + Endpoints.quoteStringArgument(path));
            server.awaitListening(LINE);
            assertTrue(Files.isSymbolicLink(Path.of(path + ".lock")), "Twisted holds " + path + ".lock");

            List<CompletableFuture<CheckingEchoClient.Result>> results = new ArrayList<>();
            for (int i = 0; i < nconn; i++) {
                CompletableFuture<CheckingEchoClient.Result> result = new CompletableFuture<>();
                byte[] data = CheckingEchoClient.data(i, perConnection);
                running.call(() -> running.reactor.connectUNIX(path, CheckingEchoClient.factory(data, result), 10,
                        true));
                results.add(result);
            }
            for (CompletableFuture<CheckingEchoClient.Result> f : results) {
                CheckingEchoClient.Result r = server.await(f, RUN);
                assertTrue(r.ok(), () -> r + server.diagnostics());
                assertEquals(ConnectionDone.class, r.reason(), r::toString);
            }
            for (int i = 0; i < nconn; i++) {
                JsonObject closed = server.readJson(LINE);
                assertEquals("closed", closed.get("event").getAsString(), closed::toString);
                assertEquals(perConnection, closed.get("bytes").getAsLong(), closed::toString);
                assertEquals("ConnectionDone", closed.get("reason").getAsString(), closed::toString);
            }
        }

        @Test
        void jtwistedCannotTakeAPathWhoseLockTwistedHolds() {
            PythonProcess server = python.start("echo_server.py", "--endpoint",
                    "unix:" + Endpoints.quoteStringArgument(path));
            server.awaitListening(LINE);
            CannotListenError e = assertThrows(CannotListenError.class, () -> {
                try {
                    running.call(() -> running.reactor.listenUNIX(path, ServerFactory.forProtocol(Protocol::new), 50,
                            0666, true));
                } catch (AssertionError wrapped) {
                    throw wrapped.getCause();
                }
            });
            assertTrue(e.getMessage().contains("Cannot acquire lock"), e.getMessage());
            assertTrue(Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS), "Twisted's socket is untouched");
        }
    }
}
