package dev.jtwisted.interop;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the samples as a user does, {@code java -jar samples/target/jtwisted-samples.jar NAME
 * --port 0 ...}, in a child JVM (the test JVM's {@code java}), and skips the test, saying why,
 * when the jar has not been built: a full {@code mvn verify} packages the samples module before
 * this module's tests run, but {@code mvn -pl interop test} alone does not. Every sample a test
 * starts is stopped when the test ends, passed or failed: SIGTERM, as Ctrl-C or {@code kill}
 * would, then SIGKILL if it is still there after a bounded wait.
 *
 * <p>The jar is {@code ../samples/target/jtwisted-samples.jar} from this module's directory, or
 * the {@code samples.jar} system property. It is not a Maven dependency of this module: it is
 * the shaded jar a user runs.
 */
final class SamplesJar implements BeforeEachCallback, AfterEachCallback {
    /** The system property that names another jar. */
    static final String JAR_PROPERTY = "samples.jar";

    private static final Pattern LISTENING = Pattern.compile("(\\S+) listening on (\\S+):(\\d+)");
    private static final Duration STOP = Duration.ofSeconds(20);

    /** Every sample running, for the hook that kills them if the test JVM exits mid-test. */
    private static final Set<Process> running = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> running.forEach(Process::destroyForcibly),
                "samples-jar-reaper"));
    }

    private final Started<Sample> started = new Started<>();

    /** The jar the samples run from. */
    static Path jar() {
        String property = System.getProperty(JAR_PROPERTY);
        if (property != null) {
            return Path.of(property).toAbsolutePath();
        }
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        return module.resolve("../samples/target/jtwisted-samples.jar").toAbsolutePath().normalize();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Path jar = jar();
        assumeTrue(Files.isRegularFile(jar), () -> "samples jar not built: " + jar + " does not exist; "
                + "'mvn -B -DskipTests package' (or a full 'mvn verify', which packages the samples module before "
                + "this one's tests) makes it");
    }

    /**
     * Starts {@code java -jar JAR name args...}; wait for its ports with {@link Sample#port}.
     * Stopped when the test ends.
     */
    Sample start(String name, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar().toString());
        command.add(name);
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        running.add(process);
        process.onExit().thenRun(() -> running.remove(process));
        Sample sample = new Sample(name + " " + String.join(" ", args), process);
        started.add(sample);
        return sample;
    }

    /** Stops every sample the test started, newest first, even if stopping one fails. */
    @Override
    public void afterEach(ExtensionContext context) {
        started.endAll(Sample::stop);
    }

    /**
     * One sample running in its child JVM: its stdout read line by line (for its
     * {@code NAME listening on HOST:PORT} lines), its stderr (the log) kept for failure messages.
     */
    static final class Sample {
        /** Stands in the stdout queue for end of file; compared by identity. */
        private static final String EOF = new String("<eof>");
        private static final int STDERR_LIMIT = 256 * 1024;

        private final String name;
        private final Process process;
        private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
        private final List<String> stdoutSeen = new ArrayList<>();
        private final Map<String, Integer> ports = new HashMap<>();
        private final StringBuilder stderr = new StringBuilder();
        private final Thread stdoutPump;
        private final Thread stderrPump;
        private boolean stdoutEnded;

        private Sample(String name, Process process) {
            this.name = name;
            this.process = process;
            this.stdoutPump = pump("stdout", process.getInputStream(), stdout::add);
            this.stderrPump = pump("stderr", process.getErrorStream(), this::appendStderr);
        }

        /**
         * The port of the {@code listener listening on 127.0.0.1:PORT} line, reading stdout until
         * it comes (other lines, such as "connect with: ...", are kept for messages).
         *
         * @throws AssertionError if it does not come within {@code timeout}, or stdout ends first
         */
        int port(String listener, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!ports.containsKey(listener)) {
                if (stdoutEnded) {
                    fail(this + " closed stdout without \"" + listener + " listening on ...\"" + diagnostics());
                }
                String line;
                try {
                    line = stdout.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted waiting for " + this, e);
                }
                if (line == null) {
                    fail(this + " did not print \"" + listener + " listening on ...\" within " + timeout
                            + diagnostics());
                }
                if (line == EOF) {
                    stdoutEnded = true;
                    continue;
                }
                synchronized (stdoutSeen) {
                    stdoutSeen.add(line);
                }
                Matcher m = LISTENING.matcher(line);
                if (m.matches()) {
                    if (!"127.0.0.1".equals(m.group(2))) {
                        fail(this + " listens on " + m.group(2) + ", not 127.0.0.1: " + line + diagnostics());
                    }
                    ports.put(m.group(1), Integer.parseInt(m.group(3)));
                }
            }
            return ports.get(listener);
        }

        /**
         * Stops the sample as {@code kill} does (SIGTERM) and waits for it; kills it (SIGKILL) if it
         * is still running after {@link #STOP}.
         *
         * @throws AssertionError if it had to be killed, or did not exit with 0 after SIGTERM, as the
         *     README says it does
         */
        void stop() {
            try {
                if (!process.isAlive()) {
                    fail(this + " exited by itself before the test ended" + diagnostics());
                }
                process.destroy();
                if (!process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    boolean gone = process.waitFor(10, TimeUnit.SECONDS);
                    fail(this + " did not exit within " + STOP + " of SIGTERM; "
                            + (gone ? "killed" : "still running after SIGKILL") + diagnostics());
                }
                stdoutPump.join(2000);
                stderrPump.join(2000);
                if (process.exitValue() != 0) {
                    fail(this + " exited with " + process.exitValue() + " after SIGTERM, not 0" + diagnostics());
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted stopping " + this, e);
            }
        }

        /** Whether it is still running, and what it printed, for failure messages. */
        String diagnostics() {
            String status = process.isAlive() ? "still running" : "exit code " + process.exitValue();
            List<String> seen;
            synchronized (stdoutSeen) {
                seen = List.copyOf(stdoutSeen);
            }
            String err;
            synchronized (stderr) {
                err = stderr.toString();
            }
            return "\n  " + status + "\n  stdout read so far: " + seen + "\n  stderr (its log):\n" + err;
        }

        @Override
        public String toString() {
            return "java -jar jtwisted-samples.jar " + name + " (pid " + process.pid() + ")";
        }

        private void appendStderr(String line) {
            synchronized (stderr) {
                if (stderr.length() < STDERR_LIMIT) {
                    stderr.append("    ").append(line).append('\n');
                }
            }
        }

        private Thread pump(String stream, InputStream in, Consumer<String> sink) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        sink.accept(line);
                    }
                } catch (IOException e) {
                    appendStderr("<" + stream + " of the sample unreadable: " + e + ">");
                } finally {
                    if ("stdout".equals(stream)) {
                        stdout.add(EOF);
                    }
                }
            }, "sample-" + stream + "-" + process.pid());
            t.setDaemon(true);
            t.start();
            return t;
        }
    }
}
