package dev.jtwisted.samples.finger;

import static dev.jtwisted.samples.finger.FingerWire.ask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.python.usage.UsageError;
import dev.jtwisted.samples.RunningServer;
import dev.jtwisted.samples.finger.steps.FingerStepsAccess;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code finger-proxy}: against the finger sample, the test's own upstream, and upstreams that fail. */
@Timeout(60)
class FingerProxyTest {

    private static RunningServer proxy(String upstream, String... options) throws Exception {
        String[] argv = new String[options.length + 2];
        argv[0] = "--upstream";
        argv[1] = upstream;
        System.arraycopy(options, 0, argv, 2, options.length);
        return RunningServer.start(new FingerProxy(), argv);
    }

    @Nested
    class InFrontOfTheFingerSample {
        @Test
        void passesOnTheUpstreamsAnswers() throws Exception {
            try (RunningServer finger = RunningServer.start(new Finger(), "--setter-port", "0");
                    RunningServer proxy = proxy("127.0.0.1:" + finger.port("finger"))) {
                assertEquals("Happy and well\r\n", ask(proxy.port(), "moshez\r\n"));
                assertEquals("No such user\r\n", ask(proxy.port(), "nobody\r\n"));
                assertEquals("No such user\r\n", ask(proxy.port(), "\r\n"));

                assertEquals("", ask(finger.port("finger-setter"), "moshez\r\nBehind a proxy\r\n"));
                assertEquals("Behind a proxy\r\n", ask(proxy.port(), "moshez\r\n"));
            }
        }

        @Test
        void answersATooLongLineItselfWithoutAskingUpstream() throws Exception {
            try (RunningServer finger = RunningServer.start(new Finger(), "--setter-port", "0");
                    RunningServer proxy = proxy("127.0.0.1:" + finger.port("finger"))) {
                assertEquals("Line too long: a user name has at most 1024 bytes\r\n",
                        ask(proxy.port(), "x".repeat(1026)));
            }
        }
    }

    @Nested
    class AgainstTheTestsOwnUpstream {
        @Test
        void sendsTheUserAsOneLineAndPassesOnAMultiLineReply() throws Exception {
            try (ServerSocket upstream = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    RunningServer proxy = proxy("127.0.0.1:" + upstream.getLocalPort())) {
                CompletableFuture<String> request = serveOnce(upstream, "Login: moshez\r\nPlan: none\r\n");
                assertEquals("Login: moshez\r\nPlan: none\r\n", ask(proxy.port(), "moshez\r\n"));
                assertEquals("moshez\r\n", request.get(RunningServer.WAIT.toMillis(), TimeUnit.MILLISECONDS));
            }
        }

        @Test
        void passesOnAReplyWithoutALineEnd() throws Exception {
            try (ServerSocket upstream = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    RunningServer proxy = proxy("127.0.0.1:" + upstream.getLocalPort())) {
                serveOnce(upstream, "Terse");
                assertEquals("Terse\r\n", ask(proxy.port(), "moshez\r\n"));
            }
        }

        /** Accepts one connection, reads one line, answers {@code reply} and closes; completes with the line read. */
        private CompletableFuture<String> serveOnce(ServerSocket upstream, String reply) {
            return CompletableFuture.supplyAsync(() -> {
                try (Socket socket = upstream.accept()) {
                    socket.setSoTimeout((int) RunningServer.WAIT.toMillis());
                    InputStream in = socket.getInputStream();
                    ByteArrayOutputStream line = new ByteArrayOutputStream();
                    int b;
                    while ((b = in.read()) >= 0) {
                        line.write(b);
                        if (b == '\n') {
                            break;
                        }
                    }
                    socket.getOutputStream().write(reply.getBytes(StandardCharsets.UTF_8));
                    return line.toString(StandardCharsets.UTF_8);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
        }
    }

    @Nested
    class WhenTheUpstreamFails {
        @Test
        void answersWithAnErrorNamingAnUpstreamThatRefuses() throws Exception {
            int port;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            try (RunningServer proxy = proxy("127.0.0.1:" + port)) {
                assertEquals("Error: upstream finger server 127.0.0.1:" + port + " refused the connection\r\n",
                        ask(proxy.port(), "moshez\r\n"));
                // The proxy itself goes on serving.
                assertEquals("Error: upstream finger server 127.0.0.1:" + port + " refused the connection\r\n",
                        ask(proxy.port(), "nobody\r\n"));
            }
        }

        @ParameterizedTest(name = "upstream finger-steps {0}")
        @ValueSource(ints = {3, 4})
        void answersWithAnErrorWhenTheUpstreamClosesWithoutAnAnswer(int step) throws Exception {
            try (RunningServer upstream = FingerStepsAccess.start(step);
                    RunningServer proxy = proxy("127.0.0.1:" + upstream.port())) {
                assertEquals("Error: upstream finger server 127.0.0.1:" + upstream.port()
                        + " closed the connection without an answer\r\n", ask(proxy.port(), "moshez\r\n"));
            }
        }

        @Test
        void answersWithAnErrorWhenTheUpstreamDoesNotAnswerInTime() throws Exception {
            try (RunningServer upstream = FingerStepsAccess.start(1);
                    RunningServer proxy = proxy("127.0.0.1:" + upstream.port(), "--timeout", "0.2")) {
                assertEquals("Error: upstream finger server 127.0.0.1:" + upstream.port()
                        + " did not answer within 0.2 s\r\n", ask(proxy.port(), "moshez\r\n"));
            }
        }
    }

    @Nested
    class CommandLine {
        @ParameterizedTest
        @CsvSource({
            "127.0.0.1:1079, 127.0.0.1, 1079",
            "finger.example:7979, finger.example, 7979",
            "localhost, localhost, 79",
            "[::1]:1079, ::1, 1079",
            "[::1], ::1, 79",
        })
        void readsTheUpstream(String value, String host, int port) {
            assertEquals(new Upstream(host, port), Upstream.parse(value));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "host:", "host:0", "host:65536", "host:x", "::1:79", "a b:79", "[host]:79"})
        void refusesABadUpstream(String value) {
            UsageError e = assertThrows(UsageError.class, () -> Upstream.parse(value));
            assertEquals("--upstream must be HOST:PORT (port 1 to 65535; 79 if left out), such as 127.0.0.1:1079"
                    + " or [::1]:1079, not '" + value + "'", e.getMessage());
        }

        @Test
        void exitsWithTwoOnABadUpstream() throws Exception {
            try (RunningServer proxy = RunningServer.launch(new FingerProxy(), "--port", "0", "--upstream", "nowhere:0")) {
                assertEquals(2, proxy.awaitExit());
                assertTrue(proxy.err().startsWith("jtwisted-samples finger-proxy: --upstream must be HOST:PORT"),
                        proxy.err());
            }
        }

        @Test
        void exitsWithTwoOnABadTimeout() throws Exception {
            try (RunningServer proxy = RunningServer.launch(new FingerProxy(), "--port", "0", "--timeout", "0")) {
                assertEquals(2, proxy.awaitExit());
                assertTrue(proxy.err().startsWith("jtwisted-samples finger-proxy: --timeout must be a number of seconds"),
                        proxy.err());
            }
        }
    }
}
