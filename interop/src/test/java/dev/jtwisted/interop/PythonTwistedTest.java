package dev.jtwisted.interop;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.jtwisted.interop.ScriptedPeer.Case;
import dev.jtwisted.interop.ScriptedPeer.Step;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The harness itself, with no jtwisted reactor: the Python scripts against each other and
 * against plain Java sockets, and the process handling that keeps a failing script from hanging
 * a test or outliving it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PythonTwistedTest {
    private static final Duration LINE = Duration.ofSeconds(10);
    private static final String HOST = "127.0.0.1";

    @RegisterExtension
    final PythonTwisted python = new PythonTwisted();

    @Nested
    class Probe {
        @Test
        void reportsTwistedsVersion() {
            String version = PythonTwisted.twistedVersion().orElseThrow();
            assertTrue(version.matches("\\d+\\.\\d+.*"), version);
        }
    }

    @Nested
    class Processes {
        @Test
        void closeStopsAServerThatIsStillListening() {
            PythonProcess server = python.start("echo_server.py");
            server.awaitListening(LINE);
            assertTrue(server.isAlive());

            server.close();

            assertFalse(server.isAlive(), server::diagnostics);
        }

        @Test
        void aScriptExitsByItselfWhenItsStdinCloses() {
            PythonProcess server = python.start("echo_server.py");
            server.awaitListening(LINE);

            server.closeStdin();

            assertEquals(0, server.waitFor(LINE), server::diagnostics);
            assertTrue(server.stderr().contains("stdin closed"), server::stderr);
        }

        @Test
        void aScriptThatFailsIsReportedWithItsExitCodeAndStderr() {
            PythonProcess client = python.start("echo_client.py", "not-enough-arguments");

            AssertionError e = assertThrows(AssertionError.class, () -> client.readLine(LINE));

            assertAll(
                    () -> assertTrue(e.getMessage().contains("exit code 2"), e::getMessage),
                    () -> assertTrue(e.getMessage().contains("usage: echo_client.py"), e::getMessage));
        }

        @Test
        void aClientWhosePeerNeverAnswersGivesUpAtItsDeadline() throws Exception {
            try (PlainEchoServer silent = PlainEchoServer.silent()) {
                PythonProcess client = python.start("echo_client.py", HOST, String.valueOf(silent.port()),
                        "1000", "1", "--timeout", "1");

                JsonObject result = client.readJson(LINE);

                assertEquals(3, client.waitFor(LINE), client::diagnostics);
                assertFalse(result.get("ok").getAsBoolean(), result::toString);
                assertEquals("timed out after 1s", result.get("error").getAsString());
            }
        }
    }

    /** The scripts against each other: proves them on real Twisted at both ends. */
    @Nested
    class TwistedWithTwisted {
        @Test
        void theEchoClientGetsEveryByteBackFromTheEchoServer() {
            PythonProcess server = python.start("echo_server.py");
            int port = server.awaitListening(LINE);

            PythonProcess client = python.start("echo_client.py", HOST, String.valueOf(port),
                    String.valueOf(4 << 20), "4");
            JsonObject result = client.readJson(LINE);

            assertEquals(0, client.waitFor(LINE), client::diagnostics);
            assertTrue(result.get("ok").getAsBoolean(), result::toString);
            assertEquals(4 << 20, result.get("bytes").getAsLong());
        }

        @Test
        void theEchoServerSeesResetsAsConnectionLostAndGoesOnServing() {
            PythonProcess server = python.start("echo_server.py");
            int port = server.awaitListening(LINE);

            PythonProcess client = python.start("abort_client.py", HOST, String.valueOf(port), "6",
                    String.valueOf(1 << 20));
            JsonObject result = client.readJson(LINE);

            assertEquals(0, client.waitFor(LINE), client::diagnostics);
            assertTrue(result.get("ok").getAsBoolean(), result::toString);
            assertEquals(6, result.getAsJsonArray("aborted").size());
            // What EchoInteropTest expects of jtwisted, shown here on Twisted itself.
            int lost = 0;
            int done = 0;
            for (int i = 0; i < 8; i++) {
                String reason = server.readJson(LINE).get("reason").getAsString();
                if (reason.equals("ConnectionLost")) {
                    lost++;
                } else if (reason.equals("ConnectionDone")) {
                    done++;
                }
            }
            assertEquals(6, lost);
            assertEquals(2, done);
        }
    }

    /** The framed scripts against each other, one test per framing. */
    @Nested
    class FramedTwistedWithTwisted {
        @ParameterizedTest
        @EnumSource(Framing.class)
        void theFrameClientGetsEveryFrameBackFromTheFramedEchoServer(Framing framing) {
            PythonProcess server = python.start("echo_server.py", "--framing", framing.pythonName);
            int port = server.awaitListening(LINE);

            PythonProcess client = python.start("frame_client.py", HOST, String.valueOf(port), "100", "2",
                    "--framing", framing.pythonName);
            JsonObject result = client.readJson(LINE);

            assertEquals(0, client.waitFor(LINE), client::diagnostics);
            assertTrue(result.get("ok").getAsBoolean(), result::toString);
            assertEquals(200, result.get("frames").getAsInt(), result::toString);
        }
    }

    /** The scripts against plain Java sockets: the other end the harness knows is right. */
    @Nested
    class TwistedWithPlainJavaSockets {
        @Test
        void theEchoClientGetsEveryByteBackFromAPlainEchoServer() throws Exception {
            try (PlainEchoServer plain = PlainEchoServer.echo()) {
                PythonProcess client = python.start("echo_client.py", HOST, String.valueOf(plain.port()),
                        String.valueOf(2 << 20), "3");
                JsonObject result = client.readJson(LINE);

                assertEquals(0, client.waitFor(LINE), client::diagnostics);
                assertTrue(result.get("ok").getAsBoolean(), result::toString);
                for (JsonElement c : result.getAsJsonArray("connections")) {
                    assertEquals("ConnectionDone", c.getAsJsonObject().get("reason").getAsString());
                }
            }
        }

        @Test
        void theEchoClientReportsTheFirstCorruptByteAndExitsNonzero() throws Exception {
            try (PlainEchoServer corrupting = PlainEchoServer.corruptingAt(100_000)) {
                PythonProcess client = python.start("echo_client.py", HOST, String.valueOf(corrupting.port()),
                        "300000", "1");
                JsonObject result = client.readJson(LINE);

                assertEquals(1, client.waitFor(LINE), client::diagnostics);
                assertFalse(result.get("ok").getAsBoolean(), result::toString);
                JsonObject conn = result.getAsJsonArray("connections").get(0).getAsJsonObject();
                assertEquals(100_000, conn.get("mismatch_at").getAsLong(), result::toString);
            }
        }

        @Test
        void theAbortingClientLeavesAPlainEchoServerServing() throws Exception {
            try (PlainEchoServer plain = PlainEchoServer.echo()) {
                PythonProcess client = python.start("abort_client.py", HOST, String.valueOf(plain.port()), "6",
                        String.valueOf(1 << 20));
                JsonObject result = client.readJson(LINE);

                assertEquals(0, client.waitFor(LINE), client::diagnostics);
                assertTrue(result.get("ok").getAsBoolean(), result::toString);
            }
        }

        @Test
        void theScriptedPeerRecordsWhatAPlainEchoServerSendsBack(@TempDir Path dir) throws Exception {
            Path cases = ScriptedPeer.write(dir, Framing.LINE, List.of(
                    new Case("split", List.of(new Step("one\r", 0), new Step(null, 4), new Step("\n\0\u00ff", 0)),
                            "", true, null)));
            try (PlainEchoServer plain = PlainEchoServer.echo()) {
                PythonProcess peer = python.start("scripted_peer.py", cases.toString(), "connect", HOST,
                        String.valueOf(plain.port()));
                JsonObject line = peer.readJson(LINE);
                JsonObject done = peer.readJson(LINE);

                assertEquals(0, peer.waitFor(LINE), peer::diagnostics);
                assertEquals("survived", line.get("end").getAsString(), line::toString);
                assertEquals("one\r\n\0\u00ffprobe\r\n", line.get("echoed").getAsString(), line::toString);
                assertTrue(done.get("ok").getAsBoolean(), done::toString);
                assertEquals("probe\r\nprobe\r\n", done.getAsJsonObject("steady").get("echoed").getAsString());
            }
        }

        @Test
        void theScriptedPeerCallsACaseHungWhenNothingComesBackAndExitsNonzero(@TempDir Path dir) throws Exception {
            Path cases = ScriptedPeer.write(dir, Framing.LINE, List.of(
                    new Case("silence", List.of(new Step("one\r\n", 0)), "", true, null)), 1);
            try (PlainEchoServer silent = PlainEchoServer.silent()) {
                PythonProcess peer = python.start("scripted_peer.py", cases.toString(), "connect", HOST,
                        String.valueOf(silent.port()));
                JsonObject line = peer.readJson(LINE);
                JsonObject done = peer.readJson(LINE);

                assertEquals(1, peer.waitFor(LINE), peer::diagnostics);
                assertEquals("hung", line.get("end").getAsString(), line::toString);
                assertFalse(done.get("ok").getAsBoolean(), done::toString);
                assertEquals("hung", done.getAsJsonObject("steady").get("end").getAsString(), done::toString);
            }
        }

        @Test
        void theEchoServerEchoesEveryByteToAPlainClient() throws Exception {
            PythonProcess server = python.start("echo_server.py");
            int port = server.awaitListening(LINE);
            byte[] data = CheckingEchoClient.data(7, 1 << 20);

            byte[] echoed = new byte[data.length];
            try (Socket socket = new Socket(InetAddress.getByName(HOST), port)) {
                socket.setSoTimeout((int) LINE.toMillis());
                CompletableFuture<Void> written = CompletableFuture.runAsync(() -> writeAll(socket, data));
                InputStream in = socket.getInputStream();
                for (int off = 0, n; off < echoed.length; off += n) {
                    n = in.read(echoed, off, echoed.length - off);
                    assertTrue(n > 0, "echo_server.py closed after " + off + " bytes");
                }
                written.get(LINE.toSeconds(), TimeUnit.SECONDS);
            }

            assertArrayEquals(data, echoed);
            JsonObject closed = server.readJson(LINE);
            assertEquals(data.length, closed.get("bytes").getAsLong(), closed::toString);
        }

        private void writeAll(Socket socket, byte[] data) {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(data);
                out.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("writing to echo_server.py", e);
            }
        }
    }
}
