package dev.jtwisted.protocols.basic;

import static dev.jtwisted.protocols.basic.TestSupport.b;
import static dev.jtwisted.protocols.basic.TestSupport.feedBytewise;
import static dev.jtwisted.protocols.basic.TestSupport.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LineOnlyReceiverTest {
    static IntStream chunkSizes() {
        return TestSupport.chunkSizes();
    }

    /** Records lines and too-long lines. Twisted: test_basic.LineOnlyTester, plus long lines. */
    static class LineOnlyTester extends LineOnlyReceiver {
        final List<String> received = new ArrayList<>();
        final List<String> tooLong = new ArrayList<>();
        boolean keepTooLong;

        LineOnlyTester() {
            delimiter = b("\n");
            MAX_LENGTH = 64;
        }

        LineOnlyTester(String delimiter, int maxLength) {
            this.delimiter = b(delimiter);
            this.MAX_LENGTH = maxLength;
        }

        @Override
        public void lineReceived(byte[] line) {
            received.add(s(line));
        }

        @Override
        public void lineLengthExceeded(byte[] line) {
            tooLong.add(s(line));
            if (!keepTooLong) {
                super.lineLengthExceeded(line);
            }
        }
    }

    private final StringTransport transport = new StringTransport();

    @Nested
    class CuttingLines {
        @Test // Twisted: test_basic.LineOnlyReceiverTests.test_buffer
        void deliversLinesFedOneByteAtATime() {
            String buffer = "foo\n    bleakness\n    desolation\n    plastic forks\n";
            LineOnlyTester a = new LineOnlyTester();
            a.makeConnection(transport);
            feedBytewise(a, b(buffer));
            assertEquals(List.of("foo", "    bleakness", "    desolation", "    plastic forks"),
                    a.received);
        }

        @ParameterizedTest
        @MethodSource("dev.jtwisted.protocols.basic.LineOnlyReceiverTest#chunkSizes")
        void deliversEveryLineWhateverTheChunkSize(int chunk) {
            LineOnlyTester a = new LineOnlyTester("\r\n", 16384);
            a.makeConnection(transport);
            Chunks.feed(a, "one\r\n\r\ntwo\rthree\n\r\nfour", chunk);
            assertEquals(List.of("one", "", "two\rthree\n"), a.received);
            Chunks.feed(a, "\r\n", chunk);
            assertEquals(List.of("one", "", "two\rthree\n", "four"), a.received);
        }

        @Test
        void aDelimiterSplitAcrossPacketsStillEndsTheLine() {
            LineOnlyTester a = new LineOnlyTester("\r\n", 100);
            a.makeConnection(transport);
            a.dataReceived(b("abc\r"));
            assertEquals(List.of(), a.received);
            a.dataReceived(b("\n"));
            assertEquals(List.of("abc"), a.received);
        }

        @ParameterizedTest
        @MethodSource("dev.jtwisted.protocols.basic.LineOnlyReceiverTest#chunkSizes")
        void anOverlappingDelimiterSplitsAsBytesSplitDoes(int chunk) {
            LineOnlyTester a = new LineOnlyTester("aa", 100);
            a.makeConnection(transport);
            Chunks.feed(a, "aaabaaaa", chunk);
            assertEquals(List.of("", "ab", ""), a.received);
        }

        @Test
        void theDelimiterInForceWhenAPacketArrivesCutsTheWholePacket() {
            LineOnlyTester a = new LineOnlyTester("\n", 100) {
                @Override
                public void lineReceived(byte[] line) {
                    super.lineReceived(line);
                    delimiter = b("|");
                }
            };
            a.makeConnection(transport);
            a.dataReceived(b("a\nb|c\nd|e"));
            assertEquals(List.of("a", "b|c"), a.received);
            a.dataReceived(b("|"));
            assertEquals(List.of("a", "b|c", "d", "e"), a.received);
        }

        @Test
        void anEmptyDelimiterIsRefused() {
            // Twisted: bytes.split(b"") raises ValueError.
            LineOnlyTester a = new LineOnlyTester("", 100);
            a.makeConnection(transport);
            assertThrows(IllegalArgumentException.class, () -> a.dataReceived(b("abc")));
        }

        @Test // Twisted: test_basic.LineOnlyReceiverTests.test_lineReceivedNotImplemented
        void lineReceivedIsAbstract() throws Exception {
            assertTrue(Modifier.isAbstract(
                    LineOnlyReceiver.class.getMethod("lineReceived", byte[].class).getModifiers()));
        }
    }

    @Nested
    class LineLength {
        @Test // Twisted: test_basic.LineOnlyReceiverTests.test_greaterThanMaximumLineLength
        void aLineLongerThanMaxLengthLosesTheConnection() {
            LineOnlyTester proto = new LineOnlyTester();
            proto.makeConnection(transport);
            proto.dataReceived(b("x".repeat(64 + 1 + 1) + "\r\nr"));
            assertTrue(transport.disconnecting());
        }

        @ParameterizedTest
        @MethodSource("dev.jtwisted.protocols.basic.LineOnlyReceiverTest#chunkSizes")
        void anUnfinishedLineLongerThanMaxLengthIsReportedAndKept(int chunk) {
            LineOnlyTester a = new LineOnlyTester("\r\n", 4);
            a.keepTooLong = true;
            a.makeConnection(transport);
            Chunks.feed(a, "abcd", chunk);
            assertEquals(List.of(), a.tooLong);
            Chunks.feed(a, "\r", chunk);
            // Unlike LineReceiver, a partial delimiter counts towards the length.
            assertEquals(List.of("abcd\r"), a.tooLong);
            a.dataReceived(b("\n"));
            assertEquals(List.of("abcd\r"), a.tooLong);
            assertEquals(List.of("abcd"), a.received);
        }

        @Test
        void theUnfinishedLineIsReportedAgainWithEachPacket() {
            LineOnlyTester a = new LineOnlyTester("\n", 2);
            a.keepTooLong = true;
            a.makeConnection(transport);
            a.dataReceived(b("abc"));
            a.dataReceived(b("d"));
            a.dataReceived(b("\nx\n"));
            assertEquals(List.of("abc", "abcd", "abcd"), a.tooLong);
            assertEquals(List.of(), a.received);
        }

        @ParameterizedTest
        @MethodSource("dev.jtwisted.protocols.basic.LineOnlyReceiverTest#chunkSizes")
        void aLineOfExactlyMaxLengthIsDelivered(int chunk) {
            LineOnlyTester a = new LineOnlyTester("\n", 5);
            a.makeConnection(transport);
            Chunks.feed(a, "12345\n123456\n", chunk);
            assertEquals(List.of("12345"), a.received);
            assertEquals(List.of("123456"), a.tooLong);
            assertTrue(transport.disconnecting());
        }

        @Test
        void aTooLongLineIsPassedAloneAndTheRestOfItsPacketDropped() {
            LineOnlyTester a = new LineOnlyTester("\n", 3);
            a.keepTooLong = true;
            a.makeConnection(transport);
            a.dataReceived(b("ab\nabcd\nc\nd\ne"));
            assertEquals(List.of("ab"), a.received);
            assertEquals(List.of("abcd"), a.tooLong);
            a.dataReceived(b("\n"));
            assertEquals(List.of("ab", "e"), a.received);
        }

        @Test
        void theDefaultLogsTheLengthAndTheLimit() {
            LogCapture.clear();
            LineOnlyReceiver a = new LineOnlyReceiver() {
                @Override
                public void lineReceived(byte[] line) {}

                @Override
                public String logPrefix() {
                    return "Lines";
                }
            };
            a.makeConnection(transport);
            a.dataReceived(b("x".repeat(20000) + "\r\n"));
            assertTrue(transport.disconnecting());
            assertEquals(1, LogCapture.containing(
                    "Lines: line length (20000) exceeds MAX_LENGTH (16384); losing the connection")
                    .size(), LogCapture.events().toString());
        }
    }

    @Nested
    class Disconnecting {
        @Test
        void linesAfterOneThatLosesTheConnectionAreDropped() {
            LineOnlyTester a = new LineOnlyTester("\n", 100) {
                @Override
                public void lineReceived(byte[] line) {
                    super.lineReceived(line);
                    if (s(line).equals("QUIT")) {
                        transport.loseConnection();
                    }
                }
            };
            a.makeConnection(transport);
            a.dataReceived(b("a\nQUIT\nb\nc\nd"));
            assertEquals(List.of("a", "QUIT"), a.received);
            // Checked before each line: nothing more is delivered, not even the kept "d".
            a.dataReceived(b("\n"));
            assertEquals(List.of("a", "QUIT"), a.received);
        }
    }

    @Nested
    class Exceptions {
        @Test
        void anExceptionFromLineReceivedComesOutAndDropsThePacketsOtherLines() {
            LineOnlyTester a = new LineOnlyTester("\n", 100) {
                @Override
                public void lineReceived(byte[] line) {
                    super.lineReceived(line);
                    if (s(line).equals("boom")) {
                        throw new IllegalStateException("boom");
                    }
                }
            };
            a.makeConnection(transport);
            assertThrows(IllegalStateException.class, () -> a.dataReceived(b("a\nboom\nb\nc")));
            assertEquals(List.of("a", "boom"), a.received);
            a.dataReceived(b("\n"));
            assertEquals(List.of("a", "boom", "c"), a.received);
        }
    }

    @Nested
    class Sending {
        @Test
        void sendLineWritesTheLineAndTheDelimiterInOneWrite() {
            RecordingTransport t = new RecordingTransport();
            LineOnlyTester a = new LineOnlyTester();
            a.makeConnection(t);
            a.sendLine(b("hello"));
            a.sendLine("wörld");
            assertEquals(List.of("hello\n", "w\u00c3\u00b6rld\n"), t.writes);
        }

        @Test
        void textIsDecodedInTheCharset() {
            List<String> got = new ArrayList<>();
            LineOnlyReceiver a = new LineOnlyReceiver() {
                {
                    charset = StandardCharsets.UTF_16BE;
                }

                @Override
                public void lineReceived(byte[] line) {
                    got.add(decode(line));
                }
            };
            a.makeConnection(transport);
            a.sendLine("hé");
            assertArrayEquals(new byte[] {0, 'h', 0, (byte) 0xe9, '\r', '\n'}, transport.value());
            a.dataReceived(new byte[] {0, 'o', 0, 'k', '\r', '\n'});
            assertEquals(List.of("ok"), got);
        }
    }

    @Nested
    class Linearity {
        @Test
        void aLongLineArrivingOneBytePerPacketIsScannedAndCopiedLinearly() {
            int n = 10_000_000;
            LineOnlyTester a = new LineOnlyTester("\r\n", n + 1);
            a.makeConnection(transport);
            byte[] one = {'x'};
            for (int i = 0; i < n; i++) {
                a.dataReceived(one);
            }
            feedBytewise(a, b("\r\n"));
            assertEquals(1, a.received.size());
            assertEquals(n, a.received.get(0).length());
            assertTrue(a.bytesScanned <= n + 2L, "scanned " + a.bytesScanned);
            assertTrue(a.in.bytesCopied <= 4L * n, "copied " + a.in.bytesCopied);
            assertFalse(transport.disconnecting());
        }

        @Test
        void aBurstOfSmallLinesIsScannedOnceAndNotCopied() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int count = 0;
            while (out.size() < 10_000_000) {
                out.writeBytes(b("line " + count++ + "\n"));
            }
            byte[] burst = out.toByteArray();
            int[] delivered = {0};
            LineOnlyReceiver a = new LineOnlyReceiver() {
                {
                    delimiter = b("\n");
                }

                @Override
                public void lineReceived(byte[] line) {
                    delivered[0]++;
                }
            };
            a.makeConnection(transport);
            a.dataReceived(burst);
            assertEquals(count, delivered[0]);
            assertTrue(a.bytesScanned <= burst.length, "scanned " + a.bytesScanned);
            assertEquals(0, a.in.bytesCopied);
        }

        @Test
        void aBurstCutAnywhereIsScannedAboutOnce() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int count = 0;
            while (out.size() < 10_000_000) {
                out.writeBytes(b("l".repeat(count % 89) + "\r\n"));
                count++;
            }
            byte[] burst = out.toByteArray();
            int[] delivered = {0};
            LineOnlyReceiver a = new LineOnlyReceiver() {
                @Override
                public void lineReceived(byte[] line) {
                    delivered[0]++;
                }
            };
            a.makeConnection(transport);
            int chunk = 777;
            for (int i = 0; i < burst.length; i += chunk) {
                a.dataReceived(Arrays.copyOfRange(burst, i, Math.min(burst.length, i + chunk)));
            }
            assertEquals(count, delivered[0]);
            long packets = burst.length / chunk + 1;
            assertTrue(a.bytesScanned <= burst.length + packets, "scanned " + a.bytesScanned);
            assertTrue(a.in.bytesCopied <= 2L * burst.length, "copied " + a.in.bytesCopied);
        }
    }
}
