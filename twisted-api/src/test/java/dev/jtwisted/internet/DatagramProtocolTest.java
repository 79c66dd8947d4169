package dev.jtwisted.internet;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.testing.MemoryReactor;
import dev.jtwisted.internet.testing.MemoryReactor.Datagram;
import dev.jtwisted.internet.testing.MemoryReactor.FakeDatagramPort;
import dev.jtwisted.internet.testing.MemoryReactor.UDPPort;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** DatagramProtocol's start and stop, and MemoryReactor's UDP, driven without sockets. */
class DatagramProtocolTest {
    static final class Recording extends DatagramProtocol {
        final List<String> events = new ArrayList<>();

        @Override
        public void startProtocol() {
            events.add("start");
        }

        @Override
        public void stopProtocol() {
            events.add("stop");
        }

        @Override
        public void datagramReceived(byte[] datagram, IAddress addr) {
            events.add(new String(datagram, US_ASCII) + " from " + addr);
            transport.write(datagram, addr);
        }

        @Override
        public void connectionRefused() {
            events.add("refused");
        }
    }

    private final MemoryReactor reactor = new MemoryReactor();
    private final Recording proto = new Recording();

    @Nested
    class StartAndStop {
        @Test // Twisted: test_udp.UDPTests.test_startStop
        void startProtocolRunsOnceForTheFirstPortAndStopProtocolAfterTheLast() {
            IUDPTransport a = reactor.listenUDP(0, proto);
            assertEquals(List.of("start"), proto.events);
            assertSame(a, proto.transport());
            a.stopListening();
            assertEquals(List.of("start", "stop"), proto.events);
            assertNull(proto.transport());
        }

        @Test
        void aProtocolWithATransportCannotBeConnectedAgain() {
            reactor.listenUDP(0, proto);
            assertThrows(IllegalStateException.class, () -> reactor.listenUDP(0, proto));
        }

        @Test
        void doStopWithoutAPortIsAnError() {
            assertThrows(IllegalStateException.class, proto::doStop);
        }
    }

    @Nested
    class MemoryReactorUDP {
        @Test
        void recordsListenUDPAndListenMulticastCalls() {
            reactor.listenUDP(5353, proto, "127.0.0.1", 512);
            reactor.listenMulticast(5354, new Recording(), "", 8192, true);
            assertEquals(List.of(new UDPPort(5353, proto, "127.0.0.1", 512, false, false),
                    new UDPPort(5354, reactor.udpPorts().get(1).protocol(), "", 8192, true, true)),
                    reactor.udpPorts());
            assertEquals(new IPv4Address("UDP", "127.0.0.1", 5353), reactor.datagramPorts().get(0).getHost());
            assertEquals(new IPv4Address("UDP", "0.0.0.0", 5354), reactor.datagramPorts().get(1).getHost());
        }

        @Test
        void theFakePortRecordsWhatItsProtocolSends() {
            reactor.listenUDP(0, proto);
            FakeDatagramPort port = reactor.datagramPorts().get(0);
            IPv4Address peer = new IPv4Address("UDP", "10.0.0.1", 9);
            proto.datagramReceived("hi".getBytes(US_ASCII), peer);
            Datagram sent = port.written().get(0);
            assertArrayEquals("hi".getBytes(US_ASCII), sent.data());
            assertEquals(peer, sent.addr());
        }

        @Test
        void theFakePortConnectsOnceToAnIpAddressAndThenWritesThere() {
            reactor.listenUDP(0, proto);
            FakeDatagramPort port = reactor.datagramPorts().get(0);
            assertThrows(IllegalArgumentException.class, () -> port.write(new byte[1]));
            assertThrows(InvalidAddressError.class, () -> port.connect("example.com", 53));
            port.connect("10.0.0.2", 53);
            assertThrows(IllegalStateException.class, () -> port.connect("10.0.0.3", 53));
            port.write(new byte[] {1});
            assertEquals(new IPv4Address("UDP", "10.0.0.2", 53), port.written().get(0).addr());
        }

        @Test
        void theFakePortRecordsGroupsAndSettings() {
            IMulticastTransport port = reactor.listenMulticast(0, proto);
            port.joinGroup("239.1.2.3");
            port.joinGroup("239.1.2.4", "10.0.0.1");
            port.leaveGroup("239.1.2.3");
            port.setTTL(3);
            port.setLoopbackMode(false);
            assertEquals(java.util.Set.of("239.1.2.4@10.0.0.1"), reactor.datagramPorts().get(0).groups());
            assertEquals(3, port.getTTL());
            assertFalse(port.getLoopbackMode());
        }

        @Test
        void aListenExceptionIsThrownAndNothingRecorded() {
            reactor.setListenException(new CannotListenError("no"));
            assertThrows(CannotListenError.class, () -> reactor.listenUDP(0, proto));
            assertTrue(reactor.udpPorts().isEmpty());
            assertTrue(proto.events.isEmpty());
        }
    }
}
