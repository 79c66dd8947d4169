package dev.jtwisted.samples.upper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.ConnectionLost;
import dev.jtwisted.internet.testing.StringTransport;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.samples.RunningServer;
import dev.jtwisted.samples.ServerSample;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The training's first servers: null, upper and counting, on real sockets and on a StringTransport. */
@Timeout(60)
class UpperServerTest {

    @Nested
    class Declarations {
        @Test
        void nameTheThreeServersAndTakePortAndInterface() {
            List<ServerSample> all = List.of(UpperServer.nothing(), UpperServer.upper(), UpperServer.counting());
            assertEquals(List.of("null", "upper", "counting"), all.stream().map(ServerSample::name).toList());
            for (ServerSample sample : all) {
                assertEquals(List.of("--port N", "--interface ADDR"),
                        sample.options().stream().map(Option::toString).toList(), sample.name());
            }
        }
    }

    @Nested
    class Null {
        @Test
        void acceptsConnectionsAndSendsNothingBackWhateverArrives() throws Exception {
            try (RunningServer server = RunningServer.start(UpperServer.nothing())) {
                assertEquals("null listening on 127.0.0.1:" + server.port() + "\n", server.out());
                try (Client first = new Client(server); Client second = new Client(server)) {
                    first.send("hello\r\n".repeat(1000));
                    second.send("anybody there?\r\n");
                    // Our end of the stream: the base Protocol does not half-close, so the server
                    // closes, and the first thing read is the end: no byte was ever sent back.
                    first.shutdownOutput();
                    first.expectClosedByServer();
                    second.shutdownOutput();
                    second.expectClosedByServer();
                }
                assertEquals(0, server.stop());
            }
        }
    }

    @Nested
    class Upper {
        @Test
        void sendsBackWhatArrivesInUpperCaseThenCloses() throws Exception {
            try (RunningServer server = RunningServer.start(UpperServer.upper())) {
                assertEquals("upper listening on 127.0.0.1:" + server.port() + "\n", server.out());
                try (Client client = new Client(server)) {
                    client.send("Hello, world 42!\r\n");
                    client.expect("HELLO, WORLD 42!\r\n");
                    client.expectClosedByServer();
                }
            }
        }

        @Test
        void changesOnlyAsciiLettersSoUtf8ComesBackIntact() throws Exception {
            try (RunningServer server = RunningServer.start(UpperServer.upper()); Client client = new Client(server)) {
                client.send("crème brûlée\r\n");
                client.expect("CRèME BRûLéE\r\n");
                client.expectClosedByServer();
            }
        }

        @Test
        void answersEachOfSeveralClientsConnectedAtOnce() throws Exception {
            try (RunningServer server = RunningServer.start(UpperServer.upper());
                    Client a = new Client(server); Client b = new Client(server); Client c = new Client(server)) {
                c.send("c\r\n");
                a.send("a\r\n");
                b.send("b\r\n");
                a.expect("A\r\n");
                b.expect("B\r\n");
                c.expect("C\r\n");
                a.expectClosedByServer();
                b.expectClosedByServer();
                c.expectClosedByServer();
            }
        }

        @Test
        void onAStringTransportWritesTheUpperCaseAndLosesTheConnection() {
            UpperProtocol protocol = new UpperProtocol();
            StringTransport transport = new StringTransport();
            protocol.makeConnection(transport);
            assertEquals("", transport.valueString());
            protocol.dataReceived("mixed Case\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("MIXED CASE\r\n", transport.valueString());
            assertTrue(transport.disconnecting());
        }
    }

    @Nested
    class Counting {
        @Test
        void tellsEachClientHowManyAreConnectedCountingOutThoseThatLeft() throws Exception {
            try (RunningServer server = RunningServer.start(UpperServer.counting())) {
                assertEquals("counting listening on 127.0.0.1:" + server.port() + "\n", server.out());
                try (Client a = new Client(server)) {
                    a.expect("Hi! There is 1 client connected.\r\n");
                    try (Client b = new Client(server)) {
                        b.expect("Hi! There are 2 clients connected.\r\n");
                        try (Client c = new Client(server)) {
                            c.expect("Hi! There are 3 clients connected.\r\n");
                            // The server closes c after answering: it has counted c out by the
                            // time the close reaches us.
                            c.send("bye\r\n");
                            c.expect("BYE\r\n");
                            c.expectClosedByServer();
                        }
                        try (Client d = new Client(server)) {
                            d.expect("Hi! There are 3 clients connected.\r\n");
                        }
                    }
                }
            }
        }

        @Test
        void countsAClientOutHoweverItsConnectionIsLost() {
            CountingFactory factory = new CountingFactory();
            IProtocol first = factory.buildProtocol(StringTransport.DEFAULT_PEER);
            IProtocol second = factory.buildProtocol(StringTransport.DEFAULT_PEER);
            StringTransport firstTransport = new StringTransport();
            StringTransport secondTransport = new StringTransport();
            first.makeConnection(firstTransport);
            second.makeConnection(secondTransport);
            assertEquals("Hi! There is 1 client connected.\r\n", firstTransport.valueString());
            assertEquals("Hi! There are 2 clients connected.\r\n", secondTransport.valueString());
            assertEquals(2, factory.count);

            first.connectionLost(new Failure(new ConnectionLost("reset by peer")));
            assertEquals(1, factory.count);
            second.connectionLost(new Failure(new ConnectionDone("closed cleanly")));
            assertEquals(0, factory.count);
            assertFalse(firstTransport.disconnecting(), "nothing was asked, so nothing was answered");
        }
    }
}
