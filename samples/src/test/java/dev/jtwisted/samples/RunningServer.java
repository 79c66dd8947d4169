package dev.jtwisted.samples;

import static org.junit.jupiter.api.Assertions.fail;

import dev.jtwisted.netty.NettyReactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server sample started in this JVM as the jar starts it (through the launcher, from a
 * command line) but on a fresh reactor of its own, for tests that talk to it over real sockets.
 * Any number can run, one after the other or side by side: each has its own reactor, stopped
 * by {@link #stop()} or {@link #close()}. Every wait is bounded by {@link #WAIT}.
 */
public final class RunningServer implements AutoCloseable {
    /** How long any step may take before the test fails. */
    public static final Duration WAIT = Duration.ofSeconds(10);
    /** The line {@link Context#serve} prints, host in brackets for IPv6. */
    public static final Pattern LISTENING = Pattern.compile("(\\S+) listening on \\[?([^\\]]+)]?:(\\d+)");

    private final NettyReactor reactor = NettyReactor.builder().name("test-server").build();
    private final LineWatcher out = new LineWatcher();
    private final Captured err = new Captured();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private RunningServer(Sample sample, List<String> argv) {
        Launcher launcher = new Launcher(new Samples(sample.name(), List.of(sample)),
                new PrintStream(out, true, StandardCharsets.UTF_8), err.err, () -> reactor);
        Thread main = new Thread(() -> {
            try {
                exit.complete(launcher.launch(argv.toArray(new String[0])));
            } catch (Throwable t) {
                exit.completeExceptionally(t);
            }
        }, "sample-" + sample.name());
        main.setDaemon(true);
        main.start();
    }

    /**
     * Runs {@code sample} with {@code --port 0} (unless {@code options} has a port) and
     * {@code options}, and returns once it listens.
     *
     * @throws AssertionError if it exits instead, or does not listen in time
     */
    public static RunningServer start(Sample sample, String... options) throws Exception {
        List<String> argv = new ArrayList<>();
        argv.add(sample.name());
        if (!hasPort(options)) {
            argv.add("--port");
            argv.add("0");
        }
        argv.addAll(List.of(options));
        RunningServer server = new RunningServer(sample, argv);
        try {
            server.awaitListening();
        } catch (Throwable t) {
            server.close();
            throw t;
        }
        return server;
    }

    /** Runs {@code sample} with exactly {@code options}, without waiting for anything. */
    public static RunningServer launch(Sample sample, String... options) {
        List<String> argv = new ArrayList<>();
        argv.add(sample.name());
        argv.addAll(List.of(options));
        return new RunningServer(sample, argv);
    }

    private static boolean hasPort(String... options) {
        for (String option : options) {
            if (option.equals("--port") || option.startsWith("--port=")) {
                return true;
            }
        }
        return false;
    }

    private void awaitListening() throws Exception {
        try {
            CompletableFuture.anyOf(out.listening, exit).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fail("the sample did not print its listening line within " + WAIT + "; out: " + out() + "; err: " + err());
        }
        if (!out.listening.isDone()) {
            fail("the sample exited with " + exit.get() + " before listening; out: " + out() + "; err: " + err());
        }
    }

    /** The listening line's host: the address bound. */
    public String host() {
        return out.listening.join().group(2);
    }

    /** The listening line's port: the one the system chose for port 0. */
    public int port() {
        return Integer.parseInt(out.listening.join().group(3));
    }

    /**
     * The port of the listening line that starts with {@code name}, for a sample with several
     * ({@code chat} and {@code chat-api}); waits for that line at most {@link #WAIT}.
     */
    public int port(String name) throws Exception {
        CompletableFuture<Matcher> line = out.line(name);
        try {
            CompletableFuture.anyOf(line, exit).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fail("no line '" + name + " listening on ...' within " + WAIT + "; out: " + out() + "; err: " + err());
        }
        if (!line.isDone()) {
            fail("the sample exited before printing '" + name + " listening on ...'; out: " + out() + "; err: "
                    + err());
        }
        return Integer.parseInt(line.join().group(3));
    }

    /** A new client connection to the port named {@code name} ({@link #port(String)}). */
    public Socket connect(String name) throws Exception {
        Socket socket = new Socket(host(), port(name));
        socket.setSoTimeout((int) WAIT.toMillis());
        socket.setTcpNoDelay(true);
        return socket;
    }

    /** A new client connection to the server, whose reads time out after {@link #WAIT}. */
    public Socket connect() throws IOException {
        Socket socket = new Socket(host(), port());
        socket.setSoTimeout((int) WAIT.toMillis());
        socket.setTcpNoDelay(true);
        return socket;
    }

    /** The reactor the sample runs on. */
    public NettyReactor reactor() {
        return reactor;
    }

    /** Stops the reactor, as Ctrl-C does, and returns the launcher's exit status. */
    public int stop() throws Exception {
        // Not reactor.stop(): the sample prints its lines before it runs the reactor, and
        // stopping a reactor not yet running throws; a call from this thread waits for the run.
        reactor.callFromThread(reactor::stop);
        return awaitExit();
    }

    /** Waits for the launcher to return, and returns its exit status. */
    public int awaitExit() throws Exception {
        try {
            return exit.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the sample did not return within " + WAIT + "; err: " + err(), e);
        } catch (ExecutionException e) {
            throw new AssertionError("the launcher threw", e.getCause());
        }
    }

    /** Everything the sample printed to standard output. */
    public String out() {
        return out.text();
    }

    /** Everything the sample printed to standard error. */
    public String err() {
        return err.err();
    }

    /** Stops the sample if it still runs, ends the reactor's threads, and waits for the launcher. */
    @Override
    public void close() throws Exception {
        reactor.close();
        awaitExit();
    }

    /** Standard output, kept whole, watched line by line for the listening lines. */
    private static final class LineWatcher extends OutputStream {
        /** The first listening line. */
        final CompletableFuture<Matcher> listening = new CompletableFuture<>();
        private final Map<String, CompletableFuture<Matcher>> byName = new HashMap<>();
        private final ByteArrayOutputStream all = new ByteArrayOutputStream();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            all.write(b);
            if (b != '\n') {
                line.write(b);
                return;
            }
            Matcher m = LISTENING.matcher(line.toString(StandardCharsets.UTF_8).strip());
            line.reset();
            if (m.matches()) {
                listening.complete(m);
                line(m.group(1)).complete(m);
            }
        }

        synchronized CompletableFuture<Matcher> line(String name) {
            return byName.computeIfAbsent(name, n -> new CompletableFuture<>());
        }

        synchronized String text() {
            return all.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
        }
    }
}
