package dev.jtwisted.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The twistd runner from the real shaded jar, in a child JVM, as a service manager runs it:
 * started with a pid file and a log file, talked to, stopped with SIGTERM. Failsafe runs it
 * after {@code package} ({@code mvn verify}); elsewhere it is skipped when the jar is missing.
 */
@Timeout(120)
class TwistdJarIT {
    private static final Path JAR = Path.of(System.getProperty("samples.jar", "target/jtwisted-samples.jar"));
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @BeforeEach
    void needsThePackagedJar() {
        assumeTrue(Files.isRegularFile(JAR), "skipped: " + JAR.toAbsolutePath()
                + " does not exist; it is built by 'mvn package' (and 'mvn verify' runs this test after it)");
    }

    /** {@code java -jar JAR twistd args}, its standard output and error going to files in tmp. */
    private Process twistd(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(), "twistd"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectOutput(tmp.resolve(name + ".out").toFile())
                .redirectError(tmp.resolve(name + ".err").toFile())
                .start();
        process.getOutputStream().close();
        return process;
    }

    private String read(String file) throws IOException {
        return Files.readString(tmp.resolve(file), StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    /**
     * Waits until {@code file} holds a line matching {@code pattern}, woken by the file system as
     * the file grows; fails if {@code process} exits first or {@link #WAIT} passes.
     */
    private Matcher awaitLine(Path file, Pattern pattern, Process process) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
            while (true) {
                if (Files.exists(file)) {
                    Matcher m = pattern.matcher(Files.readString(file, StandardCharsets.UTF_8));
                    if (m.find()) {
                        return m;
                    }
                }
                assertTrue(process.isAlive(), "twistd exited with " + (process.isAlive() ? "" : process.exitValue())
                        + " before logging " + pattern + "; stderr: " + read("twistd.err"));
                long left = deadline - System.nanoTime();
                assertTrue(left > 0, "no line matching " + pattern + " in " + file + " within " + WAIT);
                // Bounded by the time left, and short enough to notice the process exiting.
                WatchKey key = watcher.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
    }

    @Test
    void servesEchoLineWithAPidFileAndALogFileUntilSigtermThenCleansUpAndExitsWithZero() throws Exception {
        Path pidfile = tmp.resolve("twistd.pid");
        Path logfile = tmp.resolve("twistd.log");
        Process process = twistd("twistd", "--pidfile", pidfile.toString(), "--logfile", logfile.toString(),
                "--reactor", "nio", "--loglevel", "debug", "echo-line", "--port", "0");
        try {
            Matcher listening = awaitLine(logfile, Pattern.compile("echo-line listening on 127\\.0\\.0\\.1:(\\d+)"),
                    process);
            int port = Integer.parseInt(listening.group(1));
            assertEquals(process.pid() + "\n", Files.readString(pidfile));

            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout((int) WAIT.toMillis());
                socket.getOutputStream().write("hello, twistd\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] echo = socket.getInputStream().readNBytes("hello, twistd\r\n".length());
                assertEquals("hello, twistd\r\n", new String(echo, StandardCharsets.US_ASCII));
            }

            Process second = twistd("second", "--pidfile", pidfile.toString(), "echo-line", "--port", "0");
            assertTrue(second.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the second twistd did not exit");
            assertEquals(1, second.exitValue(), read("second.err"));
            assertEquals("twistd echo-line: pid file " + pidfile + " names process " + process.pid()
                    + ", which is running; stop it first, or use another --pidfile\n", read("second.err"));
            assertEquals("", read("second.out"));

            process.destroy(); // SIGTERM, as kill and systemctl stop send
            assertTrue(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "twistd did not exit after SIGTERM");
            String log = Files.readString(logfile, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), log + read("twistd.err"));

            assertFalse(Files.exists(pidfile), "the pid file is removed");
            assertEquals("", read("twistd.out"), "everything goes to the log file");
            assertEquals("", read("twistd.err"), "everything goes to the log file");
            assertInOrder(log, "twistd starting up: echo-line (pid " + process.pid() + ",",
                    "Reactor jtwisted-reactor on NIO",
                    "echo-line listening on 127.0.0.1:" + port,
                    "twistd: shutting down; stopping the reactor",
                    "(TCP Port " + port + " Closed)",
                    "Server Shut Down.");
            assertTrue(log.contains(" DEBUG "), "--loglevel debug lets debug lines through:\n" + log);
            assertTrue(Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d").matcher(log).find(),
                    "log lines carry a timestamp:\n" + log);
        } finally {
            process.destroyForcibly();
        }
    }

    private static void assertInOrder(String text, String... parts) {
        int from = 0;
        for (String part : parts) {
            int at = text.indexOf(part, from);
            assertTrue(at >= 0, "'" + part + "' after offset " + from + " in:\n" + text);
            from = at + part.length();
        }
    }

    @Test
    void helpListsTheSamplesAsPluginsAndSaysThereIsNoDaemonMode() throws Exception {
        Process process = twistd("help", "--help");
        assertTrue(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), read("help.err"));
        String help = read("help.out");
        assertTrue(help.contains("There is no daemon mode"), help);
        assertTrue(help.contains("""
                plugins:
                  counting        Counting server: tells each client how many clients are connected, then uppercases (training)
                  echo            Echo server: writes back whatever bytes arrive (Twisted's echoserv.py)
                  echo-int32      Length-prefixed echo server: an Int32StringReceiver sends back each string
                  echo-line       Line echo server: a LineReceiver sends back each line
                  echo-netstring  Netstring echo server: a NetstringReceiver sends back each netstring
                  fib             Fibonacci numbers over HTTP, computed in a thread pool with deferToThread (training)
                  null            Do-nothing server: accepts connections and ignores everything (training)
                  upper           Uppercase server: sends back what it receives in upper case (training)
                  web             A general-purpose web server: a directory or a resource class on an endpoint
                  web-slow        A response written over time with NOT_DONE_YET and callLater: a, b, c, one delay apart (training)
                  web-tree        A web resource tree: putChild, isLeaf, render_GET and render_POST with request.args (training)
                """), help);
        assertEquals("", read("help.err"));
    }

    @Test
    void refusesAnUnknownPluginWithTwo() throws Exception {
        Process process = twistd("unknown", "no-such-plugin");
        assertTrue(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        assertTrue(read("unknown.err").startsWith("twistd: unknown plugin 'no-such-plugin'\n"), read("unknown.err"));
    }
}
