package dev.jtwisted.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Java side of {@code scripted_peer.py}: the cases it plays, written as its CASES file, and
 * how each connection ended. Bytes are carried as Latin-1 strings (one char per byte), as the
 * script carries them, so that a message shows {@code "3:abc,"} and not a hex dump.
 */
final class ScriptedPeer {
    /** How long the peer waits for an echo before it calls the case hung. */
    static final int CASE_TIMEOUT_SECONDS = 5;

    private ScriptedPeer() {}

    /** One step of a case: write {@code send} in one write, or wait until {@code await} bytes in all have come back. */
    record Step(String send, int await) {}

    /**
     * One scripted input, and what Twisted does with it: the bytes it echoes before the probe,
     * whether the connection survives (the probe that follows comes back) or is closed, and
     * whether the receiver complains of its peer (calls {@code lineLengthExceeded} or the like);
     * if it does, {@code complaint} is part of what jtwisted's receiver logs. Null if it does not.
     */
    record Case(String name, List<Step> steps, String echoed, boolean survives, String complaint) {
        /** What the peer and the echo should see: {@link #echoed}, plus the probe's echo if it survives. */
        Outcome expected(Framing framing, String probe) {
            EchoEnd end = new EchoEnd("ConnectionDone", complaint != null ? framing.error : null);
            return survives ? new Outcome(echoed + probe, "survived", end) : new Outcome(echoed, "closed", end);
        }
    }

    /**
     * How one connection ended at the echo's end: the reason its protocol was given, by name
     * ({@code ConnectionDone}), and what its receiver made of the peer, as {@code echo_server.py}
     * names it ({@code lineLengthExceeded}, {@code brokenPeer}...), or null.
     */
    record EchoEnd(String reason, String error) {
        static EchoEnd of(ConnectionLog.Closed closed) {
            return new EchoEnd(closed.reason().getSimpleName(), closed.error());
        }
    }

    /**
     * How one connection ended: everything that came back (the probe's echo included), how it
     * ended as the peer saw it ({@code survived}, {@code closed} by the echo, or {@code hung}),
     * and how it ended at the echo's end.
     */
    record Outcome(String echoed, String end, EchoEnd echo) {
        @Override
        public String toString() {
            return end + ", echoed \"" + show(echoed) + "\"; the echo saw " + echo.reason()
                    + (echo.error() == null ? "" : " after " + echo.error());
        }
    }

    /** The bytes of {@code text}, one per char (Latin-1). */
    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code data} as a Latin-1 string, one char per byte. */
    static String text(byte[] data) {
        return new String(data, StandardCharsets.ISO_8859_1);
    }

    /** {@code text} escaped for a message: control bytes as {@code \r} or {@code \xNN}, long runs shortened. */
    static String show(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            int run = 1;
            while (i + run < text.length() && text.charAt(i + run) == c) {
                run++;
            }
            if (run >= 8) {
                out.append('[').append(run).append(" x ").append(escape(c)).append(']');
                i += run;
            } else {
                out.append(escape(c));
                i++;
            }
        }
        return out.toString();
    }

    private static String escape(char c) {
        switch (c) {
            case '\r':
                return "\\r";
            case '\n':
                return "\\n";
            case '\\':
                return "\\\\";
            case '"':
                return "\\\"";
            default:
                return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c);
        }
    }

    /**
     * Writes {@code cases} for {@code framing} as the peer's CASES file in {@code dir}, with the
     * probe {@code framing.encode("probe")}.
     *
     * @return the file
     */
    static Path write(Path dir, Framing framing, List<Case> cases) {
        return write(dir, framing, cases, CASE_TIMEOUT_SECONDS);
    }

    /** {@link #write(Path, Framing, List)}, with the peer's {@code case_timeout}. */
    static Path write(Path dir, Framing framing, List<Case> cases, int caseTimeoutSeconds) {
        JsonObject spec = new JsonObject();
        spec.addProperty("probe", probe(framing));
        spec.addProperty("case_timeout", caseTimeoutSeconds);
        JsonArray list = new JsonArray();
        for (Case c : cases) {
            JsonObject one = new JsonObject();
            one.addProperty("name", c.name());
            JsonArray steps = new JsonArray();
            for (Step s : c.steps()) {
                JsonObject step = new JsonObject();
                if (s.send() != null) {
                    step.addProperty("send", s.send());
                } else {
                    step.addProperty("await", s.await());
                }
                steps.add(step);
            }
            one.add("steps", steps);
            list.add(one);
        }
        spec.add("cases", list);
        Path file = dir.resolve(framing.pythonName + "-cases.json");
        try {
            Files.writeString(file, new Gson().toJson(spec), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
        return file;
    }

    /** The well-formed frame the peer sends after each case: "probe" in {@code framing}. */
    static String probe(Framing framing) {
        return text(framing.encode(bytes("probe")));
    }

    /** What a peer reported: each case's line, in order, and the steady connection's. */
    record Report(List<JsonObject> cases, JsonObject steady, boolean ok) {
        /** Case {@code i}'s outcome, where the echo saw it end as {@code echo}. */
        Outcome outcome(int i, EchoEnd echo) {
            JsonObject c = cases.get(i);
            return new Outcome(c.get("echoed").getAsString(), c.get("end").getAsString(), echo);
        }

        /** The steady connection's outcome, where the echo saw it end as {@code echo}. */
        Outcome steadyOutcome(EchoEnd echo) {
            return new Outcome(steady.get("echoed").getAsString(), steady.get("end").getAsString(), echo);
        }
    }

    /**
     * Reads a peer's lines: one per case, checked to be that case's, then the last one.
     *
     * @param echo the Python echo the peer plays to, whose diagnostics a failure shows; null if
     *     the echo is jtwisted's
     * @throws AssertionError if a line does not come within {@code timeout}, or is not the one expected
     */
    static Report read(PythonProcess peer, PythonProcess echo, List<Case> cases, Duration timeout) {
        Supplier<String> diagnostics = () -> peer.diagnostics()
                + (echo == null ? "" : "\n  and its echo, " + echo.name() + ":" + echo.diagnostics());
        List<JsonObject> lines = new ArrayList<>();
        for (Case c : cases) {
            JsonObject line = peer.readJson(timeout);
            assertEquals(c.name(), line.has("case") ? line.get("case").getAsString() : line.toString(),
                    () -> "lines out of step" + diagnostics.get());
            lines.add(line);
        }
        JsonObject done = peer.readJson(timeout);
        assertEquals("done", done.has("event") ? done.get("event").getAsString() : done.toString(),
                () -> "no last line" + diagnostics.get());
        return new Report(lines, done.getAsJsonObject("steady"), done.get("ok").getAsBoolean());
    }

    /**
     * Reads the {@code n} closed lines of {@code echo_server.py} or {@code frame_echo_client.py}.
     *
     * @return how each connection ended, in the order they were made
     */
    static List<EchoEnd> readEchoEnds(PythonProcess echo, int n, Duration timeout) {
        EchoEnd[] ends = new EchoEnd[n];
        for (int i = 0; i < n; i++) {
            JsonObject line = echo.readJson(timeout);
            int conn = line.get("conn").getAsInt();
            if (conn < 0 || conn >= n || ends[conn] != null) {
                throw new AssertionError("unexpected connection " + conn + " in " + line + echo.diagnostics());
            }
            JsonElement error = line.get("error");
            ends[conn] = new EchoEnd(line.get("reason").getAsString(),
                    error == null || error.isJsonNull() ? null : error.getAsString());
        }
        return Arrays.asList(ends);
    }

    /** How each of {@code log}'s {@code n} connections ended, in the order they were made. */
    static List<EchoEnd> echoEnds(ConnectionLog log, int n, Duration timeout) {
        log.awaitAllClosed(n, timeout);
        return log.closedById().stream().map(EchoEnd::of).toList();
    }
}
