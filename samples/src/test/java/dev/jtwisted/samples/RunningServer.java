package dev.jtwisted.samples;

import static org.junit.jupiter.api.Assertions.fail;

import dev.jtwisted.netty.NettyReactor;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server sample started in this JVM as the jar starts it (through the launcher, from a
 * command line) but on a fresh reactor of its own, for tests that talk to it over real sockets:
 * a {@link LaunchedSample} that knows its listening lines. Any number can run, one after the
 * other or side by side: each has its own reactor, stopped by {@link #stop()} or
 * {@link #close()}. Every wait is bounded by {@link #WAIT}.
 */
public final class RunningServer implements AutoCloseable {
    /** How long any step may take before the test fails. */
    public static final Duration WAIT = Duration.ofSeconds(10);
    /** The line {@link Context#serve} prints, host in brackets for IPv6. */
    public static final Pattern LISTENING = Pattern.compile("(\\S+) listening on \\[?([^\\]]+)]?:(\\d+)");

    private final LaunchedSample launched;

    private RunningServer(LaunchedSample launched) {
        this.launched = launched;
    }

    /**
     * Runs {@code sample} with {@code --port 0} (unless {@code options} has a port) and
     * {@code options}, and returns once it listens.
     *
     * @throws AssertionError if it exits instead, or does not listen in time
     */
    public static RunningServer start(Sample sample, String... options) throws Exception {
        List<String> argv = new ArrayList<>();
        if (!hasPort(options)) {
            argv.add("--port");
            argv.add("0");
        }
        argv.addAll(List.of(options));
        RunningServer server = new RunningServer(LaunchedSample.launch(sample, argv.toArray(new String[0])));
        try {
            server.listening(null);
        } catch (Throwable t) {
            server.close();
            throw t;
        }
        return server;
    }

    /** Runs {@code sample} with exactly {@code options}, without waiting for anything. */
    public static RunningServer launch(Sample sample, String... options) {
        return new RunningServer(LaunchedSample.launch(sample, options));
    }

    private static boolean hasPort(String... options) {
        for (String option : options) {
            if (option.equals("--port") || option.startsWith("--port=")) {
                return true;
            }
        }
        return false;
    }

    /** The first listening line, or the first whose name is {@code name}, waited for. */
    private Matcher listening(String name) throws InterruptedException {
        String what = name == null ? "listening line" : "line '" + name + " listening on ...'";
        Matcher[] found = {null};
        launched.awaitOutput(what, text -> {
            for (String line : text.split("\n")) {
                Matcher m = LISTENING.matcher(line.strip());
                if (m.matches() && (name == null || m.group(1).equals(name))) {
                    found[0] = m;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static Matcher await(RunningServer server, String name) {
        try {
            return server.listening(name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting for a listening line", e);
        }
    }

    /** The first listening line's host: the address bound. */
    public String host() {
        return await(this, null).group(2);
    }

    /** The first listening line's port: the one the system chose for port 0. */
    public int port() {
        return Integer.parseInt(await(this, null).group(3));
    }

    /**
     * The port of the listening line that starts with {@code name}, for a sample with several
     * ({@code chat} and {@code chat-api}); waits for that line at most {@link #WAIT}.
     */
    public int port(String name) {
        return Integer.parseInt(await(this, name).group(3));
    }

    /** A new client connection to the server, whose reads time out after {@link #WAIT}. */
    public Socket connect() throws IOException {
        return connect(host(), port());
    }

    /** A new client connection to the port named {@code name} ({@link #port(String)}). */
    public Socket connect(String name) throws IOException {
        return connect(host(), port(name));
    }

    private static Socket connect(String host, int port) throws IOException {
        Socket socket = new Socket(host, port);
        socket.setSoTimeout((int) WAIT.toMillis());
        socket.setTcpNoDelay(true);
        return socket;
    }

    /** The reactor the sample runs on. */
    public NettyReactor reactor() {
        return launched.reactor();
    }

    /** Stops the reactor, as Ctrl-C does, and returns the launcher's exit status. */
    public int stop() throws Exception {
        return launched.stop();
    }

    /** Waits for the launcher to return, and returns its exit status. */
    public int awaitExit() throws Exception {
        return launched.awaitExit();
    }

    /** Everything the sample printed to standard output. */
    public String out() {
        return launched.out();
    }

    /** Everything the sample printed to standard error. */
    public String err() {
        return launched.err();
    }

    /** Stops the sample if it still runs, ends the reactor's threads, and waits for the launcher. */
    @Override
    public void close() throws Exception {
        launched.close();
    }
}
