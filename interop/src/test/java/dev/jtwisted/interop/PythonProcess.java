package dev.jtwisted.interop;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Python script running as a child process: its stdout read line by line, its stderr kept for
 * failure messages. Made by {@link PythonTwisted#start}, which closes it when the test ends.
 *
 * <p>Every wait is bounded: a script that hangs fails the test with what it printed so far, and
 * {@link #close()} kills it (and anything it started) whatever state it is in.
 *
 * <p>Threads: one test thread uses it; two daemon threads drain the pipes so that a chatty
 * script never blocks on a full pipe.
 */
public final class PythonProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("LISTENING (\\d+)");
    /** Stands in the stdout queue for end of file; compared by identity. */
    private static final String EOF = new String("<eof>");
    private static final int STDERR_LIMIT = 64 * 1024;

    private final String name;
    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> stdoutSeen = new ArrayList<>();
    private final StringBuilder stderr = new StringBuilder();
    private final Thread stdoutPump;
    private final Thread stderrPump;
    private boolean stdoutEnded;

    PythonProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdoutPump = pump("stdout", process.getInputStream(), line -> stdout.add(line));
        this.stderrPump = pump("stderr", process.getErrorStream(), this::appendStderr);
    }

    /** The script and arguments it was started with, and its pid: for messages. */
    public String name() {
        return name + " (pid " + process.pid() + ")";
    }

    /** The operating system's id of the process, e.g. for reading its CPU time. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The next line the script prints on stdout.
     *
     * @throws AssertionError if none comes within {@code timeout}, or stdout ends first; the
     *     message carries the exit code and stderr
     */
    public String readLine(Duration timeout) {
        if (stdoutEnded) {
            fail(name() + " has closed stdout" + diagnostics());
        }
        String line;
        try {
            line = stdout.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for a line from " + name(), e);
        }
        if (line == null) {
            fail(name() + " printed no line within " + timeout + diagnostics());
        }
        if (line == EOF) {
            stdoutEnded = true;
            waitQuietly(Duration.ofSeconds(2));
            fail(name() + " closed stdout before printing a line" + diagnostics());
        }
        synchronized (stdoutSeen) {
            stdoutSeen.add(line);
        }
        return line;
    }

    /**
     * Waits for the {@code LISTENING <port>} line a server script prints once bound.
     *
     * @return the port
     * @throws AssertionError if the next line is something else, or does not come in time
     */
    public int awaitListening(Duration timeout) {
        String line = readLine(timeout);
        Matcher m = LISTENING.matcher(line);
        if (!m.matches()) {
            fail(name() + " printed \"" + line + "\", expected \"LISTENING <port>\"" + diagnostics());
        }
        return Integer.parseInt(m.group(1));
    }

    /**
     * The next stdout line, parsed as a JSON object.
     *
     * @throws AssertionError if it is not one, or does not come in time
     */
    public JsonObject readJson(Duration timeout) {
        String line = readLine(timeout);
        try {
            return JsonParser.parseString(line).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new AssertionError(name() + " printed \"" + line + "\", not a JSON object"
                    + diagnostics(), e);
        }
    }

    /**
     * Waits for the script to exit by itself.
     *
     * @return its exit code
     * @throws AssertionError if it is still running after {@code timeout}
     */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                fail(name() + " still running after " + timeout + diagnostics());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + name() + " to exit", e);
        }
        return process.exitValue();
    }

    /**
     * Waits for {@code result}, which the script's peer (a jtwisted client, say) completes.
     *
     * @throws AssertionError if it fails or does not complete within {@code timeout}; the
     *     message carries this script's diagnostics
     */
    public <T> T await(CompletableFuture<T> result, Duration timeout) {
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause() + diagnostics(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + timeout + diagnostics(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for a result beside " + name(), e);
        }
    }

    /**
     * Writes {@code line} and a newline, UTF-8, to the script's stdin and flushes it: a command,
     * for a script that reads its commands from stdin ({@code line_client.py}).
     *
     * @throws AssertionError if the script is gone (the pipe is broken)
     */
    public void writeLine(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new AssertionError("cannot write to the stdin of " + name() + ": " + e + diagnostics(), e);
        }
    }

    /** Closes the script's stdin; a script started with {@code --watch-stdin} then exits. */
    public void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing stdin of " + name(), e);
        }
    }

    /** What the script has written on stderr so far (the first 64 KiB). */
    public String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    /**
     * Stops the script if it is still running: closes its stdin, then terminates it, then kills
     * it, waiting a bounded time after each step; its child processes go the same way.
     *
     * @throws AssertionError if it is still alive after all that (the test must not go on
     *     pretending it is gone)
     */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroy);
                closeStdinQuietly();
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroy();
                    if (!process.waitFor(3, TimeUnit.SECONDS)) {
                        process.descendants().forEach(ProcessHandle::destroyForcibly);
                        process.destroyForcibly();
                        if (!process.waitFor(5, TimeUnit.SECONDS)) {
                            fail(name() + " survived SIGKILL for 5 s");
                        }
                    }
                }
            }
            stdoutPump.join(TimeUnit.SECONDS.toMillis(2));
            stderrPump.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The exit code (or "running"), the lines read so far and stderr, for failure messages. */
    public String diagnostics() {
        if (!process.isAlive()) {
            // The script is gone: let the pump take in the last of stderr before we show it.
            try {
                stderrPump.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String status = process.isAlive() ? "still running" : "exit code " + process.exitValue();
        List<String> seen;
        synchronized (stdoutSeen) {
            seen = List.copyOf(stdoutSeen);
        }
        return "\n  " + status + "\n  stdout read so far: " + seen + "\n  stderr:\n" + stderr();
    }

    @Override
    public String toString() {
        return name();
    }

    private void waitQuietly(Duration timeout) {
        try {
            process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeStdinQuietly() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Already closed, or the pipe is broken because the script is gone: either way the
            // next steps terminate it.
        }
    }

    private void appendStderr(String line) {
        synchronized (stderr) {
            if (stderr.length() < STDERR_LIMIT) {
                stderr.append("    ").append(line).append('\n');
            }
        }
    }

    private Thread pump(String stream, InputStream in, java.util.function.Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // The pipe closes under us when close() kills the script: nothing more to read.
                appendStderr("<" + stream + " of the script unreadable: " + e + ">");
            } finally {
                if ("stdout".equals(stream)) {
                    stdout.add(EOF);
                }
            }
        }, "python-" + stream + "-" + process.pid());
        t.setDaemon(true);
        t.start();
        return t;
    }
}
