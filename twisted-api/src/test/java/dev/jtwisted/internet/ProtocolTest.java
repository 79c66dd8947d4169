package dev.jtwisted.internet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.testing.Chunks;
import dev.jtwisted.internet.testing.IOPump;
import dev.jtwisted.internet.testing.StringTransport;
import dev.jtwisted.python.failure.Failure;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProtocolTest {
    static class SomeThing extends Protocol {}

    /** Records its events in order, and the transport it saw in connectionMade. */
    static class EventRecorder extends Protocol {
        final List<String> events = new ArrayList<>();
        ITransport transportAtConnectionMade;
        boolean connectedAtConnectionMade;

        @Override
        public void connectionMade() {
            transportAtConnectionMade = transport;
            connectedAtConnectionMade = connected;
            events.add("made");
        }

        @Override
        public void dataReceived(byte[] data) {
            events.add("data:" + new String(data, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void connectionLost(Failure reason) {
            events.add("lost:" + reason.type().getSimpleName());
        }
    }

    /** Echoes each byte back upper-cased. */
    static class Shout extends Protocol {
        @Override
        public void dataReceived(byte[] data) {
            transport.write(new String(data, StandardCharsets.ISO_8859_1).toUpperCase()
                    .getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    @Nested
    class MakingTheConnection {
        @Test // Twisted: test_protocol.ProtocolTests.test_makeConnection
        void makeConnectionSetsTheTransportThenCallsConnectionMade() {
            EventRecorder p = new EventRecorder();
            StringTransport transport = new StringTransport();
            assertFalse(p.connected());
            assertNull(p.transport());

            p.makeConnection(transport);
            assertSame(transport, p.transportAtConnectionMade);
            assertTrue(p.connectedAtConnectionMade);
            assertSame(transport, p.transport());
            assertTrue(p.connected());
            assertEquals(List.of("made"), p.events);
        }

        @Test
        void aProtocolNotBuiltByAFactoryHasNone() {
            assertNull(new SomeThing().factory());
        }

        @Test
        void theDefaultEventsDoNothing() {
            Protocol p = new Protocol();
            StringTransport transport = new StringTransport();
            p.makeConnection(transport);
            p.dataReceived(new byte[] {1, 2, 3});
            p.connectionLost(new Failure(new ConnectionDone("done")));
            assertEquals(0, transport.value().length);
            assertFalse(transport.disconnecting());
        }

        @Test // Twisted: test_protocol.ProtocolTests.test_logPrefix
        void logPrefixIsTheClassName() {
            assertEquals("SomeThing", new SomeThing().logPrefix());
        }
    }

    @Nested
    class OverAConnection {
        @Test
        void eventsArriveInOrderAndEndWithConnectionDone() {
            IOPump<EventRecorder, Protocol> pump =
                    IOPump.connectedServerAndClient(EventRecorder::new, Protocol::new);
            pump.clientIO().write("abc".getBytes(StandardCharsets.US_ASCII));
            pump.clientIO().loseConnection();
            pump.flush();
            assertEquals(List.of("made", "data:abc", "lost:ConnectionDone"), pump.server().events);
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 7, 64})
        void aProtocolSeesTheSameBytesWhateverTheChunkSize(int chunk) {
            Shout p = new Shout();
            StringTransport transport = new StringTransport();
            p.makeConnection(transport);
            Chunks.feed(p, "hello, world", chunk);
            assertEquals("HELLO, WORLD", transport.valueString());
        }
    }

    /** Echoes through the buffer forms: takes views, writes them back. */
    static class ViewEcho extends Protocol {
        final List<Boolean> readOnly = new ArrayList<>();

        @Override
        public void dataReceived(ByteBuffer data) {
            readOnly.add(data.isReadOnly());
            transport.write(data);
        }
    }

    @Nested
    class ByteBufferForms {
        @Test
        void theDefaultBufferFormHandsAByteArrayProtocolACopyOfWhatRemains() {
            EventRecorder p = new EventRecorder();
            p.makeConnection(new StringTransport());
            ByteBuffer data = ByteBuffer.wrap("xxabc".getBytes(StandardCharsets.US_ASCII));
            data.position(2);
            p.dataReceived(data);
            assertEquals(List.of("made", "data:abc"), p.events);
            assertEquals(0, data.remaining());
        }

        @Test
        void theDefaultBufferWriteCopiesWhatRemainsAndConsumesIt() {
            StringTransport transport = new StringTransport();
            ByteBuffer data = ByteBuffer.wrap("xxabc".getBytes(StandardCharsets.US_ASCII));
            data.position(2);
            transport.write(data);
            assertEquals(0, data.remaining());
            data.clear().put((byte) 'z'); // reusing the buffer changes nothing already written
            assertEquals("abc", transport.valueString());
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 3, 64})
        void theTestKitFeedsABufferProtocolReadOnlyViews(int chunk) {
            ViewEcho p = new ViewEcho();
            StringTransport transport = new StringTransport();
            p.makeConnection(transport);
            Chunks.feed(p, "through views", chunk);
            assertEquals("through views", transport.valueString());
            assertTrue(p.readOnly.stream().allMatch(ro -> ro));
        }

        @Test
        void theLoopbackPumpDeliversToBothForms() {
            IOPump<ViewEcho, EventRecorder> pump = IOPump.connectedServerAndClient(ViewEcho::new, EventRecorder::new);
            pump.clientIO().write("ping".getBytes(StandardCharsets.US_ASCII));
            pump.flush();
            assertEquals(List.of("made", "data:ping"), pump.client().events);
        }
    }
}
