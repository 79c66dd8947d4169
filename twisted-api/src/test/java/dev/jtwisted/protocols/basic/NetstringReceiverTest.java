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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetstringReceiverTest {
    static IntStream chunkSizes() {
        return TestSupport.chunkSizes();
    }

    /** Records and echoes each string; MAX_LENGTH 50. Twisted: test_basic.TestNetstring. */
    static class TestNetstring extends NetstringReceiver {
        final List<String> received = new ArrayList<>();

        TestNetstring() {
            MAX_LENGTH = 50;
        }

        @Override
        public void stringReceived(byte[] string) {
            received.add(s(string));
            transport.write(string);
        }
    }

    /** Counts loseConnection calls, which Twisted repeats for each batch of bad data. */
    static class CountingTransport extends StringTransport {
        int losses;

        @Override
        public void loseConnection() {
            losses++;
            super.loseConnection();
        }
    }

    private CountingTransport transport;
    private TestNetstring netstringReceiver;

    @BeforeEach
    void connect() {
        transport = new CountingTransport();
        netstringReceiver = new TestNetstring();
        netstringReceiver.makeConnection(transport);
    }

    private void receive(String data) {
        netstringReceiver.dataReceived(b(data));
    }

    @Nested
    class Receiving {
        @ParameterizedTest // Twisted: test_basic.NetstringReceiverTests.test_buffer
        @MethodSource("dev.jtwisted.protocols.basic.NetstringReceiverTest#chunkSizes")
        void stringsArriveWhateverTheChunkSize(int chunk) {
            List<String> strings = List.of("hello", "world", "how", "are", "you123", ":today",
                    "a".repeat(515), "", ",", "1:a,");
            StringTransport t = new StringTransport();
            TestNetstring a = new TestNetstring();
            a.MAX_LENGTH = 699;
            a.makeConnection(t);
            for (String x : strings) {
                a.sendString(b(x));
            }
            byte[] out = t.value();
            Chunks.feed(a, out, chunk);
            assertEquals(strings, a.received);
            assertFalse(t.disconnecting());
        }

        @Test // Twisted: test_basic.NetstringReceiverTests.test_receiveEmptyNetstring
        void anEmptyNetstringIsReceived() {
            receive("0:,");
            assertEquals(List.of(""), netstringReceiver.received);
        }

        @Test // Twisted: test_basic.NetstringReceiverTests.test_receiveOneCharacter
        void aOneCharacterNetstringIsReceived() {
            receive("1:a,");
            assertEquals(List.of("a"), netstringReceiver.received);
        }

        @Test // Twisted: test_basic.NetstringReceiverTests.test_receiveTwoCharacters
        void aTwoCharacterNetstringIsReceived() {
            receive("2:ab,");
            assertEquals(List.of("ab"), netstringReceiver.received);
        }

        @Test // Twisted: test_basic.NetstringReceiverTests.test_receiveNestedNetstring
        void colonsAndCommasInThePayloadAreData() {
            receive("4:1:a,,");
            assertEquals(List.of("1:a,"), netstringReceiver.received);
        }

        @Test // Twisted: test_basic.NetstringReceiverTests.test_receiveNetstringPortions_1
        void aNetstringArrivesInTwoPortions() {
            receive("4:aa");
            receive("aa,");
            assertEquals(List.of("aaaa"), netstringReceiver.received);
        }

        @Test // Twisted: test_basic.NetstringReceiverTests.test_receiveNetstringPortions_2
        void theLengthMaySplitAcrossPortions() {
            for (String part : List.of("1", "0:01234", "56789", ",")) {
                receive(part);
            }
            assertEquals(List.of("0123456789"), netstringReceiver.received);
        }

        @Test // Twisted: test_basic.NetstringReceiverTests.test_receiveNetstringPortions_3
        void aNetstringArrivesOneCharacterAtATime() {
            for (String part : List.of("2", ":", "a", "b", ",")) {
                receive(part);
            }
            assertEquals(List.of("ab"), netstringReceiver.received);
        }

        @Test // Twisted: test_basic.NetstringReceiverTests.test_receiveTwoNetstrings
        void aPortionMayEndWithTheNextLength() {
            receive("1:a,1");
            assertEquals(List.of("a"), netstringReceiver.received);
            receive(":b,");
            assertEquals(List.of("a", "b"), netstringReceiver.received);
        }

        @ParameterizedTest
        @MethodSource("dev.jtwisted.protocols.basic.NetstringReceiverTest#chunkSizes")
        void zeroLengthNetstringsBetweenOthers(int chunk) {
            Chunks.feed(netstringReceiver, "0:,0:,3:abc,0:,", chunk);
            assertEquals(List.of("", "", "abc", ""), netstringReceiver.received);
            assertFalse(transport.disconnecting());
        }

        @Test // Twisted: test_basic.NetstringReceiverTests.test_consumeLengthBorderCase1
        void aLengthEqualToMaxLengthIsAccepted() {
            netstringReceiver.MAX_LENGTH = 12;
            receive("12:" + "x".repeat(12) + ",");
            assertEquals(List.of("x".repeat(12)), netstringReceiver.received);
        }

        @Test // Twisted: test_basic.NetstringReceiverTests.test_consumeLength
        void aLengthIsReadBeforeItsPayloadArrives() {
            receive("12:");
            assertFalse(transport.disconnecting());
            receive("x".repeat(12));
            assertEquals(List.of(), netstringReceiver.received);
            receive(",");
            assertEquals(List.of("x".repeat(12)), netstringReceiver.received);
        }

        @Test
        void aDigitsOnlyPrefixMayEndWithANewlineWhileWaiting() {
            // Twisted's _LENGTH_PREFIX is (0|[1-9]\d*)$, and $ also matches before a final \n.
            receive("5\n");
            assertFalse(transport.disconnecting());
            receive("1");
            assertTrue(transport.disconnecting());
        }

        @Test
        void stringReceivedMayCallDataReceived() {
            List<String> got = new ArrayList<>();
            NetstringReceiver p = new NetstringReceiver() {
                @Override
                public void stringReceived(byte[] string) {
                    got.add(s(string));
                    if (s(string).equals("a")) {
                        dataReceived(b("1:c,"));
                        got.add("after");
                    }
                }
            };
            p.makeConnection(transport);
            p.dataReceived(b("1:a,1:b,"));
            // As Twisted: the inner call parses at once, starting with what is still buffered.
            assertEquals(List.of("a", "b", "c", "after"), got);
        }

        @Test
        void anExceptionFromStringReceivedComesOutAfterConsumingItsString() {
            List<String> got = new ArrayList<>();
            NetstringReceiver p = new NetstringReceiver() {
                @Override
                public void stringReceived(byte[] string) {
                    got.add(s(string));
                    if (s(string).equals("boom")) {
                        throw new IllegalStateException("boom");
                    }
                }
            };
            p.makeConnection(transport);
            assertThrows(IllegalStateException.class, () -> p.dataReceived(b("1:a,4:boom,1:b,")));
            assertEquals(List.of("a", "boom"), got);
            p.dataReceived(b(""));
            assertEquals(List.of("a", "boom", "b"), got);
        }

        @Test
        void makeConnectionStartsAfresh() {
            receive("5:ab");
            netstringReceiver.makeConnection(new StringTransport());
            receive("1:z,");
            assertEquals(List.of("z"), netstringReceiver.received);
        }

        @Test // Twisted: test_basic.NetstringReceiverTests.test_stringReceivedNotImplemented
        void stringReceivedIsAbstract() throws Exception {
            assertTrue(Modifier.isAbstract(NetstringReceiver.class
                    .getMethod("stringReceived", byte[].class).getModifiers()));
        }
    }

    @Nested
    class BadInput {
        @ParameterizedTest // Twisted: test_basic.LPTestCaseMixin.test_illegal
        @ValueSource(strings = {"9999999999999999999999", "abc", "4:abcde",
                "51:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab,"})
        void illegalNetstringsFedBytewiseLoseTheConnection(String illegal) {
            feedBytewise(netstringReceiver, b(illegal));
            assertTrue(transport.disconnecting());
            assertTrue(netstringReceiver.brokenPeer());
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "01:a,", "00:,", "007:abcdefg,", // leading zeros
            "-1:a,", "+1:a,", " 1:a,", "1 :a,", "1a:a,", "x", "\n", // not a number
            ":aaa,", "3aaa,", "aaa,", "aaa", // Twisted: test_missingNumber, _missingColon...
            "2:aaa,", "0:a,", "3:abc;", // Twisted: test_moreDataThanSpecified..., no comma
            "51:", "100000:", "99999999999:", "123456789012345678901234567890:", // too long
            "1:a,0:,2:ab,3:abcX"})
        void badInputInAnyChunkSizeLosesTheConnection(String bad) {
            chunkSizes().forEach(chunk -> {
                CountingTransport t = new CountingTransport();
                TestNetstring p = new TestNetstring();
                p.makeConnection(t);
                Chunks.feed(p, bad, chunk);
                assertTrue(t.disconnecting(), bad + " in chunks of " + chunk);
                assertTrue(p.brokenPeer(), bad + " in chunks of " + chunk);
            });
        }

        @Test // Twisted: test_basic.NetstringReceiverTests.test_moreDataThanSpecified
        void moreDataThanTheLengthSaysIsRefusedAtTheCommaPosition() {
            receive("2:aa");
            assertFalse(transport.disconnecting());
            receive("a");
            assertTrue(transport.disconnecting());
            assertTrue(netstringReceiver.brokenPeer());
        }

        @Test // Twisted: test_basic.NetstringReceiverTests.test_moreDataThanSpecifiedBorderCase
        void anEmptyNetstringWithDataIsRefused() {
            receive("0:a,");
            assertTrue(transport.disconnecting());
        }

        @Test // Twisted: test_basic.NetstringReceiverTests.test_missingNumber
        void aNetstringWithoutALengthIsRefused() {
            receive(":aaa,");
            assertTrue(transport.disconnecting());
        }

        @Test // Twisted: test_basic.NetstringReceiverTests.test_missingColon
        void aNetstringWithoutAColonIsRefused() {
            receive("3aaa,");
            assertTrue(transport.disconnecting());
        }

        @Test // Twisted: test_basic.NetstringReceiverTests.test_missingNumberAndColon
        void aNetstringWithNeitherLengthNorColonIsRefused() {
            receive("aaa,");
            assertTrue(transport.disconnecting());
        }

        @Test // Twisted: test_basic.NetstringReceiverTests.test_onlyData
        void dataAloneIsRefused() {
            receive("aaa");
            assertTrue(transport.disconnecting());
        }

        @Test // Twisted: test_basic.NetstringReceiverTests.test_maxReceiveLimit
        void aLengthOverMaxLengthIsRefusedBeforeThePayload() {
            // Twisted's test sends bytes(51), 51 NULs on Python 3; the intent is "51:".
            receive("51:");
            assertTrue(transport.disconnecting());
            assertTrue(netstringReceiver.brokenPeer());
        }

        @Test // Twisted: test_basic.NetstringReceiverTests.test_maxReceiveLimit, as run on Python 3
        void nulBytesAreNotALength() {
            receive("\0".repeat(51) + ":" + "a".repeat(51));
            assertTrue(transport.disconnecting());
        }

        @Test // Twisted: test_basic.NetstringReceiverTests.test_consumeLengthBorderCase2
        void aLengthOneOverMaxLengthIsRefused() {
            netstringReceiver.MAX_LENGTH = 11;
            receive("12:");
            assertTrue(transport.disconnecting());
        }

        @Test // Twisted: test_basic.NetstringReceiverTests.test_consumeLengthBorderCase3
        void aLengthFarOverMaxLengthIsRefused() {
            netstringReceiver.MAX_LENGTH = 11;
            receive("1000:");
            assertTrue(transport.disconnecting());
        }

        @Test
        void anUnfinishedLengthOverMaxLengthIsRefusedWithoutWaitingForTheColon() {
            receive("5");
            assertFalse(transport.disconnecting());
            receive("1");
            assertTrue(transport.disconnecting());
        }

        @Test
        void stringsBeforeTheBadOneAreDelivered() {
            receive("1:a,x1:b,");
            assertEquals(List.of("a"), netstringReceiver.received);
            assertTrue(netstringReceiver.brokenPeer());
        }

        @Test
        void afterABadLengthEveryCallLosesTheConnectionAgain() {
            receive("abc");
            receive("");
            receive("x");
            assertEquals(3, transport.losses);
        }

        @Test
        void afterAMissingCommaOnlyNewDataLosesTheConnectionAgain() {
            // Twisted moved the bad payload out of its buffer: an empty call finds nothing to parse.
            receive("0:a");
            receive("");
            assertEquals(1, transport.losses);
            receive("x");
            assertEquals(2, transport.losses);
        }

        @Test
        void aMissingCommaWithMoreBufferedLosesTheConnectionOnEmptyCallsToo() {
            receive("0:a,1:b,");
            receive("");
            assertEquals(2, transport.losses);
            assertEquals(List.of(), netstringReceiver.received);
        }

        @Test
        void theBadBytesStayBufferedSoNothingLaterIsDelivered() {
            receive("1:a,1:b");
            receive("c");
            receive("1:d,");
            assertEquals(List.of("a"), netstringReceiver.received);
            assertEquals(2, transport.losses);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1})
        void aMaxLengthBelowOneFailsWhenALengthIsChecked(int max) {
            // Twisted: math.log10(MAX_LENGTH) raises ValueError("math domain error").
            netstringReceiver.MAX_LENGTH = max;
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> receive("0:,"));
            assertEquals("MAX_LENGTH < 1: " + max, e.getMessage());
            assertFalse(transport.disconnecting());
        }

        @Test
        void theParseErrorIsLoggedOnceWithTheLengthAndTheLimit() {
            LogCapture.clear();
            receive("100000:");
            receive("x");
            List<LogCapture.LogEvent> events = LogCapture.containing("exceeds MAX_LENGTH");
            assertEquals(1, events.size(), LogCapture.events().toString());
            assertEquals("TestNetstring: netstring length (100000) exceeds MAX_LENGTH (50); "
                    + "losing the connection", events.get(0).message());
        }

        @Test
        void aMissingCommaIsLoggedInTwistedsWords() {
            LogCapture.clear();
            receive("1:ab");
            assertEquals(1, LogCapture.containing(
                    "The received netstring is not terminated by a comma.").size());
        }
    }

    @Nested
    class MaxLengthSize {
        @Test
        void matchesTwistedsCeilLog10PlusOne() {
            // Values from Python: math.ceil(math.log10(m)) + 1.
            int[][] cases = {{1, 1}, {9, 2}, {10, 2}, {11, 3}, {99, 3}, {100, 3}, {99999, 6},
                {100000, 6}, {100001, 7}, {Integer.MAX_VALUE, 11}};
            for (int[] c : cases) {
                assertEquals(c[1], NetstringReceiver.maxLengthSize(c[0]), "MAX_LENGTH " + c[0]);
            }
        }
    }

    @Nested
    class Sending {
        @Test
        void sendStringWritesOneNetstringInOneWrite() {
            RecordingTransport t = new RecordingTransport();
            TestNetstring p = new TestNetstring();
            p.makeConnection(t);
            p.sendString(b("hello"));
            p.sendString(b(""));
            p.sendString("é");
            assertEquals(List.of("5:hello,", "0:,", "2:\u00c3\u00a9,"), t.writes);
        }

        @Test
        void sendStringDoesNotCheckMaxLength() {
            TestNetstring p = new TestNetstring();
            StringTransport t = new StringTransport();
            p.makeConnection(t);
            p.sendString(b("x".repeat(60)));
            assertEquals("60:" + "x".repeat(60) + ",", t.valueString());
        }

        @Test
        void textIsDecodedInTheCharset() {
            List<String> got = new ArrayList<>();
            NetstringReceiver p = new NetstringReceiver() {
                @Override
                public void stringReceived(byte[] string) {
                    got.add(decode(string));
                }
            };
            StringTransport t = new StringTransport();
            p.makeConnection(t);
            p.sendString("✓");
            assertArrayEquals(b("3:\u00e2\u009c\u0093,"), t.value());
            p.dataReceived(t.value());
            assertEquals(List.of("✓"), got);
        }
    }

    @Nested
    class Linearity {
        @Test
        void aLongPayloadArrivingOneBytePerPacketIsCopiedLinearly() {
            int n = 10_000_000;
            List<byte[]> got = new ArrayList<>();
            NetstringReceiver p = new NetstringReceiver() {
                @Override
                public void stringReceived(byte[] string) {
                    got.add(string);
                }
            };
            p.MAX_LENGTH = n;
            p.makeConnection(transport);
            feedBytewise(p, b(n + ":"));
            byte[] one = {'x'};
            for (int i = 0; i < n; i++) {
                p.dataReceived(one);
            }
            feedBytewise(p, b(","));
            assertEquals(1, got.size());
            assertEquals(n, got.get(0).length);
            assertTrue(p.in.bytesCopied <= 4L * n, "copied " + p.in.bytesCopied);
        }

        @Test
        void aBurstOfSmallNetstringsIsNotCopied() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int count = 0;
            while (out.size() < 10_000_000) {
                String x = "s" + count++;
                out.writeBytes(b(x.length() + ":" + x + ","));
            }
            int[] delivered = {0};
            NetstringReceiver p = new NetstringReceiver() {
                @Override
                public void stringReceived(byte[] string) {
                    delivered[0]++;
                }
            };
            p.makeConnection(transport);
            p.dataReceived(out.toByteArray());
            assertEquals(count, delivered[0]);
            assertEquals(0, p.in.bytesCopied);
        }
    }
}
