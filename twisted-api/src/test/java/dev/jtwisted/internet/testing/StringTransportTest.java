package dev.jtwisted.internet.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IPullProducer;
import dev.jtwisted.internet.IPushProducer;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IPv6Address;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StringTransportTest {
    private final StringTransport transport = new StringTransport();

    private static final IPullProducer PULL = new IPullProducer() {
        @Override
        public void resumeProducing() {}

        @Override
        public void stopProducing() {}
    };

    private static final IPushProducer PUSH = new IPushProducer() {
        @Override
        public void pauseProducing() {}

        @Override
        public void resumeProducing() {}

        @Override
        public void stopProducing() {}
    };

    @Nested
    class Writing {
        @Test
        void recordsEveryWriteInOrder() {
            transport.write("abc".getBytes(US_ASCII));
            transport.writeSequence(List.of("d".getBytes(US_ASCII), "ef".getBytes(US_ASCII)));
            assertArrayEquals("abcdef".getBytes(US_ASCII), transport.value());
        }

        @Test
        void valueIsACopyThatLaterWritesDoNotChange() {
            transport.write(new byte[] {1});
            byte[] before = transport.value();
            transport.write(new byte[] {2});
            assertArrayEquals(new byte[] {1}, before);
        }

        @Test
        void clearForgetsWhatWasWritten() {
            transport.write("gone".getBytes(US_ASCII));
            transport.clear();
            transport.write("kept".getBytes(US_ASCII));
            assertEquals("kept", transport.valueString());
        }

        @Test
        void valueStringIsLatin1ByDefaultSoEveryByteIsOneChar() {
            transport.write(new byte[] {(byte) 0xe9, (byte) 0xff});
            assertEquals("\u00e9\u00ff", transport.valueString());
        }

        @Test
        void valueStringDecodesWithTheGivenCharset() {
            transport.write("h\u00e9".getBytes(UTF_8));
            assertEquals("h\u00e9", transport.valueString(UTF_8));
        }

        @Test // Twisted: test_protocols.StringTransportTests.test_noUnicode (bytes only: here, non-null)
        void writingNullIsRejected() {
            assertThrows(NullPointerException.class, () -> transport.write((byte[]) null));
        }
    }

    @Nested
    class Closing {
        @Test // Twisted: test_testing.StringTransportTests.test_loseConnectionSetsDisconnecting
        void loseConnectionSetsDisconnecting() {
            assertFalse(transport.disconnecting());
            transport.loseConnection();
            assertTrue(transport.disconnecting());
            assertFalse(transport.disconnected());
        }

        @Test
        void abortConnectionSetsDisconnectedAndDisconnecting() {
            transport.abortConnection();
            assertTrue(transport.disconnected());
            assertTrue(transport.disconnecting());
        }

        @Test
        void loseWriteConnectionIsRecordedWithoutClosing() {
            transport.loseWriteConnection();
            assertTrue(transport.writeDisconnecting());
            assertFalse(transport.disconnecting());
        }

        @Test
        void writesAfterLoseConnectionAreStillRecorded() {
            transport.loseConnection();
            transport.write("late".getBytes(US_ASCII));
            assertEquals("late", transport.valueString());
        }
    }

    @Nested
    class Addresses {
        @Test // Twisted: test_testing.StringTransportTests.test_defaultHostAddress
        void defaultHostIsTwisteds() {
            assertEquals(new IPv4Address("TCP", "10.0.0.1", 12345), transport.getHost());
        }

        @Test // Twisted: test_testing.StringTransportTests.test_defaultPeerAddress
        void defaultPeerIsTwisteds() {
            assertEquals(new IPv4Address("TCP", "192.168.1.1", 54321), transport.getPeer());
        }

        @Test // Twisted: test_testing.StringTransportTests.test_specifiedHostAddress
        void aGivenHostAddressIsReturned() {
            IAddress host = new IPv6Address("TCP", "::1", 80);
            assertSame(host, new StringTransport(host, null).getHost());
        }

        @Test // Twisted: test_testing.StringTransportTests.test_specifiedPeerAddress
        void aGivenPeerAddressIsReturned() {
            IAddress peer = new IPv4Address("TCP", "127.0.0.1", 4000);
            StringTransport t = new StringTransport(null, peer);
            assertSame(peer, t.getPeer());
            assertEquals(StringTransport.DEFAULT_HOST, t.getHost());
        }
    }

    @Nested
    class TcpOptions {
        @Test
        void startOff() {
            assertFalse(transport.getTcpNoDelay());
            assertFalse(transport.getTcpKeepAlive());
        }

        @Test
        void rememberWhatWasSet() {
            transport.setTcpNoDelay(true);
            transport.setTcpKeepAlive(true);
            assertTrue(transport.getTcpNoDelay());
            assertTrue(transport.getTcpKeepAlive());
            transport.setTcpNoDelay(false);
            assertFalse(transport.getTcpNoDelay());
        }
    }

    @Nested
    class ProducerRegistration {
        @Test // Twisted: test_testing.StringTransportTests.test_registerProducer
        void recordsTheProducerAndWhetherItStreams() {
            transport.registerProducer(PUSH, true);
            assertSame(PUSH, transport.producer());
            assertEquals(Boolean.TRUE, transport.streaming());
        }

        @Test // Twisted: test_testing.StringTransportTests.test_disallowedRegisterProducer
        void aSecondProducerIsRefusedAndTheFirstKept() {
            transport.registerProducer(PUSH, true);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> transport.registerProducer(PULL, false));
            assertTrue(e.getMessage().contains("Cannot register two producers"), e.getMessage());
            assertSame(PUSH, transport.producer());
            assertEquals(Boolean.TRUE, transport.streaming());
        }

        @Test // Twisted: test_testing.StringTransportTests.test_unregisterProducer
        void unregisteringForgetsTheProducerSoAnotherCanRegister() {
            transport.registerProducer(PULL, false);
            transport.unregisterProducer();
            assertNull(transport.producer());
            assertNull(transport.streaming());
            transport.registerProducer(PUSH, true);
            assertSame(PUSH, transport.producer());
        }

        @Test // Twisted: test_testing.StringTransportTests.test_invalidUnregisterProducer
        void unregisteringWithNoneRegisteredIsAnError() {
            assertThrows(IllegalStateException.class, transport::unregisterProducer);
        }
    }

    @Nested
    class AsAProducer {
        @Test // Twisted: test_testing.StringTransportTests.test_initialProducerState
        void startsProducing() {
            assertEquals("producing", transport.producerState());
        }

        @Test // Twisted: test_testing.StringTransportTests.test_pauseProducing
        void pauseProducingPauses() {
            transport.pauseProducing();
            assertEquals("paused", transport.producerState());
        }

        @Test // Twisted: test_testing.StringTransportTests.test_resumeProducing
        void resumeProducingProducesAgain() {
            transport.pauseProducing();
            transport.resumeProducing();
            assertEquals("producing", transport.producerState());
        }

        @Test // Twisted: test_testing.StringTransportTests.test_stopProducing
        void stopProducingStops() {
            transport.stopProducing();
            assertEquals("stopped", transport.producerState());
        }

        @Test // Twisted: test_testing.StringTransportTests.test_stoppedTransportCannotPause
        void aStoppedTransportCannotPause() {
            transport.stopProducing();
            assertThrows(IllegalStateException.class, transport::pauseProducing);
        }

        @Test // Twisted: test_testing.StringTransportTests.test_stoppedTransportCannotResume
        void aStoppedTransportCannotResume() {
            transport.stopProducing();
            assertThrows(IllegalStateException.class, transport::resumeProducing);
        }

        @Test // Twisted: test_testing.StringTransportTests.test_disconnectingTransportCannotPause
        void aDisconnectingTransportCannotPause() {
            transport.loseConnection();
            assertThrows(IllegalStateException.class, transport::pauseProducing);
        }

        @Test // Twisted: test_testing.StringTransportTests.test_disconnectingTransportCannotResume
        void aDisconnectingTransportCannotResume() {
            transport.loseConnection();
            assertThrows(IllegalStateException.class, transport::resumeProducing);
        }

        @Test
        void aLenientTransportMayPauseAndResumeAfterLoseConnection() {
            StringTransport lenient = new StringTransport(null, null, true);
            lenient.loseConnection();
            lenient.pauseProducing();
            lenient.resumeProducing();
            assertEquals("producing", lenient.producerState());
        }
    }

    @Nested
    class WithDisconnection {
        private final AccumulatingProtocol proto = new AccumulatingProtocol();
        private final StringTransportWithDisconnection t = new StringTransportWithDisconnection(proto);

        @Test
        void loseConnectionTellsTheProtocolOnceWithConnectionDone() {
            proto.makeConnection(t);
            t.loseConnection();
            assertTrue(proto.closed());
            assertInstanceOf(ConnectionDone.class, proto.closedReason().value());
            assertFalse(t.connected());
            assertTrue(t.disconnecting());

            AccumulatingProtocol other = new AccumulatingProtocol();
            t.setProtocol(other);
            t.loseConnection();
            assertFalse(other.closed());
        }

        @Test
        void abortConnectionAlsoTellsTheProtocolAsTwistedsDoes() {
            proto.makeConnection(t);
            t.abortConnection();
            assertInstanceOf(ConnectionDone.class, proto.closedReason().value());
            assertTrue(t.disconnected());
        }

        @Test
        void loseConnectionWithoutAProtocolNamesTheProblem() {
            StringTransportWithDisconnection bare = new StringTransportWithDisconnection();
            IllegalStateException e = assertThrows(IllegalStateException.class, bare::loseConnection);
            assertTrue(e.getMessage().contains("protocol"), e.getMessage());
        }
    }
}
