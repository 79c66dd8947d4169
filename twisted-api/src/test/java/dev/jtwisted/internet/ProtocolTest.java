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
}
