package dev.jtwisted.samples.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jtwisted.internet.testing.Chunks;
import dev.jtwisted.internet.testing.StringTransport;
import dev.jtwisted.internet.task.Clock;
import dev.jtwisted.samples.LinePeer;
import dev.jtwisted.samples.RunningServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code kv}: the protocol on a fake transport and clock, then the sample over real sockets. */
@Timeout(60)
class KeyValueServerTest {

    @Nested
    class OnAStringTransport {
        private final Clock clock = new Clock();
        private final KeyValueFactory factory = new KeyValueFactory(clock, 15);
        private final StringTransport transport = new StringTransport();
        private final KeyValueProtocol proto = connect(transport);

        private KeyValueProtocol connect(StringTransport t) {
            KeyValueProtocol p = (KeyValueProtocol) factory.buildProtocol(t.getPeer());
            p.makeConnection(t);
            return p;
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 7, 64})
        void answersEveryCommandInOrderWhateverTheChunkSize(int chunk) {
            Chunks.feed(proto, "set a hello world\r\nget a\r\nget b\r\ndelete a\r\ndelete a\r\nget a\r\n", chunk);
            assertEquals("stored\r\nhello world\r\nnot found\r\ndeleted\r\nnot found\r\nnot found\r\n",
                    transport.valueString());
        }

        @Test
        void keepsTheRestOfTheSetLineAsTheValueSpacesAndAllAndAllowsItEmpty() {
            Chunks.feed(proto, "set a  two  spaces \r\nget a\r\nset e \r\nget e\r\n", 64);
            assertEquals("stored\r\n two  spaces \r\nstored\r\n\r\n", transport.valueString());
        }

        @Test
        void answersEachMistakeWithItsErrorAndKeepsTheConnection() {
            Chunks.feed(proto, String.join("\r\n", "frob a", "", "GET a", "get", "get a b", "delete", "delete a b",
                    "set", "set a", "get ", "delete ", "set  v", "set a not found", "set a error: x", "") , 64);
            assertEquals(String.join("\r\n", "error: unknown command", "error: unknown command",
                    "error: unknown command", "error: wrong number of arguments", "error: wrong number of arguments",
                    "error: wrong number of arguments", "error: wrong number of arguments",
                    "error: wrong number of arguments", "error: wrong number of arguments", "error: empty key",
                    "error: empty key", "error: empty key", "error: reserved value", "error: reserved value", ""),
                    transport.valueString());
            assertFalse(transport.disconnecting());
            assertEquals(0, factory.store().size(), "nothing was stored by a refused set");
        }

        @Test
        void sharesOneStoreBetweenConnections() {
            StringTransport other = new StringTransport();
            KeyValueProtocol second = connect(other);
            Chunks.feed(proto, "set shared 42\r\n", 64);
            Chunks.feed(second, "get shared\r\n", 64);
            assertEquals("42\r\n", other.valueString());
        }

        @Test
        void expiresAValueAfterTheTtlGivenToTheFactory() {
            Chunks.feed(proto, "set a 1\r\n", 64);
            clock.advance(14);
            Chunks.feed(proto, "get a\r\n", 64);
            clock.advance(1);
            Chunks.feed(proto, "get a\r\n", 64);
            assertEquals("stored\r\n1\r\nnot found\r\n", transport.valueString());
        }

        @Test
        void aSecondSetRestartsTheTtl() {
            Chunks.feed(proto, "set a 1\r\n", 64);
            clock.advance(10);
            Chunks.feed(proto, "set a 2\r\n", 64);
            clock.advance(10);
            Chunks.feed(proto, "get a\r\n", 64);
            clock.advance(5);
            Chunks.feed(proto, "get a\r\n", 64);
            assertEquals("stored\r\nstored\r\n2\r\nnot found\r\n", transport.valueString());
        }

        @Test
        void deleteCancelsTheTimeout() {
            Chunks.feed(proto, "set a 1\r\ndelete a\r\n", 64);
            assertEquals(0, clock.getDelayedCalls().size());
        }

        @Test
        void losesTheConnectionOnALineLongerThanMaxLength() {
            Chunks.feed(proto, "set a 1\r\n" + "set b " + "x".repeat(16384) + "\r\nget a\r\n", 1000);
            assertEquals("stored\r\n", transport.valueString());
            assertTrue(transport.disconnecting());
        }
    }

    @Nested
    class OverTcp {
        private RunningServer server;

        @BeforeEach
        void start() throws Exception {
            server = RunningServer.start(new KeyValueServer());
        }

        @AfterEach
        void stop() throws Exception {
            server.close();
        }

        @Test
        void setsGetsAndDeletes() throws Exception {
            try (LinePeer peer = new LinePeer(server)) {
                peer.send("set greeting hello world", "get greeting", "delete greeting", "get greeting",
                        "delete greeting");
                peer.expect("stored", "hello world", "deleted", "not found", "not found");
            }
        }

        @Test
        void answersEveryErrorAndKeepsTheConnectionOpenAfterEach() throws Exception {
            try (LinePeer peer = new LinePeer(server)) {
                peer.send("frob");
                peer.expect("error: unknown command");
                peer.send("get a b");
                peer.expect("error: wrong number of arguments");
                peer.send("set a");
                peer.expect("error: wrong number of arguments");
                peer.send("delete");
                peer.expect("error: wrong number of arguments");
                peer.send("get ");
                peer.expect("error: empty key");
                peer.send("set  value");
                peer.expect("error: empty key");
                peer.send("set a not found");
                peer.expect("error: reserved value");
                peer.send("set a 1", "get a");
                peer.expect("stored", "1");
            }
        }

        @Test
        void aValueSetOnOneConnectionIsSeenOnAnother() throws Exception {
            try (LinePeer one = new LinePeer(server); LinePeer two = new LinePeer(server)) {
                one.send("set k v");
                one.expect("stored");
                two.send("get k");
                two.expect("v");
            }
        }

        @Test
        void keepsUtf8ValuesIntact() throws Exception {
            try (LinePeer peer = new LinePeer(server)) {
                peer.send("set snow ☃ héllo", "get snow");
                peer.expect("stored", "☃ héllo");
            }
        }

        @Test
        void closesOnlyTheConnectionThatSendsALineOverMaxLength() throws Exception {
            try (LinePeer good = new LinePeer(server); LinePeer bad = new LinePeer(server)) {
                good.send("set a 1");
                good.expect("stored");

                bad.sendRaw(("set b " + "x".repeat(16384) + "\r\n").getBytes(StandardCharsets.UTF_8));
                bad.expectClosed();

                good.send("get a", "get b");
                good.expect("1", "not found");
            }
        }
    }

    @Nested
    class TheTtlOption {
        @Test
        void expiresValuesAfterAFractionalTtl() throws Exception {
            try (RunningServer server = RunningServer.start(new KeyValueServer(), "--ttl", "0.05");
                    LinePeer peer = new LinePeer(server)) {
                peer.send("set a 1");
                peer.expect("stored");
                // With the default 15 s this would outlast the bound; the timing itself is not asserted.
                long deadline = System.nanoTime() + RunningServer.WAIT.toNanos();
                String reply;
                do {
                    if (System.nanoTime() > deadline) {
                        fail("the value did not expire within " + RunningServer.WAIT);
                    }
                    peer.send("get a");
                    reply = peer.readLine();
                } while (reply.equals("1"));
                assertEquals("not found", reply);
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "soon", "NaN", "1e9", "0x10"})
        void aBadTtlIsNamedAndExitsWithTwo(String ttl) throws Exception {
            try (RunningServer run = RunningServer.launch(new KeyValueServer(), "--port", "0", "--ttl", ttl)) {
                assertEquals(2, run.awaitExit());
                assertTrue(run.err().contains("--ttl must be a number of seconds above 0"), run.err());
                assertTrue(run.err().contains("'" + ttl + "'"), run.err());
                assertFalse(run.out().contains("listening"), run.out());
            }
        }
    }
}
