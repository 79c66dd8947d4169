package dev.jtwisted.protocols.basic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.testing.StringTransport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays input that real Twisted 22.4 was given (random, often malformed, cut into random
 * chunks) into the Java receivers, and demands the same events in the same order after each
 * chunk: lines, raw data, strings, limits, lost connections, exceptions. The traces come from
 * {@code src/test/python/basic_traces.py}, whose docstring explains the format and the commands
 * the scripted receivers below obey in the same way as the Python ones there.
 *
 * <p>Twisted: {@code twisted.protocols.basic} itself, as the oracle.
 */
class TwistedTracesTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Thrown by the "!E" command; Python raises RuntimeError. */
    static final class Boom extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Boom() {
            super("boom");
        }
    }

    /** One case of the trace file. */
    record Case(String kind, String seed, int max, byte[] delimiter, boolean closes,
            List<Step> steps) {
        @Override
        public String toString() {
            return kind + " " + seed + " max=" + max + " delim=" + HEX.formatHex(delimiter)
                    + " closes=" + closes;
        }
    }

    /** A chunk fed (null for the final state) and the events Twisted saw after it. */
    record Step(byte[] chunk, List<String> events) {}

    @TestFactory
    Stream<DynamicTest> theJavaReceiversDoWhatTwistedDid() throws IOException {
        List<Case> cases = load();
        assertEquals(2000, cases.size());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> replay(c)));
    }

    private static List<Case> load() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(
                TwistedTracesTest.class.getResourceAsStream("twisted-traces.txt"));
                BufferedReader r = new BufferedReader(
                        new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            Case current = null;
            Step step = null;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "case" -> {
                        current = new Case(f[1], f[2], Integer.parseInt(f[3].substring(4)),
                                HEX.parseHex(f[4].substring(6)), f[5].equals("closes=1"),
                                new ArrayList<>());
                        step = null;
                    }
                    case ">" -> {
                        step = new Step(hex(f[1]), new ArrayList<>());
                        current.steps().add(step);
                    }
                    case "<" -> {
                        if (step == null) {
                            step = new Step(null, new ArrayList<>());
                            current.steps().add(step);
                        }
                        step.events().add(line.substring(2));
                    }
                    case "end" -> cases.add(current);
                    default -> throw new IllegalStateException("bad trace line: " + line);
                }
            }
        }
        return cases;
    }

    private static byte[] hex(String h) {
        return h.equals("-") ? new byte[0] : HEX.parseHex(h);
    }

    private static String event(String name, byte[] value) {
        return name + " " + (value.length == 0 ? "-" : HEX.formatHex(value));
    }

    /** Records loseConnection as an event; lenient, as the Python driver's. */
    static final class Transport extends StringTransport {
        final List<String> events;

        Transport(List<String> events) {
            super(null, null, true);
            this.events = events;
        }

        @Override
        public void loseConnection() {
            events.add("lose");
            super.loseConnection();
        }
    }

    /** The "!" commands, each for the kinds whose Python receiver has the attribute it uses. */
    interface Scripted {
        List<String> events();

        /** Python's int(arg) for arg.isdigit(), clamped to an int (no buffer gets near it). */
        static Integer number(byte[] p) {
            if (p.length <= 2) {
                return null;
            }
            for (int i = 2; i < p.length; i++) {
                if (p[i] < '0' || p[i] > '9') {
                    return null;
                }
            }
            BigInteger n = new BigInteger(new String(p, 2, p.length - 2, StandardCharsets.US_ASCII));
            return n.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
        }

        static byte[] delimiter(byte[] p) {
            if (p.length != 3) {
                return null;
            }
            return switch (p[2]) {
                case '1' -> new byte[] {'\n'};
                case '2' -> new byte[] {'\r', '\n'};
                case '3' -> new byte[] {'a', 'b'};
                default -> null;
            };
        }

        /** The command letter of a payload, or 0 if it is not a command. */
        static byte command(byte[] p) {
            return p.length >= 2 && p[0] == '!' ? p[1] : 0;
        }
    }

    static final class LR extends LineReceiver implements Scripted {
        final List<String> events = new ArrayList<>();
        final boolean closes;
        int remaining;

        LR(int max, byte[] delimiter, boolean closes) {
            MAX_LENGTH = max;
            this.delimiter = delimiter;
            this.closes = closes;
        }

        @Override
        public List<String> events() {
            return events;
        }

        @Override
        public void lineReceived(byte[] line) {
            events.add(event("line", line));
            switch (Scripted.command(line)) {
                case 'Q' -> transport.loseConnection();
                case 'E' -> throw new Boom();
                case 'M' -> {
                    Integer n = Scripted.number(line);
                    if (n != null) {
                        MAX_LENGTH = n;
                    }
                }
                case 'D' -> {
                    byte[] d = Scripted.delimiter(line);
                    if (d != null) {
                        delimiter = d;
                    }
                }
                case 'P' -> pauseProducing();
                case 'C' -> events.add(event("cleared", clearLineBuffer()));
                case 'R' -> {
                    Integer n = Scripted.number(line);
                    if (n != null) {
                        remaining = n;
                        setRawMode();
                    }
                }
                default -> { }
            }
        }

        @Override
        public void rawDataReceived(byte[] data) {
            int n = Math.min(remaining, data.length);
            remaining -= n;
            events.add(event("raw", java.util.Arrays.copyOfRange(data, 0, n)));
            if (remaining == 0) {
                setLineMode(java.util.Arrays.copyOfRange(data, n, data.length));
            }
        }

        @Override
        public void lineLengthExceeded(byte[] line) {
            events.add(event("exceeded", line));
            if (closes) {
                super.lineLengthExceeded(line);
            }
        }
    }

    static final class LO extends LineOnlyReceiver implements Scripted {
        final List<String> events = new ArrayList<>();
        final boolean closes;

        LO(int max, byte[] delimiter, boolean closes) {
            MAX_LENGTH = max;
            this.delimiter = delimiter;
            this.closes = closes;
        }

        @Override
        public List<String> events() {
            return events;
        }

        @Override
        public void lineReceived(byte[] line) {
            events.add(event("line", line));
            switch (Scripted.command(line)) {
                case 'Q' -> transport.loseConnection();
                case 'E' -> throw new Boom();
                case 'M' -> {
                    Integer n = Scripted.number(line);
                    if (n != null) {
                        MAX_LENGTH = n;
                    }
                }
                case 'D' -> {
                    byte[] d = Scripted.delimiter(line);
                    if (d != null) {
                        delimiter = d;
                    }
                }
                default -> { }
            }
        }

        @Override
        public void lineLengthExceeded(byte[] line) {
            events.add(event("exceeded", line));
            if (closes) {
                super.lineLengthExceeded(line);
            }
        }
    }

    static final class NS extends NetstringReceiver implements Scripted {
        final List<String> events = new ArrayList<>();

        NS(int max) {
            MAX_LENGTH = max;
        }

        @Override
        public List<String> events() {
            return events;
        }

        @Override
        public void stringReceived(byte[] string) {
            events.add(event("string", string));
            switch (Scripted.command(string)) {
                case 'Q' -> transport.loseConnection();
                case 'E' -> throw new Boom();
                case 'M' -> {
                    Integer n = Scripted.number(string);
                    if (n != null) {
                        MAX_LENGTH = n;
                    }
                }
                case 'F' -> dataReceived(new byte[] {'1', ':', 'z', ','});
                default -> { }
            }
        }
    }

    static final class IntN extends IntNStringReceiver implements Scripted {
        final List<String> events = new ArrayList<>();
        final boolean closes;

        IntN(int prefixLength, int max, boolean closes) {
            super(prefixLength);
            MAX_LENGTH = max;
            this.closes = closes;
        }

        @Override
        public List<String> events() {
            return events;
        }

        @Override
        public void stringReceived(byte[] string) {
            events.add(event("string", string));
            switch (Scripted.command(string)) {
                case 'Q' -> transport.loseConnection();
                case 'E' -> throw new Boom();
                case 'M' -> {
                    Integer n = Scripted.number(string);
                    if (n != null) {
                        MAX_LENGTH = n;
                    }
                }
                case 'P' -> pauseProducing();
                case 'F' -> dataReceived(new byte[] {'1', ':', 'z', ','});
                default -> { }
            }
        }

        @Override
        public void lengthLimitExceeded(long length) {
            events.add("limit " + length);
            if (closes) {
                super.lengthLimitExceeded(length);
            }
        }
    }

    private static void replay(Case c) {
        IProtocol proto = switch (c.kind()) {
            case "LR" -> new LR(c.max(), c.delimiter(), c.closes());
            case "LO" -> new LO(c.max(), c.delimiter(), c.closes());
            case "NS" -> new NS(c.max());
            case "I1" -> new IntN(1, c.max(), c.closes());
            case "I2" -> new IntN(2, c.max(), c.closes());
            case "I4" -> new IntN(4, c.max(), c.closes());
            default -> throw new IllegalStateException("unknown kind " + c.kind());
        };
        List<String> events = ((Scripted) proto).events();
        StringTransport transport = new Transport(events);
        proto.makeConnection(transport);
        events.clear();
        int i = 0;
        for (Step step : c.steps()) {
            i++;
            if (step.chunk() != null) {
                try {
                    proto.dataReceived(step.chunk());
                } catch (Boom e) {
                    events.add("error");
                }
                if (paused(proto) && !transport.producerState().equals("stopped")) {
                    events.add("resume");
                    try {
                        ((dev.jtwisted.internet.IPushProducer) proto).resumeProducing();
                    } catch (Boom e) {
                        events.add("error");
                    }
                }
            }
            if (proto instanceof NS ns && step == c.steps().get(c.steps().size() - 1)) {
                events.add("broken " + (ns.brokenPeer() ? 1 : 0));
            }
            assertEquals(step.events(), events, "after chunk " + i + " ("
                    + (step.chunk() == null ? "end" : HEX.formatHex(step.chunk())) + ")");
            events.clear();
        }
        assertTrue(c.steps().size() > 0);
    }

    private static boolean paused(IProtocol proto) {
        if (proto instanceof LineReceiver p) {
            return p.paused();
        }
        if (proto instanceof IntNStringReceiver p) {
            return p.paused();
        }
        return false;
    }
}
