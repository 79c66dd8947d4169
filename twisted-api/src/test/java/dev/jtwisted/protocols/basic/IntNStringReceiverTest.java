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
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntNStringReceiverTest {
    static IntStream chunkSizes() {
        return TestSupport.chunkSizes();
    }

    /** What a test receiver saw. */
    static final class Events {
        final List<String> received = new ArrayList<>();
        final List<Long> exceeded = new ArrayList<>();
        /** When set, lengthLimitExceeded only records (as Twisted's tests replace it). */
        boolean recordOnly;
    }

    /** Twisted: test_basic.TestInt8 (TestMixin: records strings, MAX_LENGTH 50). */
    static class TestInt8 extends Int8StringReceiver {
        final Events events = new Events();

        TestInt8() {
            MAX_LENGTH = 50;
        }

        @Override
        public void stringReceived(byte[] string) {
            events.received.add(s(string));
        }

        @Override
        public void lengthLimitExceeded(long length) {
            events.exceeded.add(length);
            if (!events.recordOnly) {
                super.lengthLimitExceeded(length);
            }
        }
    }

    /** Twisted: test_basic.TestInt16. */
    static class TestInt16 extends Int16StringReceiver {
        final Events events = new Events();

        TestInt16() {
            MAX_LENGTH = 50;
        }

        @Override
        public void stringReceived(byte[] string) {
            events.received.add(s(string));
        }

        @Override
        public void lengthLimitExceeded(long length) {
            events.exceeded.add(length);
            if (!events.recordOnly) {
                super.lengthLimitExceeded(length);
            }
        }
    }

    /** Twisted: test_basic.TestInt32. */
    static class TestInt32 extends Int32StringReceiver {
        final Events events = new Events();

        TestInt32() {
            MAX_LENGTH = 50;
        }

        @Override
        public void stringReceived(byte[] string) {
            events.received.add(s(string));
        }

        @Override
        public void lengthLimitExceeded(long length) {
            events.exceeded.add(length);
            if (!events.recordOnly) {
                super.lengthLimitExceeded(length);
            }
        }
    }

    /** Any prefix size and byte order. */
    static class TestIntN extends IntNStringReceiver {
        final Events events = new Events();

        TestIntN(int prefixLength, ByteOrder order) {
            super(prefixLength, order);
            MAX_LENGTH = 50;
        }

        @Override
        public void stringReceived(byte[] string) {
            events.received.add(s(string));
        }

        @Override
        public void lengthLimitExceeded(long length) {
            events.exceeded.add(length);
            if (!events.recordOnly) {
                super.lengthLimitExceeded(length);
            }
        }
    }

    /** A connected Int8, Int16 or Int32 receiver, by prefix length. Twisted: getProtocol. */
    static IntNStringReceiver connected(int prefixLength, StringTransport t) {
        IntNStringReceiver p = switch (prefixLength) {
            case 1 -> new TestInt8();
            case 2 -> new TestInt16();
            case 4 -> new TestInt32();
            default -> new TestIntN(prefixLength, ByteOrder.BIG_ENDIAN);
        };
        p.makeConnection(t);
        return p;
    }

    static Events events(IntNStringReceiver p) {
        if (p instanceof TestInt8 x) {
            return x.events;
        }
        if (p instanceof TestInt16 x) {
            return x.events;
        }
        if (p instanceof TestInt32 x) {
            return x.events;
        }
        return ((TestIntN) p).events;
    }

    /** {@code length} in {@code n} bytes, network order. Twisted: struct.pack(structFormat, n). */
    static byte[] prefix(int n, long length) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (length >>> (8 * (n - 1 - i)));
        }
        return out;
    }

    static byte[] message(int n, String data) {
        return concat(prefix(n, data.length()), b(data));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Nested
    class TwistedCases {
        @ParameterizedTest // Twisted: test_basic.IntNTestCaseMixin.test_receive
        @ValueSource(ints = {1, 2, 4})
        void stringsFedBytewiseAreReceived(int n) {
            IntNStringReceiver r = connected(n, new StringTransport());
            List<String> strings = List.of("a", "b".repeat(16));
            for (String x : strings) {
                feedBytewise(r, message(n, x));
            }
            assertEquals(strings, events(r).received);
        }

        @ParameterizedTest // Twisted: test_basic.IntNTestCaseMixin.test_partial
        @ValueSource(ints = {1, 2, 4})
        void partialDataDeliversNothing(int n) {
            List<String> partials = switch (n) {
                case 1 -> List.of("\u0008", "dzadz", "");
                case 2 -> List.of("\0", "hello there", "");
                default -> List.of("\0\0\0", "hello there", "");
            };
            for (String partial : partials) {
                IntNStringReceiver r = connected(n, new StringTransport());
                feedBytewise(r, b(partial));
                assertEquals(List.of(), events(r).received, partial);
            }
        }

        @ParameterizedTest // Twisted: test_basic.IntNTestCaseMixin.test_send
        @ValueSource(ints = {1, 2, 4})
        void sendStringWritesThePrefixAndTheString(int n) {
            StringTransport t = new StringTransport();
            IntNStringReceiver r = connected(n, t);
            r.sendString(b("b".repeat(16)));
            assertArrayEquals(message(n, "b".repeat(16)), t.value());
        }

        @ParameterizedTest // Twisted: test_basic.IntNTestCaseMixin.test_lengthLimitExceeded
        @ValueSource(ints = {1, 2, 4})
        void aPrefixOverMaxLengthCallsLengthLimitExceededWithIt(int n) {
            IntNStringReceiver r = connected(n, new StringTransport());
            events(r).recordOnly = true;
            r.MAX_LENGTH = 10;
            r.dataReceived(prefix(n, 11));
            assertEquals(List.of(11L), events(r).exceeded);
        }

        @ParameterizedTest // Twisted: test_basic.IntNTestCaseMixin.test_longStringNotDelivered
        @ValueSource(ints = {1, 2, 4})
        void aStringOverMaxLengthIsNotDeliveredEvenWhenComplete(int n) {
            IntNStringReceiver r = connected(n, new StringTransport());
            r.MAX_LENGTH = 10;
            r.dataReceived(concat(prefix(n, 11), b("x".repeat(11))));
            assertEquals(List.of(), events(r).received);
        }

        @ParameterizedTest // Twisted: test_basic.LPTestCaseMixin.test_illegal
        @ValueSource(ints = {1, 2, 4})
        void illegalStringsFedBytewiseLoseTheConnection(int n) {
            String illegal = switch (n) {
                case 1 -> "\0\0aaaaaa";
                case 2 -> "\u0010\0aaaaaa";
                default -> "\u0010\0\0\0aaaaaa";
            };
            StringTransport t = new StringTransport();
            IntNStringReceiver r = connected(n, t);
            feedBytewise(r, b(illegal));
            assertTrue(t.disconnecting());
        }

        @Test // Twisted: test_basic.Int32Tests.test_data
        void int32PrefixesAreFourBytesInNetworkOrder() {
            StringTransport t = new StringTransport();
            IntNStringReceiver r = connected(4, t);
            r.sendString(b("foo"));
            assertEquals("\0\0\0\u0003foo", t.valueString());
            r.dataReceived(b("\0\0\0\u0004ubar"));
            assertEquals(List.of("ubar"), events(r).received);
        }

        @Test // Twisted: test_basic.Int16Tests.test_data
        void int16PrefixesAreTwoBytesInNetworkOrder() {
            StringTransport t = new StringTransport();
            IntNStringReceiver r = connected(2, t);
            r.sendString(b("foo"));
            assertEquals("\0\u0003foo", t.valueString());
            r.dataReceived(b("\0\u0004ubar"));
            assertEquals(List.of("ubar"), events(r).received);
        }

        @Test // Twisted: test_basic.Int8Tests.test_data
        void int8PrefixesAreOneByte() {
            StringTransport t = new StringTransport();
            IntNStringReceiver r = connected(1, t);
            r.sendString(b("foo"));
            assertEquals("\u0003foo", t.valueString());
            r.dataReceived(b("\u0004ubar"));
            assertEquals(List.of("ubar"), events(r).received);
        }

        @ParameterizedTest // Twisted: test_basic.Int16Tests.test_tooLongSend, Int8Tests.test_tooLongSend
        @ValueSource(ints = {1, 2})
        void sendingAStringTooLongForThePrefixThrows(int n) {
            StringTransport t = new StringTransport();
            IntNStringReceiver r = connected(n, t);
            assertThrows(StringTooLongError.class,
                    () -> r.sendString(new byte[(1 << (8 * n)) + 1]));
            assertEquals(0, t.value().length);
        }

        @Test // Twisted: test_basic.IntNTestCaseMixin.test_stringReceivedNotImplemented
        void stringReceivedIsAbstract() throws Exception {
            assertTrue(Modifier.isAbstract(IntNStringReceiver.class
                    .getMethod("stringReceived", byte[].class).getModifiers()));
        }
    }

    @Nested
    class Receiving {
        @ParameterizedTest
        @MethodSource("dev.jtwisted.protocols.basic.IntNStringReceiverTest#chunkSizes")
        void stringsAndPrefixesSplitAnywhereAreReceived(int chunk) {
            for (int n : new int[] {1, 2, 3, 4, 8}) {
                IntNStringReceiver r = connected(n, new StringTransport());
                List<String> strings = List.of("", "a", "", "hello world", "x".repeat(50), "");
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (String x : strings) {
                    out.writeBytes(message(n, x));
                }
                Chunks.feed(r, out.toByteArray(), chunk);
                assertEquals(strings, events(r).received, n + "-byte prefix");
            }
        }

        @Test
        void zeroLengthStringsAreDelivered() {
            IntNStringReceiver r = connected(4, new StringTransport());
            r.dataReceived(new byte[12]);
            assertEquals(List.of("", "", ""), events(r).received);
        }

        @Test
        void aStringOfExactlyMaxLengthIsDelivered() {
            StringTransport t = new StringTransport();
            IntNStringReceiver r = connected(2, t);
            r.dataReceived(message(2, "y".repeat(50)));
            assertEquals(List.of("y".repeat(50)), events(r).received);
            assertFalse(t.disconnecting());
        }

        @Test
        void prefixesAreUnsigned() {
            IntNStringReceiver r = connected(4, new StringTransport());
            events(r).recordOnly = true;
            r.dataReceived(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe});
            assertEquals(List.of(0xfffffffeL), events(r).exceeded);

            TestIntN wide = new TestIntN(8, ByteOrder.BIG_ENDIAN);
            wide.events.recordOnly = true;
            wide.makeConnection(new StringTransport());
            wide.dataReceived(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 1});
            assertEquals("9223372036854775809", Long.toUnsignedString(wide.events.exceeded.get(0)));
        }

        @Test
        void aLittleEndianPrefixIsReadAndWrittenLeastSignificantByteFirst() {
            // Twisted: a subclass with structFormat = "<I".
            TestIntN r = new TestIntN(4, ByteOrder.LITTLE_ENDIAN);
            StringTransport t = new StringTransport();
            r.makeConnection(t);
            r.sendString(b("foo"));
            assertEquals("\u0003\0\0\0foo", t.valueString());
            r.dataReceived(b("\u0004\0\0\0ubar"));
            assertEquals(List.of("ubar"), r.events.received);
        }

        @Test
        void aThreeBytePrefixWorksToo() {
            TestIntN r = new TestIntN(3, ByteOrder.BIG_ENDIAN);
            r.MAX_LENGTH = 1 << 20;
            StringTransport t = new StringTransport();
            r.makeConnection(t);
            r.sendString(new byte[0x010203]);
            assertArrayEquals(new byte[] {1, 2, 3}, java.util.Arrays.copyOf(t.value(), 3));
            r.dataReceived(t.value());
            assertEquals(0x010203, r.events.received.get(0).length());
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 9})
        void prefixLengthIsOneToEight(int n) {
            assertThrows(IllegalArgumentException.class, () -> new TestIntN(n, ByteOrder.BIG_ENDIAN));
        }

        @Test
        void prefixLengthIsExposed() {
            assertEquals(1, new TestInt8().prefixLength());
            assertEquals(2, new TestInt16().prefixLength());
            assertEquals(4, new TestInt32().prefixLength());
        }

        @Test
        void anExceptionFromStringReceivedComesOutAfterConsumingItsString() {
            List<String> got = new ArrayList<>();
            Int16StringReceiver r = new Int16StringReceiver() {
                @Override
                public void stringReceived(byte[] string) {
                    got.add(s(string));
                    if (s(string).equals("boom")) {
                        throw new IllegalStateException("boom");
                    }
                }
            };
            r.makeConnection(new StringTransport());
            assertThrows(IllegalStateException.class, () -> r.dataReceived(
                    concat(message(2, "a"), message(2, "boom"), message(2, "b"))));
            assertEquals(List.of("a", "boom"), got);
            r.dataReceived(new byte[0]);
            assertEquals(List.of("a", "boom", "b"), got);
        }

        @Test
        void dataReceivedFromStringReceivedIsDeliveredAfterTheCurrentString() {
            List<String> got = new ArrayList<>();
            Int8StringReceiver r = new Int8StringReceiver() {
                @Override
                public void stringReceived(byte[] string) {
                    got.add(s(string));
                    if (s(string).equals("a")) {
                        dataReceived(message(1, "c"));
                        got.add("after");
                    }
                }
            };
            r.makeConnection(new StringTransport());
            r.dataReceived(concat(message(1, "a"), message(1, "b")));
            assertEquals(List.of("a", "after", "b", "c"), got);
        }
    }

    @Nested
    class LengthLimit {
        @Test
        void theBadPrefixStaysBufferedAndIsReportedAgainWithEachCall() {
            // Twisted calls lengthLimitExceeded again on each dataReceived. It also delivers the
            // strings before the bad prefix a second time; we do not.
            IntNStringReceiver r = connected(1, new StringTransport());
            events(r).recordOnly = true;
            r.MAX_LENGTH = 5;
            r.dataReceived(b("\u0001a\u0002bb\u0009xxx"));
            assertEquals(List.of("a", "bb"), events(r).received);
            assertEquals(List.of(9L), events(r).exceeded);
            r.dataReceived(b("y"));
            r.dataReceived(b(""));
            assertEquals(List.of("a", "bb"), events(r).received);
            assertEquals(List.of(9L, 9L, 9L), events(r).exceeded);
        }

        @Test
        void theDefaultLosesTheConnectionAndLogsTheLengthAndTheLimit() {
            LogCapture.clear();
            StringTransport t = new StringTransport();
            IntNStringReceiver r = connected(4, t);
            r.dataReceived(prefix(4, 100000));
            assertTrue(t.disconnecting());
            assertEquals(1, LogCapture.containing(
                    "TestInt32: string length (100000) exceeds MAX_LENGTH (50); losing the connection")
                    .size(), LogCapture.events().toString());
        }

        @Test
        void theLimitIsCheckedWhenThePrefixArrivesNotTheString() {
            StringTransport t = new StringTransport();
            IntNStringReceiver r = connected(4, t);
            feedBytewise(r, prefix(4, 51));
            assertTrue(t.disconnecting());
        }
    }

    @Nested
    class Sending {
        @Test
        void stringTooLongErrorNamesTheLengthAndTheLimit() {
            IntNStringReceiver r = connected(1, new StringTransport());
            StringTooLongError e = assertThrows(StringTooLongError.class,
                    () -> r.sendString(new byte[256]));
            assertEquals("string length (256) exceeds the maximum (255) of a 1-byte length prefix",
                    e.getMessage());
        }

        @Test
        void theLongestStringThePrefixCanSayIsSent() {
            StringTransport t = new StringTransport();
            IntNStringReceiver r = connected(1, t);
            r.sendString(new byte[255]);
            assertEquals(256, t.value().length);
            assertEquals((byte) 255, t.value()[0]);
        }

        @Test
        void sendStringIsOneWriteAndTextUsesTheCharset() {
            RecordingTransport t = new RecordingTransport();
            IntNStringReceiver r = connected(2, t);
            r.sendString("é");
            assertEquals(List.of("\0\u0002\u00c3\u00a9"), t.writes);
            assertEquals("é", r.decode(b("\u00c3\u00a9")));
        }
    }

    @Nested
    class Pausing {
        @Test
        void aPausedReceiverHoldsStringsAndDeliversThemWhenResumed() {
            List<String> got = new ArrayList<>();
            StringTransport t = new StringTransport();
            Int8StringReceiver r = new Int8StringReceiver() {
                @Override
                public void stringReceived(byte[] string) {
                    got.add(s(string));
                    pauseProducing();
                }
            };
            r.makeConnection(t);
            r.dataReceived(concat(message(1, "a"), message(1, "b"), message(1, "c")));
            assertEquals(List.of("a"), got);
            assertEquals("paused", t.producerState());
            assertTrue(r.paused());
            r.resumeProducing();
            assertEquals(List.of("a", "b"), got);
            r.resumeProducing();
            r.resumeProducing();
            assertEquals(List.of("a", "b", "c"), got);
            r.resumeProducing();
            assertFalse(r.paused());
            assertEquals("producing", t.producerState());
        }

        @Test
        void stopProducingEndsDelivery() {
            StringTransport t = new StringTransport();
            IntNStringReceiver r = connected(1, t);
            r.stopProducing();
            r.dataReceived(message(1, "a"));
            assertEquals(List.of(), events(r).received);
            assertEquals("stopped", t.producerState());
        }
    }

    @Nested
    class Linearity {
        @Test
        void aLongStringArrivingOneBytePerPacketIsCopiedLinearly() {
            int n = 10_000_000;
            int[] got = {-1};
            Int32StringReceiver r = new Int32StringReceiver() {
                @Override
                public void stringReceived(byte[] string) {
                    got[0] = string.length;
                }
            };
            r.MAX_LENGTH = n;
            r.makeConnection(new StringTransport());
            feedBytewise(r, prefix(4, n));
            byte[] one = {'x'};
            for (int i = 0; i < n; i++) {
                r.dataReceived(one);
            }
            assertEquals(n, got[0]);
            assertTrue(r.in.bytesCopied <= 4L * n, "copied " + r.in.bytesCopied);
        }

        @Test
        void aBurstOfSmallStringsIsNotCopied() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int count = 0;
            while (out.size() < 10_000_000) {
                out.writeBytes(message(2, "s" + count++));
            }
            int[] delivered = {0};
            Int16StringReceiver r = new Int16StringReceiver() {
                @Override
                public void stringReceived(byte[] string) {
                    delivered[0]++;
                }
            };
            r.makeConnection(new StringTransport());
            r.dataReceived(out.toByteArray());
            assertEquals(count, delivered[0]);
            assertEquals(0, r.in.bytesCopied);
        }
    }
}
