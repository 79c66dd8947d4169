package dev.jtwisted.interop;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java side of {@code line_client.py}: Twisted {@code LineReceiver} connections to one server,
 * named, driven one command at a time; what each connection receives is read back per
 * connection, in order, with bounded waits. Text is sent and read as UTF-8 (the script carries
 * bytes as Latin-1 strings; this class converts).
 *
 * <p>Threads: one test thread uses it.
 */
final class LineClient {
    /** How long any one event may take to come. */
    static final Duration WAIT = Duration.ofSeconds(15);

    /** How a connection ended: closed by {@code "peer"} or {@code "us"}, Twisted's reason, and every byte it received. */
    record Closed(String by, String reason, String received) {}

    private final PythonProcess process;
    /** Events read from the script but not yet asked for, per connection. */
    private final Map<String, Deque<JsonObject>> pending = new HashMap<>();

    private LineClient(PythonProcess process) {
        this.process = process;
    }

    /**
     * Starts {@code line_client.py} against 127.0.0.1:{@code port}; {@code delimiter} ({@code "crlf"} or
     * {@code "lf"}) ends the lines its connections send and split what they receive.
     */
    static LineClient start(PythonTwisted python, int port, String delimiter) {
        return new LineClient(python.start("line_client.py", "127.0.0.1", String.valueOf(port),
                "--delimiter", delimiter, "--timeout", "50"));
    }

    /** Connects {@code conn} and waits until it is connected. */
    LineClient connect(String conn) {
        JsonObject command = new JsonObject();
        command.addProperty("connect", conn);
        process.writeLine(command.toString());
        JsonObject event = next(conn);
        if (!"connected".equals(event.get("event").getAsString())) {
            fail(conn + " did not connect: " + event + process.diagnostics());
        }
        return this;
    }

    /** Connects {@code conn} and returns the first line it gets (a banner). */
    String connectAndReadLine(String conn) {
        return connect(conn).readLine(conn);
    }

    /** {@code sendLine(text)} on {@code conn}. */
    void sendLine(String conn, String text) {
        command(conn, "send_line", latin1(text));
    }

    /** Every line, each with the delimiter, in one write on {@code conn}. */
    void sendLines(String conn, List<String> lines) {
        JsonArray array = new JsonArray();
        lines.forEach(line -> array.add(latin1(line)));
        JsonObject command = new JsonObject();
        command.addProperty("conn", conn);
        command.add("send_lines", array);
        process.writeLine(command.toString());
    }

    /** {@code data} (UTF-8), {@code times} times over, in one write on {@code conn}: no delimiter added. */
    void send(String conn, String data, int times) {
        JsonObject command = new JsonObject();
        command.addProperty("conn", conn);
        command.addProperty("send", latin1(data));
        command.addProperty("times", times);
        process.writeLine(command.toString());
    }

    /** {@code loseConnection()} on {@code conn}. */
    void close(String conn) {
        JsonObject command = new JsonObject();
        command.addProperty("close", conn);
        process.writeLine(command.toString());
    }

    /**
     * The next line {@code conn} receives.
     *
     * @throws AssertionError if the connection closes first, or no line comes within {@link #WAIT}
     */
    String readLine(String conn) {
        JsonObject event = next(conn);
        if (!"line".equals(event.get("event").getAsString())) {
            fail(conn + " got " + event + " when a line was expected" + process.diagnostics());
        }
        return utf8(event.get("line").getAsString());
    }

    /** The next {@code n} lines {@code conn} receives. */
    List<String> readLines(String conn, int n) {
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lines.add(readLine(conn));
        }
        return lines;
    }

    /**
     * Waits for {@code conn} to close, by either side.
     *
     * @throws AssertionError if a line comes first, or it does not close within {@link #WAIT}
     */
    Closed awaitClosed(String conn) {
        JsonObject event = next(conn);
        if (!"closed".equals(event.get("event").getAsString())) {
            fail(conn + " got " + event + " when its close was expected" + process.diagnostics());
        }
        return new Closed(event.get("by").getAsString(), event.get("reason").getAsString(),
                utf8(event.get("received").getAsString()));
    }

    /** Closes {@code conn} ourselves and returns how it ended, with everything it received. */
    Closed closeAndAwait(String conn) {
        close(conn);
        return awaitClosed(conn);
    }

    /** The next event for {@code conn}, reading the script's output until one comes. */
    private JsonObject next(String conn) {
        Deque<JsonObject> queue = pending.computeIfAbsent(conn, c -> new ArrayDeque<>());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (queue.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail(conn + " got nothing within " + WAIT + process.diagnostics());
            }
            JsonObject event = process.readJson(Duration.ofNanos(left));
            if (!event.has("conn")) {
                // An "error" event (a bad command), or the script's deadline: the test is broken.
                fail(process.name() + " reported " + event + process.diagnostics());
            }
            pending.computeIfAbsent(event.get("conn").getAsString(), c -> new ArrayDeque<>()).add(event);
        }
        return queue.poll();
    }

    private void command(String conn, String name, String value) {
        JsonObject command = new JsonObject();
        command.addProperty("conn", conn);
        command.addProperty(name, value);
        process.writeLine(command.toString());
    }

    /** UTF-8 text as the script's Latin-1 string of its bytes. */
    private static String latin1(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** The script's Latin-1 string of bytes, read as UTF-8. */
    private static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
