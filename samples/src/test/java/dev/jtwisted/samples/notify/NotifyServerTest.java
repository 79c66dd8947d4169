package dev.jtwisted.samples.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.task.Clock;
import dev.jtwisted.internet.testing.Chunks;
import dev.jtwisted.internet.testing.StringTransport;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.samples.LinePeer;
import dev.jtwisted.samples.RunningServer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code notify-server}: the protocol on a fake transport and clock, then the sample over sockets. */
@Timeout(60)
class NotifyServerTest {

    @Nested
    class OnAStringTransport {
        private final Clock clock = new Clock();
        private final NotifyFactory factory = new NotifyFactory(clock, 2, new Random(7));
        private final StringTransport transport = new StringTransport();
        private final NotifyProtocol proto = (NotifyProtocol) factory.buildProtocol(transport.getPeer());

        @BeforeEach
        void connect() {
            proto.makeConnection(transport);
        }

        private String take() {
            String written = transport.valueString();
            transport.clear();
            return written;
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 3, 64})
        void answersRandomWithANumberAndClassifiedWithTheAdsInTurn(int chunk) {
            Random same = new Random(7);
            Chunks.feed(proto, "random?\r\nclassified?\r\nclassified?\r\nrandom?\r\n", chunk);
            assertEquals(same.nextInt(100_000) + "\r\nnice flat in the 11e\r\nbike for sale, barely ridden\r\n"
                    + same.nextInt(100_000) + "\r\n", take());
        }

        @Test
        void answersAnUnknownLineWithAnErrorNamingItAndKeepsTheConnection() {
            Chunks.feed(proto, "notif\r\n\r\nRANDOM?\r\n", 64);
            assertEquals("""
                    error: unknown command 'notif'; try random?, classified?, notify or stop\r
                    error: unknown command ''; try random?, classified?, notify or stop\r
                    error: unknown command 'RANDOM?'; try random?, classified?, notify or stop\r
                    """, take());
            assertFalse(transport.disconnecting());
        }

        @Test
        void abbreviatesALongUnknownLineInTheError() {
            Chunks.feed(proto, "x".repeat(1000) + "\r\n", 64);
            assertEquals("error: unknown command '" + "x".repeat(40) + "...'; try random?, classified?, notify or stop\r\n",
                    take());
        }

        @Test
        void notifyPushesANotificationEveryIntervalAlternatingItsKind() {
            Chunks.feed(proto, "notify\r\n", 64);
            assertEquals("", take(), "notify itself is not answered");
            clock.advance(1.9);
            assertEquals("", take());
            clock.advance(0.1);
            assertEquals("notif: random\r\n", take());
            clock.advance(2);
            assertEquals("notif: classified\r\n", take());
            clock.advance(2);
            assertEquals("notif: random\r\n", take());
        }

        @Test
        void answersRequestsInNotificationModeToo() {
            Chunks.feed(proto, "notify\r\nclassified?\r\n", 64);
            assertEquals("nice flat in the 11e\r\n", take());
        }

        @Test
        void stopEndsTheNotificationsAndNotifyResumesTheAlternation() {
            Chunks.feed(proto, "notify\r\n", 64);
            clock.advance(2);
            assertEquals("notif: random\r\n", take());
            Chunks.feed(proto, "stop\r\n", 64);
            assertEquals(0, clock.getDelayedCalls().size());
            clock.advance(10);
            assertEquals("", take());
            Chunks.feed(proto, "notify\r\n", 64);
            clock.advance(2);
            assertEquals("notif: classified\r\n", take());
        }

        @Test
        void notifyTwiceKeepsOneLoopAndStopWithoutNotifyIsHarmless() {
            Chunks.feed(proto, "stop\r\nnotify\r\nnotify\r\n", 64);
            assertEquals(1, clock.getDelayedCalls().size());
            clock.advance(2);
            assertEquals("notif: random\r\n", take());
            assertTrue(proto.notifying());
        }

        @Test
        void losingTheConnectionStopsTheNotifications() {
            Chunks.feed(proto, "notify\r\n", 64);
            proto.connectionLost(new Failure(new ConnectionDone("bye")));
            assertFalse(proto.notifying());
            assertEquals(0, clock.getDelayedCalls().size());
        }

        @Test
        void anIntervalThatIsNotAPositiveNumberIsRefused() {
            assertThrows(IllegalArgumentException.class, () -> new NotifyFactory(clock, 0, new Random()));
            assertThrows(IllegalArgumentException.class, () -> new NotifyFactory(clock, Double.NaN, new Random()));
        }
    }

    @Nested
    class OverTcp {
        private RunningServer server;

        @BeforeEach
        void start() throws Exception {
            server = RunningServer.start(new NotifyServer(), "--interval", "0.02");
        }

        @AfterEach
        void stop() throws Exception {
            server.close();
        }

        @Test
        void answersRandomAndClassified() throws Exception {
            try (LinePeer peer = new LinePeer(server)) {
                peer.send("random?", "classified?", "classified?");
                String number = peer.readLine();
                assertTrue(number.matches("[0-9]{1,5}"), number);
                peer.expect("nice flat in the 11e", "bike for sale, barely ridden");
            }
        }

        @Test
        void answersAnUnknownCommandWithAnErrorAndGoesOn() throws Exception {
            try (LinePeer peer = new LinePeer(server)) {
                peer.send("hello");
                peer.expect("error: unknown command 'hello'; try random?, classified?, notify or stop");
                peer.send("classified?");
                peer.expect("nice flat in the 11e");
            }
        }

        @Test
        void pushesNotificationsUntilStopped() throws Exception {
            try (LinePeer peer = new LinePeer(server)) {
                peer.send("notify");
                peer.expect("notif: random", "notif: classified", "notif: random");
                peer.send("stop", "classified?");
                // Notifications pushed before the server read "stop" may come first.
                long deadline = System.nanoTime() + RunningServer.WAIT.toNanos();
                String line;
                while ((line = peer.readLine()).startsWith("notif: ")) {
                    if (System.nanoTime() > deadline) {
                        fail("notifications went on after stop");
                    }
                }
                assertEquals("nice flat in the 11e", line);
            }
        }

        @Test
        void closesOnlyTheConnectionThatSendsALineOverMaxLength() throws Exception {
            try (LinePeer good = new LinePeer(server); LinePeer bad = new LinePeer(server)) {
                bad.sendRaw(("x".repeat(16385) + "\r\n").getBytes(StandardCharsets.UTF_8));
                bad.expectClosed();
                good.send("classified?");
                good.expect("nice flat in the 11e");
            }
        }
    }

    @Test
    void aBadIntervalIsNamedAndExitsWithTwo() throws Exception {
        try (RunningServer run = RunningServer.launch(new NotifyServer(), "--port", "0", "--interval", "-2")) {
            assertEquals(2, run.awaitExit());
            assertTrue(run.err().contains("--interval must be a number of seconds above 0"), run.err());
        }
    }
}
