package dev.jtwisted.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real shaded jar in a child JVM, as a user would. Failsafe runs it after
 * {@code package} ({@code mvn verify}); elsewhere it is skipped when the jar is missing.
 */
@Timeout(120)
class SamplesJarIT {
    /** Set by Failsafe; the default is the module's target directory. */
    private static final Path JAR = Path.of(System.getProperty("samples.jar", "target/jtwisted-samples.jar"));

    @TempDir
    Path tmp;

    @BeforeEach
    void needsThePackagedJar() {
        assumeTrue(Files.isRegularFile(JAR), "skipped: " + JAR.toAbsolutePath()
                + " does not exist; it is built by 'mvn package' (and 'mvn verify' runs this test after it)");
    }

    /** The exit status, standard output and standard error of {@code java -jar JAR args}. */
    private record Run(int status, String out, String err) { }

    /** {@code java -jar JAR args}, as a command line. */
    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private Run java(String... args) throws IOException, InterruptedException {
        List<String> command = command(args);
        Path errFile = tmp.resolve("stderr.txt");
        Process process = new ProcessBuilder(command)
                .redirectError(errFile.toFile())
                .start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "java -jar " + String.join(" ", args) + " did not exit");
        String err = Files.readString(errFile, StandardCharsets.UTF_8);
        return new Run(process.exitValue(), out.replace(System.lineSeparator(), "\n"),
                err.replace(System.lineSeparator(), "\n"));
    }

    @Test
    void listsTheSamples() throws Exception {
        Run run = java("--list");
        assertEquals(0, run.status(), run.err());
        assertEquals("""
                call-later      callLater demo: schedule, cancel, delay and reset a call, on a fake clock (training)
                counting        Counting server: tells each client how many clients are connected, then uppercases (training)
                echo            Echo server: writes back whatever bytes arrive (Twisted's echoserv.py)
                echo-int32      Length-prefixed echo server: an Int32StringReceiver sends back each string
                echo-line       Line echo server: a LineReceiver sends back each line
                echo-netstring  Netstring echo server: a NetstringReceiver sends back each netstring
                errback-demo    How a Deferred's chain switches between callbacks and errbacks (default)
                fib             Fibonacci numbers over HTTP, computed in a thread pool with deferToThread (training)
                http-get        HTTP client written by hand on a Protocol: GET an http:// URL and print the body (training)
                inline-demo     The errback demo as sequential code: inlineCallbacks, await and try/catch
                null            Do-nothing server: accepts connections and ignores everything (training)
                simple-client   The training's simple clients 1-4: one connection per word to an upper server (--variant)
                upper           Uppercase server: sends back what it receives in upper case (training)
                web-slow        A response written over time with NOT_DONE_YET and callLater: a, b, c, one delay apart (training)
                web-tree        A web resource tree: putChild, isLeaf, render_GET and render_POST with request.args (training)
                """, run.out());
    }

    @Test
    void runsTheDefaultSampleWithoutArgumentsAndExitsByItselfWithZero() throws Exception {
        Run run = java();
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("== 1. callback runs the callbacks, errback runs the errbacks\n"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void runsTheInlineDemoWithItsThreadsAndExitsWithZero() throws Exception {
        Run run = java("inline-demo");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().endsWith("[5s] onError: ERROR disk on fire\n"), run.out());
    }

    @Test
    void servesEchoLineUntilSigtermThenExitsWithZero() throws Exception {
        Path errFile = tmp.resolve("echo-line-stderr.txt");
        Process process = new ProcessBuilder(command("echo-line", "--port", "0"))
                .redirectError(errFile.toFile())
                .start();
        try {
            process.getOutputStream().close();
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            // readLine cannot be interrupted, so it waits on another thread and we wait for it, bounded.
            CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            String line = firstLine.get(60, TimeUnit.SECONDS);
            Matcher listening = Pattern.compile("echo-line listening on 127\\.0\\.0\\.1:(\\d+)").matcher(
                    String.valueOf(line));
            assertTrue(listening.matches(), "first line: " + line + "; stderr: " + Files.readString(errFile));
            int port = Integer.parseInt(listening.group(1));

            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write("hello, jar\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] echo = socket.getInputStream().readNBytes("hello, jar\r\n".length());
                assertEquals("hello, jar\r\n", new String(echo, StandardCharsets.US_ASCII));
            }

            process.destroy(); // SIGTERM, as kill and a service manager send; Ctrl-C is SIGINT
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "echo-line did not exit after SIGTERM");
            String err = Files.readString(errFile, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), err);
            assertTrue(err.contains("jtwisted-samples: shutting down; stopping the reactor"), err);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void exitsWithTwoOnABadPortForAServer() throws Exception {
        Run run = java("echo-line", "--port", "70000");
        assertEquals(2, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith(
                "jtwisted-samples echo-line: --port must be an integer from 0 to 65535, not '70000'\n"), run.err());
    }

    @Test
    void exitsWithTwoOnAnUnknownSample() throws Exception {
        Run run = java("no-such-sample");
        assertEquals(2, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("jtwisted-samples: unknown sample 'no-such-sample'\n"), run.err());
    }
}
