package dev.jtwisted.protocols.basic;

import static dev.jtwisted.protocols.basic.TestSupport.b;
import static dev.jtwisted.protocols.basic.TestSupport.feedBytewise;
import static dev.jtwisted.protocols.basic.TestSupport.s;
import static dev.jtwisted.protocols.basic.TestSupport.strings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.task.Clock;
import dev.jtwisted.internet.testing.Chunks;
import dev.jtwisted.internet.testing.StringTransport;
import dev.jtwisted.protocols.basic.TestSupport.RecordingTransport;
import dev.jtwisted.testing.LogCapture;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.event.Level;

class LineReceiverTest {
    static IntStream chunkSizes() {
        return TestSupport.chunkSizes();
    }

    /** Records lines, raw data and long lines; long lines do not close the connection. */
    static class Recorder extends LineReceiver {
        final List<String> events = new ArrayList<>();

        Recorder() {}

        Recorder(String delimiter, int maxLength) {
            this.delimiter = b(delimiter);
            this.MAX_LENGTH = maxLength;
        }

        @Override
        public void lineReceived(byte[] line) {
            events.add(s(line));
        }

        @Override
        public void rawDataReceived(byte[] data) {
            events.add("raw:" + s(data));
        }
    }

    /** A receiver with only lineReceived: every other event has Twisted's default. */
    static class Plain extends LineReceiver {
        final List<String> lines = new ArrayList<>();

        @Override
        public void lineReceived(byte[] line) {
            lines.add(s(line));
        }
    }

    /**
     * Acts on some lines: pause, rawpause, stop, len, produce, unproduce. Twisted:
     * test_basic.LineTester.
     */
    static class LineTester extends LineReceiver {
        final Clock clock;
        List<String> received;
        int length;

        LineTester(Clock clock) {
            this.clock = clock;
            delimiter = b("\n");
            MAX_LENGTH = 64;
        }

        @Override
        public void connectionMade() {
            received = new ArrayList<>();
        }

        @Override
        public void lineReceived(byte[] bytes) {
            String line = s(bytes);
            received.add(line);
            if (line.isEmpty()) {
                setRawMode();
            } else if (line.equals("pause")) {
                pauseProducing();
                clock.callLater(0, this::resumeProducing);
            } else if (line.equals("rawpause")) {
                pauseProducing();
                setRawMode();
                received.add("");
                clock.callLater(0, this::resumeProducing);
            } else if (line.equals("stop")) {
                stopProducing();
            } else if (line.startsWith("len ")) {
                length = Integer.parseInt(line.substring(4));
            } else if (line.startsWith("produce")) {
                transport.registerProducer(this, false);
            } else if (line.startsWith("unproduce")) {
                transport.unregisterProducer();
            }
        }

        @Override
        public void rawDataReceived(byte[] data) {
            int n = Math.min(length, data.length);
            length -= n;
            received.set(received.size() - 1, received.get(received.size() - 1)
                    + s(Arrays.copyOfRange(data, 0, n)));
            if (length == 0) {
                setLineMode(Arrays.copyOfRange(data, n, data.length));
            }
        }

        @Override
        public void lineLengthExceeded(byte[] line) {
            if (line.length > MAX_LENGTH + 1) {
                setLineMode(Arrays.copyOfRange(line, MAX_LENGTH + 1, line.length));
            }
        }
    }

    /** Collects too-long lines instead of closing. Twisted: test_basic.ExcessivelyLargeLineCatcher. */
    static class ExcessivelyLargeLineCatcher extends LineReceiver {
        final List<String> longLines = new ArrayList<>();

        @Override
        public void lineReceived(byte[] line) {}

        @Override
        public void lineLengthExceeded(byte[] line) {
            longLines.add(s(line));
        }
    }

    private final StringTransport transport = new StringTransport();

    @Nested
    class CuttingLines {
        @ParameterizedTest
        @MethodSource("dev.jtwisted.protocols.basic.LineReceiverTest#chunkSizes")
        void deliversEveryLineWhateverTheChunkSize(int chunk) {
            Recorder p = new Recorder();
            p.makeConnection(transport);
            Chunks.feed(p, "one\r\ntwo\r\n\r\nthree\r\nfour", chunk);
            assertEquals(List.of("one", "two", "", "three"), p.events);
            Chunks.feed(p, "\r\n", chunk);
            assertEquals(List.of("one", "two", "", "three", "four"), p.events);
        }

        @ParameterizedTest
        @MethodSource("dev.jtwisted.protocols.basic.LineReceiverTest#chunkSizes")
        void emptyLinesAreLinesToo(int chunk) {
            Recorder p = new Recorder();
            p.makeConnection(transport);
            Chunks.feed(p, "\r\n\r\nx\r\n\r\n", chunk);
            assertEquals(List.of("", "", "x", ""), p.events);
        }

        @ParameterizedTest
        @MethodSource("dev.jtwisted.protocols.basic.LineReceiverTest#chunkSizes")
        void aLoneCarriageReturnOrNewlineIsPartOfTheLine(int chunk) {
            Recorder p = new Recorder();
            p.makeConnection(transport);
            Chunks.feed(p, "a\rb\nc\r\r\nd\n\r\n", chunk);
            assertEquals(List.of("a\rb\nc\r", "d\n"), p.events);
        }

        @Test
        void aDelimiterSplitAcrossPacketsStillEndsTheLine() {
            Recorder p = new Recorder();
            p.makeConnection(transport);
            p.dataReceived(b("abc\r"));
            assertEquals(List.of(), p.events);
            p.dataReceived(b("\ndef\r"));
            assertEquals(List.of("abc"), p.events);
            p.dataReceived(b("\r\n"));
            assertEquals(List.of("abc", "def\r"), p.events);
        }

        @ParameterizedTest
        @MethodSource("dev.jtwisted.protocols.basic.LineReceiverTest#chunkSizes")
        void aSubclassChoosesTheDelimiter(int chunk) {
            Recorder p = new Recorder("<END>", 100);
            p.makeConnection(transport);
            Chunks.feed(p, "a<EN<END><END>b<END<END>", chunk);
            assertEquals(List.of("a<EN", "", "b<END"), p.events);
        }

        @ParameterizedTest
        @MethodSource("dev.jtwisted.protocols.basic.LineReceiverTest#chunkSizes")
        void anOverlappingDelimiterMatchesAtItsFirstPosition(int chunk) {
            // As bytes.split: "aaa" split on "aa" is "", "a".
            Recorder p = new Recorder("aa", 100);
            p.makeConnection(transport);
            Chunks.feed(p, "aaabaa", chunk);
            assertEquals(List.of("", "ab"), p.events);
        }

        @Test
        void aNewDelimiterAppliesToWhatIsStillBuffered() {
            Recorder p = new Recorder() {
                @Override
                public void lineReceived(byte[] line) {
                    super.lineReceived(line);
                    delimiter = b("|");
                }
            };
            p.makeConnection(transport);
            p.dataReceived(b("a\r\nb|c\r\nd|"));
            assertEquals(List.of("a", "b", "c\r\nd"), p.events);
        }

        @Test
        void linesAreFreshArraysTheReceiverMayKeep() {
            List<byte[]> kept = new ArrayList<>();
            LineReceiver p = new LineReceiver() {
                @Override
                public void lineReceived(byte[] line) {
                    kept.add(line);
                }
            };
            p.makeConnection(transport);
            byte[] data = b("ab\r\ncd\r\ne");
            p.dataReceived(data);
            Arrays.fill(data, (byte) 'z');
            p.dataReceived(b("f\r\n"));
            assertEquals(List.of("ab", "cd", "ef"), strings(kept));
        }

        @Test
        void dataBeforeMakeConnectionIsParsed() {
            // Twisted's test_clearLineBuffer feeds a receiver that has no transport.
            Recorder p = new Recorder();
            p.dataReceived(b("a\r\nb\r\n"));
            assertEquals(List.of("a", "b"), p.events);
        }

        @Test // Twisted: test_basic.LineReceiverTests.test_lineReceivedNotImplemented
        void lineReceivedIsAbstract() throws Exception {
            assertTrue(Modifier.isAbstract(
                    LineReceiver.class.getMethod("lineReceived", byte[].class).getModifiers()));
        }
    }

    @Nested
    class TwistedBuffer {
        static final String BUFFER = "len 10\n"
                + "\n"
                + "0123456789len 5\n"
                + "\n"
                + "1234\n"
                + "len 20\n"
                + "foo 123\n"
                + "\n"
                + "0123456789\n"
                + "012345678len 0\n"
                + "foo 5\n"
                + "\n"
                + "1234567890123456789012345678901234567890123456789012345678901234567890\n"
                + "len 1\n"
                + "\n"
                + "a";

        static final List<String> OUTPUT = List.of("len 10", "0123456789", "len 5", "1234\n",
                "len 20", "foo 123", "0123456789\n012345678", "len 0", "foo 5", "", "67890",
                "len 1", "a");

        /**
         * Feeds {@code data} as Twisted's tests do: {@code len / size + 1} slices, so the last
         * one is empty when {@code size} divides the length.
         */
        static void twistedFeed(LineReceiver p, String data, int size) {
            for (int i = 0; i < data.length() / size + 1; i++) {
                p.dataReceived(b(data.substring(Math.min(data.length(), i * size),
                        Math.min(data.length(), (i + 1) * size))));
            }
        }

        @ParameterizedTest // Twisted: test_basic.LineReceiverTests.test_buffer
        @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13})
        void linesAndRawDataInterleaveWhateverTheChunkSize(int chunk) {
            LineTester a = new LineTester(new Clock());
            a.makeConnection(transport);
            twistedFeed(a, BUFFER, chunk);
            assertEquals(OUTPUT, a.received);
        }

        @ParameterizedTest
        @ValueSource(ints = {64, 1000})
        void dataPutBackByLineLengthExceededWaitsForTheNextDataReceived(int chunk) {
            // As Twisted: dataReceived returns after lineLengthExceeded, so what setLineMode put
            // back in the buffer is parsed only when more data (even none) arrives.
            LineTester a = new LineTester(new Clock());
            a.makeConnection(transport);
            twistedFeed(a, BUFFER, chunk);
            assertEquals(OUTPUT.subList(0, 10), a.received);
            a.dataReceived(b(""));
            assertEquals(OUTPUT, a.received);
        }

        @ParameterizedTest // Twisted: test_basic.LineReceiverTests.test_pausing
        @MethodSource("dev.jtwisted.protocols.basic.LineReceiverTest#chunkSizes")
        void pausingInLineReceivedHoldsTheNextLinesUntilResumed(int chunk) {
            Clock clock = new Clock();
            LineTester a = new LineTester(clock);
            a.makeConnection(transport);
            Chunks.feed(a, "twiddle1\ntwiddle2\npause\ntwiddle3\n", chunk);
            assertEquals(List.of("twiddle1", "twiddle2", "pause"), a.received);
            assertEquals("paused", transport.producerState());
            clock.advance(0);
            assertEquals(List.of("twiddle1", "twiddle2", "pause", "twiddle3"), a.received);
            assertEquals("producing", transport.producerState());
        }

        @ParameterizedTest // Twisted: test_basic.LineReceiverTests.test_rawPausing
        @MethodSource("dev.jtwisted.protocols.basic.LineReceiverTest#chunkSizes")
        void pausingInRawModeHoldsTheRawDataUntilResumed(int chunk) {
            Clock clock = new Clock();
            LineTester a = new LineTester(clock);
            a.makeConnection(transport);
            Chunks.feed(a, "twiddle1\ntwiddle2\nlen 5\nrawpause\n12345twiddle3\n", chunk);
            assertEquals(List.of("twiddle1", "twiddle2", "len 5", "rawpause", ""), a.received);
            clock.advance(0);
            assertEquals(List.of("twiddle1", "twiddle2", "len 5", "rawpause", "12345", "twiddle3"),
                    a.received);
        }

        @ParameterizedTest // Twisted: test_basic.LineReceiverTests.test_stopProducing
        @MethodSource("dev.jtwisted.protocols.basic.LineReceiverTest#chunkSizes")
        void stopProducingEndsLineDelivery(int chunk) {
            LineTester a = new LineTester(new Clock());
            a.makeConnection(transport);
            Chunks.feed(a, "twiddle1\ntwiddle2\nstop\nmore\nstuff\n", chunk);
            assertEquals(List.of("twiddle1", "twiddle2", "stop"), a.received);
            assertEquals("stopped", transport.producerState());
            assertTrue(a.paused());
        }

        @Test // Twisted: test_basic.LineReceiverTests.test_lineReceiverAsProducer
        void aReceiverCanRegisterItselfAsItsTransportsProducer() {
            LineTester a = new LineTester(new Clock());
            a.makeConnection(transport);
            a.dataReceived(b("produce\nhello world\nunproduce\ngoodbye\n"));
            assertEquals(List.of("produce", "hello world", "unproduce", "goodbye"), a.received);
            assertNull(transport.producer());
        }
    }

    @Nested
    class RawMode {
        @ParameterizedTest
        @MethodSource("dev.jtwisted.protocols.basic.LineReceiverTest#chunkSizes")
        void setRawModeInLineReceivedHandsTheRestOfTheBufferToRawData(int chunk) {
            Recorder p = new Recorder() {
                @Override
                public void lineReceived(byte[] line) {
                    super.lineReceived(line);
                    setRawMode();
                }
            };
            p.makeConnection(transport);
            Chunks.feed(p, "header\r\nbody\r\nmore", chunk);
            assertEquals("header", p.events.get(0));
            assertEquals("body\r\nmore",
                    String.join("", p.events.subList(1, p.events.size())).replace("raw:", ""));
            assertTrue(p.events.subList(1, p.events.size()).stream().allMatch(e -> e.startsWith("raw:")));
        }

        @Test
        void rawDataAlreadyBufferedIsDeliveredInOneCall() {
            Recorder p = new Recorder() {
                @Override
                public void lineReceived(byte[] line) {
                    super.lineReceived(line);
                    setRawMode();
                }
            };
            p.makeConnection(transport);
            p.dataReceived(b("go\r\nabc\r\ndef"));
            assertEquals(List.of("go", "raw:abc\r\ndef"), p.events);
            p.dataReceived(b("ghi"));
            assertEquals(List.of("go", "raw:abc\r\ndef", "raw:ghi"), p.events);
        }

        @Test
        void rawDataReceivedGetsTheArrayDataReceivedGot() {
            List<byte[]> got = new ArrayList<>();
            LineReceiver p = new LineReceiver() {
                @Override
                public void lineReceived(byte[] line) {}

                @Override
                public void rawDataReceived(byte[] data) {
                    got.add(data);
                }
            };
            p.makeConnection(transport);
            p.setRawMode();
            byte[] data = b("blob");
            p.dataReceived(data);
            assertSame(data, got.get(0));
        }

        @ParameterizedTest
        @MethodSource("dev.jtwisted.protocols.basic.LineReceiverTest#chunkSizes")
        void setLineModeWithExtraParsesTheExtraForLines(int chunk) {
            // A raw section of known size, then lines again: the length-prefixed body pattern.
            Recorder p = new Recorder() {
                int remaining;

                @Override
                public void lineReceived(byte[] line) {
                    super.lineReceived(line);
                    if (s(line).startsWith("body ")) {
                        remaining = Integer.parseInt(s(line).substring(5));
                        setRawMode();
                    }
                }

                @Override
                public void rawDataReceived(byte[] data) {
                    int n = Math.min(remaining, data.length);
                    remaining -= n;
                    events.add("raw:" + s(Arrays.copyOfRange(data, 0, n)));
                    if (remaining == 0) {
                        setLineMode(Arrays.copyOfRange(data, n, data.length));
                    }
                }
            };
            p.makeConnection(transport);
            Chunks.feed(p, "a\r\nbody 6\r\n12\r\n34b\r\nbody 0\r\nc\r\n", chunk);
            List<String> lines = new ArrayList<>();
            StringBuilder raw = new StringBuilder();
            for (String e : p.events) {
                if (e.startsWith("raw:")) {
                    raw.append(e.substring(4));
                } else {
                    lines.add(e);
                }
            }
            assertEquals(List.of("a", "body 6", "b", "body 0", "c"), lines);
            assertEquals("12\r\n34", raw.toString());
        }

        @Test // Twisted: test_basic.LineReceiverTests.test_stackRecursion
        void switchingModesManyTimesOnOneBufferDoesNotRecurse() {
            // Twisted: test_basic.FlippingLineTester, with 30 times Python's recursion limit.
            // Each flip hands the whole rest over, so this test is quadratic by design.
            int flips = 30_000;
            StringBuilder got = new StringBuilder();
            LineReceiver p = new LineReceiver() {
                {
                    delimiter = b("\n");
                }

                @Override
                public void lineReceived(byte[] line) {
                    got.append(s(line));
                    setRawMode();
                }

                @Override
                public void rawDataReceived(byte[] data) {
                    setLineMode(Arrays.copyOfRange(data, 1, data.length));
                }
            };
            p.makeConnection(transport);
            p.dataReceived(b("x\nx".repeat(flips)));
            assertEquals("x".repeat(flips), got.toString());
        }

        @Test // Twisted: test_basic.LineReceiverTests.test_rawDataReceivedNotImplemented
        void rawDataReceivedThrowsUnlessOverridden() {
            Plain p = new Plain();
            p.makeConnection(transport);
            p.setRawMode();
            UnsupportedOperationException e =
                    assertThrows(UnsupportedOperationException.class, () -> p.dataReceived(b("x")));
            assertTrue(e.getMessage().contains("rawDataReceived"), e.getMessage());
        }

        @Test // Twisted: test_basic.LineReceiverTests.test_rawDataError
        void anExceptionFromRawDataReceivedComesOutOfDataReceived() {
            LineReceiver p = new LineReceiver() {
                @Override
                public void lineReceived(byte[] line) {}

                @Override
                public void rawDataReceived(byte[] data) {
                    throw new IllegalStateException("oops");
                }
            };
            p.makeConnection(transport);
            p.setRawMode();
            assertThrows(IllegalStateException.class, () -> p.dataReceived(b("data")));
        }

        @Test
        void lineModeTellsTheMode() {
            Recorder p = new Recorder();
            assertTrue(p.lineMode());
            p.setRawMode();
            assertFalse(p.lineMode());
            p.setLineMode();
            assertTrue(p.lineMode());
        }
    }

    @Nested
    class ClearLineBuffer {
        /** Twisted: test_basic.LineReceiverTests.test_clearLineBuffer's ClearingReceiver. */
        class ClearingReceiver extends LineReceiver {
            String line;
            String rest;

            @Override
            public void lineReceived(byte[] bytes) {
                line = s(bytes);
                rest = s(clearLineBuffer());
            }
        }

        @Test // Twisted: test_basic.LineReceiverTests.test_clearLineBuffer
        void clearLineBufferFromLineReceivedReturnsAndDropsTheRest() {
            ClearingReceiver p = new ClearingReceiver();
            p.dataReceived(b("foo\r\nbar\r\nbaz"));
            assertEquals("foo", p.line);
            assertEquals("bar\r\nbaz", p.rest);

            p.dataReceived(b("quux\r\n"));
            assertEquals("quux", p.line);
            assertEquals("", p.rest);
        }

        @Test
        void clearLineBufferOutsideACallbackReturnsThePartialLine() {
            Recorder p = new Recorder();
            p.makeConnection(transport);
            p.dataReceived(b("a\r\npartial"));
            assertEquals("partial", s(p.clearLineBuffer()));
            assertEquals("", s(p.clearLineBuffer()));
            p.dataReceived(b("b\r\n"));
            assertEquals(List.of("a", "b"), p.events);
        }
    }

    @Nested
    class LineLength {
        private ExcessivelyLargeLineCatcher proto;

        @BeforeEach
        void connect() {
            proto = new ExcessivelyLargeLineCatcher();
            proto.MAX_LENGTH = 6;
            proto.makeConnection(transport);
        }

        @Test // Twisted: test_basic.LineReceiverLineLengthExceededTests.test_longUnendedLine
        void anUnendedLongLineIsPassedWhole() {
            String excessive = "x".repeat(6 * 2 + 2);
            proto.dataReceived(b(excessive));
            assertEquals(List.of(excessive), proto.longLines);
        }

        @Test // Twisted: test_basic.LineReceiverLineLengthExceededTests.test_longLineAfterShortLine
        void aLongLineAfterAShortOneIsPassedWithoutTheShortOne() {
            String excessive = "x".repeat(6 * 2 + 2);
            proto.dataReceived(b("x\r\n" + excessive));
            assertEquals(List.of(excessive), proto.longLines);
        }

        @Test // Twisted: test_basic.LineReceiverLineLengthExceededTests.test_longLineWithDelimiter
        void aLongLineIsPassedWithItsDelimiterAndWhatFollows() {
            String excessive = String.join("\r\n", "x".repeat(14), "x".repeat(14));
            proto.dataReceived(b(excessive));
            assertEquals(List.of(excessive), proto.longLines);
        }

        @Test // Twisted: test_basic.LineReceiverLineLengthExceededTests.test_multipleLongLines
        void severalLongLinesArePassedAsOne() {
            String excessive = ("x".repeat(14) + "\r\n").repeat(2);
            proto.dataReceived(b(excessive));
            assertEquals(List.of(excessive), proto.longLines);
        }

        @Test // Twisted: test_basic.LineReceiverTests.test_maximumLineLength, and the same in
        // LineReceiverLineLengthExceededTests
        void aLineLongerThanMaxLengthLosesTheConnection() {
            Plain p = new Plain();
            p.makeConnection(transport);
            p.dataReceived(b("x".repeat(p.MAX_LENGTH + 1) + "\r\nr"));
            assertTrue(transport.disconnecting());
            assertEquals(List.of(), p.lines);
        }

        @Test // Twisted: test_basic.LineReceiverLineLengthExceededTests.test_maximumLineLengthRemaining
        void anUnfinishedLineOfMaxLengthPlusTheDelimitersLengthLosesTheConnection() {
            Plain p = new Plain();
            p.makeConnection(transport);
            p.dataReceived(b("x".repeat(p.MAX_LENGTH + 2)));
            assertTrue(transport.disconnecting());
        }

        @Test // Twisted: test_basic.LineReceiverTests.test_notQuiteMaximumLineLengthUnfinished
        void anUnfinishedLineOfMaxLengthThenPartOfTheDelimiterIsKept() {
            Plain p = new Plain();
            p.makeConnection(transport);
            p.dataReceived(b("x".repeat(p.MAX_LENGTH) + "\r"));
            assertFalse(transport.disconnecting());
            p.dataReceived(b("\n"));
            assertEquals(1, p.lines.size());
            assertEquals(16384, p.lines.get(0).length());
        }

        @Test // Twisted: test_basic.LineReceiverTests.test_maximumLineLengthPartialDelimiter
        void aLineOfMaxLengthWhoseDelimiterArrivesSplitIsDelivered() {
            LineTester p = new LineTester(new Clock());
            p.MAX_LENGTH = 4;
            p.makeConnection(transport);
            String line = "x".repeat(3);
            p.dataReceived(b(line));
            p.dataReceived(b(""));
            p.dataReceived(b("\n" + line));
            assertFalse(transport.disconnecting());
            assertEquals(List.of(line), p.received);

            Recorder crlf = new Recorder("\r\n", 4);
            StringTransport t = new StringTransport();
            crlf.makeConnection(t);
            crlf.dataReceived(b(line));
            crlf.dataReceived(b("\r"));
            crlf.dataReceived(b("\n" + line));
            assertFalse(t.disconnecting());
            assertEquals(List.of(line), crlf.events);
        }

        @ParameterizedTest
        @MethodSource("dev.jtwisted.protocols.basic.LineReceiverTest#chunkSizes")
        void aLineOfExactlyMaxLengthIsDelivered(int chunk) {
            Recorder p = new Recorder("\r\n", 5);
            p.makeConnection(transport);
            Chunks.feed(p, "12345\r\n123456\r\n", chunk);
            assertEquals("12345", p.events.get(0));
            assertTrue(transport.disconnecting());
            assertEquals(1, p.events.size());
        }

        @ParameterizedTest
        @MethodSource("dev.jtwisted.protocols.basic.LineReceiverTest#chunkSizes")
        void theLongLineAndEverythingBufferedAfterItIsDropped(int chunk) {
            List<String> lines = new ArrayList<>();
            ExcessivelyLargeLineCatcher p = new ExcessivelyLargeLineCatcher() {
                @Override
                public void lineReceived(byte[] line) {
                    lines.add(s(line));
                }
            };
            p.MAX_LENGTH = 3;
            p.makeConnection(transport);
            Chunks.feed(p, "abc\r\n", chunk);
            Chunks.feed(p, "abcd\r\nx\r\n", 64);
            Chunks.feed(p, "y\r\n", chunk);
            assertEquals(List.of("abc", "y"), lines);
            assertEquals(List.of("abcd\r\nx\r\n"), p.longLines);
        }

        @Test
        void theDefaultLogsTheLengthAndTheLimit() {
            LogCapture.clear();
            Plain p = new Plain();
            p.makeConnection(transport);
            p.dataReceived(b("x".repeat(20000) + "\r\n"));
            List<LogCapture.LogEvent> events = LogCapture.containing("exceeds MAX_LENGTH");
            assertEquals(1, events.size(), LogCapture.events().toString());
            assertEquals(Level.INFO, events.get(0).level());
            assertEquals("Plain: line length (20000) exceeds MAX_LENGTH (16384); losing the connection",
                    events.get(0).message());
        }

        @Test
        void withoutADelimiterTheLogSaysAtLeast() {
            LogCapture.clear();
            Plain p = new Plain();
            p.MAX_LENGTH = 10;
            p.makeConnection(transport);
            p.dataReceived(b("x".repeat(12)));
            assertEquals(1, LogCapture.containing(
                    "line length (at least 12) exceeds MAX_LENGTH (10)").size(),
                    LogCapture.events().toString());
        }

        @Test
        void anEmptyDelimiterNeverEndsALine() {
            // Twisted: bytes.split(b"") raises ValueError, which dataReceived takes for "no delimiter".
            Recorder p = new Recorder("", 4);
            List<String> tooLong = new ArrayList<>();
            LineReceiver q = new Recorder("", 4) {
                @Override
                public void lineLengthExceeded(byte[] line) {
                    tooLong.add(s(line));
                }
            };
            p.makeConnection(transport);
            q.makeConnection(new StringTransport());
            p.dataReceived(b("abc"));
            assertFalse(transport.disconnecting());
            p.dataReceived(b("d"));
            assertTrue(transport.disconnecting());
            q.dataReceived(b("abcdef"));
            assertEquals(List.of("abcdef"), tooLong);
        }
    }

    @Nested
    class Pausing {
        /** Pauses after each line and echoes it. Twisted: test_basic.ConsumingProtocol. */
        class ConsumingProtocol extends LineReceiver {
            @Override
            public void lineReceived(byte[] line) {
                transport.write(line);
                pauseProducing();
            }
        }

        @Test // Twisted: test_basic.ProducerTests.test_pauseResume
        void aPausedReceiverHoldsLinesAndDeliversThemWhenResumed() {
            ConsumingProtocol p = new ConsumingProtocol();
            RecordingTransport t = new RecordingTransport();
            p.makeConnection(t);

            p.dataReceived(b("hello, "));
            assertEquals(List.of(), t.writes);
            assertEquals("producing", t.producerState());
            assertFalse(p.paused());

            p.dataReceived(b("world\r\n"));
            assertEquals(List.of("hello, world"), t.writes);
            assertEquals("paused", t.producerState());
            assertTrue(p.paused());

            p.resumeProducing();
            assertEquals(List.of("hello, world"), t.writes);
            assertEquals("producing", t.producerState());
            assertFalse(p.paused());

            p.dataReceived(b("hello\r\nworld\r\n"));
            assertEquals(List.of("hello, world", "hello"), t.writes);
            assertEquals("paused", t.producerState());
            assertTrue(p.paused());

            p.resumeProducing();
            assertEquals(List.of("hello, world", "hello", "world"), t.writes);
            assertEquals("paused", t.producerState());
            assertTrue(p.paused());

            p.dataReceived(b("goodbye\r\n"));
            assertEquals(List.of("hello, world", "hello", "world"), t.writes);
            assertEquals("paused", t.producerState());
            assertTrue(p.paused());

            p.resumeProducing();
            assertEquals(List.of("hello, world", "hello", "world", "goodbye"), t.writes);
            assertEquals("paused", t.producerState());
            assertTrue(p.paused());

            p.resumeProducing();
            assertEquals(List.of("hello, world", "hello", "world", "goodbye"), t.writes);
            assertEquals("producing", t.producerState());
            assertFalse(p.paused());
        }

        @Test
        void resumingFromInsideLineReceivedGoesOnDelivering() {
            List<String> lines = new ArrayList<>();
            LineReceiver p = new LineReceiver() {
                @Override
                public void lineReceived(byte[] line) {
                    lines.add(s(line));
                    pauseProducing();
                    resumeProducing();
                }
            };
            p.makeConnection(transport);
            p.dataReceived(b("a\r\nb\r\nc\r\n"));
            assertEquals(List.of("a", "b", "c"), lines);
        }

        @Test
        void rawDataWaitsWhilePaused() {
            Recorder p = new Recorder();
            p.makeConnection(transport);
            p.setRawMode();
            p.pauseProducing();
            p.dataReceived(b("abc"));
            p.dataReceived(b("def"));
            assertEquals(List.of(), p.events);
            p.resumeProducing();
            assertEquals(List.of("raw:abcdef"), p.events);
        }
    }

    @Nested
    class Disconnecting {
        @Test
        void linesAfterOneThatLosesTheConnectionAreNotDelivered() {
            Recorder p = new Recorder() {
                @Override
                public void lineReceived(byte[] line) {
                    super.lineReceived(line);
                    if (s(line).equals("QUIT")) {
                        transport.loseConnection();
                    }
                }
            };
            p.makeConnection(transport);
            p.dataReceived(b("a\r\nQUIT\r\nb\r\nc\r\n"));
            assertEquals(List.of("a", "QUIT"), p.events);
        }

        @Test
        void afterLosingTheConnectionEachDataReceivedDeliversOneLine() {
            // Twisted checks disconnecting after each line, not before.
            Recorder p = new Recorder() {
                @Override
                public void lineReceived(byte[] line) {
                    super.lineReceived(line);
                    if (s(line).equals("QUIT")) {
                        transport.loseConnection();
                    }
                }
            };
            p.makeConnection(transport);
            p.dataReceived(b("QUIT\r\nb\r\nc\r\n"));
            assertEquals(List.of("QUIT"), p.events);
            p.dataReceived(b(""));
            assertEquals(List.of("QUIT", "b"), p.events);
        }
    }

    @Nested
    class Exceptions {
        @Test
        void anExceptionFromLineReceivedComesOutAfterConsumingItsLine() {
            Recorder p = new Recorder() {
                @Override
                public void lineReceived(byte[] line) {
                    super.lineReceived(line);
                    if (s(line).equals("boom")) {
                        throw new IllegalStateException("boom");
                    }
                }
            };
            p.makeConnection(transport);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> p.dataReceived(b("a\r\nboom\r\nb\r\nc")));
            assertEquals("boom", e.getMessage());
            assertEquals(List.of("a", "boom"), p.events);
            p.dataReceived(b("\r\n"));
            assertEquals(List.of("a", "boom", "b", "c"), p.events);
        }
    }

    @Nested
    class Sending {
        @Test
        void sendLineWritesTheLineAndTheDelimiterInOneWrite() {
            RecordingTransport t = new RecordingTransport();
            Recorder p = new Recorder();
            p.makeConnection(t);
            p.sendLine(b("hello"));
            p.sendLine(b(""));
            assertEquals(List.of("hello\r\n", "\r\n"), t.writes);
        }

        @Test
        void sendLineUsesTheSubclassDelimiter() {
            RecordingTransport t = new RecordingTransport();
            Recorder p = new Recorder("\n", 10);
            p.makeConnection(t);
            p.sendLine(b("x"));
            assertEquals(List.of("x\n"), t.writes);
        }

        @Test
        void textIsSentAndDecodedInTheCharset() {
            List<String> got = new ArrayList<>();
            LineReceiver p = new LineReceiver() {
                @Override
                public void lineReceived(byte[] line) {
                    got.add(decode(line));
                }
            };
            p.makeConnection(transport);
            p.sendLine("héllo ✓");
            assertArrayEquals("héllo ✓\r\n".getBytes(StandardCharsets.UTF_8), transport.value());
            p.dataReceived(transport.value());
            assertEquals(List.of("héllo ✓"), got);
        }

        @Test
        void aSubclassMayChooseAnotherCharset() {
            Recorder p = new Recorder();
            p.charset = StandardCharsets.ISO_8859_1;
            p.makeConnection(transport);
            p.sendLine("é");
            assertArrayEquals(new byte[] {(byte) 0xe9, '\r', '\n'}, transport.value());
            assertEquals("é", p.decode(new byte[] {(byte) 0xe9}));
        }
    }

    @Nested
    class Linearity {
        @Test
        void aLongLineArrivingOneBytePerPacketIsScannedAndCopiedLinearly() {
            int n = 10_000_000;
            List<byte[]> lines = new ArrayList<>();
            LineReceiver p = new LineReceiver() {
                @Override
                public void lineReceived(byte[] line) {
                    lines.add(line);
                }
            };
            p.MAX_LENGTH = n;
            p.makeConnection(transport);
            byte[] one = {'x'};
            for (int i = 0; i < n; i++) {
                p.dataReceived(one);
            }
            feedBytewise(p, b("\r\n"));
            assertEquals(1, lines.size());
            assertEquals(n, lines.get(0).length);
            assertTrue(p.bytesScanned <= n + 2L, "scanned " + p.bytesScanned);
            assertTrue(p.in.bytesCopied <= 4L * n, "copied " + p.in.bytesCopied);
            assertFalse(transport.disconnecting());
        }

        @Test
        void aBurstOfSmallLinesIsScannedOnceAndNotCopied() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int count = 0;
            while (out.size() < 10_000_000) {
                out.writeBytes(b("line " + count++ + "\r\n"));
            }
            byte[] burst = out.toByteArray();
            int[] delivered = {0};
            LineReceiver p = new LineReceiver() {
                @Override
                public void lineReceived(byte[] line) {
                    delivered[0]++;
                }
            };
            p.makeConnection(transport);
            p.dataReceived(burst);
            assertEquals(count, delivered[0]);
            assertTrue(p.bytesScanned <= burst.length, "scanned " + p.bytesScanned);
            assertEquals(0, p.in.bytesCopied);
        }

        @Test
        void aBurstCutAnywhereIsScannedAboutOnce() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int count = 0;
            while (out.size() < 10_000_000) {
                out.writeBytes(b("l".repeat(count % 97) + "\r\n"));
                count++;
            }
            byte[] burst = out.toByteArray();
            int[] delivered = {0};
            LineReceiver p = new LineReceiver() {
                @Override
                public void lineReceived(byte[] line) {
                    delivered[0]++;
                }
            };
            p.makeConnection(transport);
            int chunk = 1000;
            for (int i = 0; i < burst.length; i += chunk) {
                p.dataReceived(Arrays.copyOfRange(burst, i, Math.min(burst.length, i + chunk)));
            }
            assertEquals(count, delivered[0]);
            long packets = burst.length / chunk + 1;
            // At most delimiter.length - 1 positions are looked at again per packet.
            assertTrue(p.bytesScanned <= burst.length + packets, "scanned " + p.bytesScanned);
            assertTrue(p.in.bytesCopied <= 2L * burst.length, "copied " + p.in.bytesCopied);
        }

        @Test
        void aTooLongLineArrivingOneBytePerPacketIsScannedOnce() {
            int n = 1_000_000;
            ExcessivelyLargeLineCatcher p = new ExcessivelyLargeLineCatcher();
            p.MAX_LENGTH = 1000;
            p.makeConnection(transport);
            byte[] one = {'x'};
            for (int i = 0; i < n; i++) {
                p.dataReceived(one);
            }
            assertEquals(n / 1002, p.longLines.size());
            assertTrue(p.bytesScanned <= n, "scanned " + p.bytesScanned);
        }

        @Test
        void aHugePacketWithoutADelimiterIsRefusedAfterScanningMaxLength() {
            Plain p = new Plain();
            p.makeConnection(transport);
            p.dataReceived(new byte[10_000_000]);
            assertTrue(transport.disconnecting());
            assertTrue(p.bytesScanned <= p.MAX_LENGTH + 1, "scanned " + p.bytesScanned);
        }
    }
}
