package dev.jtwisted.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the Python Twisted scripts of {@code src/test/resources/python} as child processes, and
 * skips the test, saying why, where {@code /usr/bin/python3} has no Twisted.
 * Register it per test class; every process a test starts is killed when that test ends,
 * passed or failed, so none outlives it:
 *
 * <pre>{@code
 * @RegisterExtension final PythonTwisted python = new PythonTwisted();
 *
 * PythonProcess server = python.start("echo_server.py");
 * int port = server.awaitListening(Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>The interpreter is {@code /usr/bin/python3} (Debian's, which {@code python3-twisted}
 * installs into), or the {@code interop.python} system property.
 *
 * <p>Twisted: none; the peers it runs are real Twisted.
 */
public final class PythonTwisted implements BeforeEachCallback, AfterEachCallback {
    /** The system property that names another interpreter. */
    public static final String PYTHON_PROPERTY = "interop.python";
    /** What a skipped test says. */
    public static final String NOT_INSTALLED = "Python Twisted not installed: apt-get install python3-twisted";

    private static final Object probeLock = new Object();
    private static Optional<String> probed;
    private static String probeProblem;

    private final Started<PythonProcess> started = new Started<>();

    /** The interpreter the scripts run with. */
    public static Path python() {
        return Path.of(System.getProperty(PYTHON_PROPERTY, "/usr/bin/python3"));
    }

    /**
     * Twisted's version as {@code twisted.__version__} says, e.g. {@code 22.4.0}; empty if the
     * interpreter is missing or cannot import Twisted. Asked once per JVM.
     */
    public static Optional<String> twistedVersion() {
        synchronized (probeLock) {
            if (probed == null) {
                probe();
            }
            return probed;
        }
    }

    /** Skips the calling test, with {@link #NOT_INSTALLED} and the cause, if there is no Twisted. */
    public static void assumeInstalled() {
        Optional<String> version = twistedVersion();
        assumeTrue(version.isPresent(), () -> NOT_INSTALLED + " (" + probeProblem + ")");
    }

    /**
     * Starts {@code script} from {@code src/test/resources/python} with {@code args}, plus
     * {@code --watch-stdin} so that the script exits by itself if this JVM dies. The process is
     * closed when the test ends.
     *
     * @throws IllegalArgumentException if there is no such script
     */
    public PythonProcess start(String script, String... args) {
        Objects.requireNonNull(script, "script");
        Path path = script(script);
        List<String> command = new ArrayList<>();
        command.add(python().toString());
        command.add("-u");
        command.add(path.toString());
        command.addAll(List.of(args));
        command.add("--watch-stdin");
        ProcessBuilder builder = new ProcessBuilder(command).directory(path.getParent().toFile());
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        builder.environment().put("PYTHONUNBUFFERED", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        PythonProcess p = new PythonProcess(script + " " + String.join(" ", args), process);
        started.add(p);
        return p;
    }

    /**
     * The path of a script in {@code src/test/resources/python} (as copied to the test class
     * path), for running it by other means.
     *
     * @throws IllegalArgumentException if there is no such script
     */
    public static Path script(String name) {
        URL url = PythonTwisted.class.getResource("/python/" + name);
        if (url == null || !"file".equals(url.getProtocol())) {
            throw new IllegalArgumentException("no script python/" + name + " on the test class path: " + url);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad script URL: " + url, e);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        assumeInstalled();
    }

    /** Closes every process the test started, newest first, even if closing one fails. */
    @Override
    public void afterEach(ExtensionContext context) {
        started.endAll(PythonProcess::close);
    }

    private static void probe() {
        Path python = python();
        if (!Files.isExecutable(python)) {
            probed = Optional.empty();
            probeProblem = python + " is not an executable file";
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(python.toString(), "-c",
                "import twisted; print(twisted.__version__)").redirectErrorStream(true);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // The output is one line, or a short traceback: the pipe cannot fill up.
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                probed = Optional.empty();
                probeProblem = python + " -c 'import twisted' took more than 30 s";
                return;
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                probed = Optional.empty();
                probeProblem = python + " cannot import twisted: " + lastLine(out);
                return;
            }
            probed = Optional.of(out);
            probeProblem = null;
        } catch (IOException e) {
            probed = Optional.empty();
            probeProblem = "cannot run " + python + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            probed = Optional.empty();
            probeProblem = "interrupted while asking " + python + " for Twisted's version";
        }
    }

    private static String lastLine(String text) {
        int nl = text.lastIndexOf('\n');
        return nl < 0 ? text : text.substring(nl + 1);
    }
}
