package dev.jtwisted.samples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.ConnectionLost;
import dev.jtwisted.internet.task.Clock;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.samples.RunningServer;
import dev.jtwisted.web.test.DummyRequest;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** web-slow: the pieces over real HTTP with a tiny --delay, and the cancelling on a fake clock. */
@Timeout(60)
class WebSlowTest {
    /** Small enough to keep the tests quick; no test asserts how long anything took. */
    private static final String DELAY = "0.02";

    @Nested
    class OverHttp {
        @Test
        void sendsABAndCAsThreeChunksInOrderThenEnds() throws Exception {
            try (RunningServer server = RunningServer.start(new WebSlow(), "--delay", DELAY);
                    HttpPeer peer = new HttpPeer(server.port())) {
                assertEquals("web-slow listening on 127.0.0.1:" + server.port() + "\n", server.out());
                peer.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                assertEquals(200, peer.readHead());
                assertEquals("chunked", peer.header("transfer-encoding"));
                assertEquals("text/plain; charset=utf-8", peer.header("content-type"));
                assertEquals("a", peer.readChunk());
                assertEquals("b", peer.readChunk());
                assertEquals("c", peer.readChunk());
                assertEquals("", peer.readChunk(), "then the last chunk: the response is finished");
                // The connection stays usable (HTTP/1.1 keep-alive): a second request on it.
                peer.send("GET /any/path HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
                assertEquals("abc", peer.readReply().body());
            }
        }

        @Test
        void overHttp10TheBodyIsExactlyAbcEndingWithTheConnection() throws Exception {
            try (RunningServer server = RunningServer.start(new WebSlow(), "--delay", DELAY);
                    HttpPeer peer = new HttpPeer(server.port())) {
                peer.send("GET / HTTP/1.0\r\n\r\n");
                assertEquals(200, peer.readHead());
                assertEquals("abc", peer.readToEnd());
            }
        }

        @Test
        void servesSeveralClientsAtOnce() throws Exception {
            try (RunningServer server = RunningServer.start(new WebSlow(), "--delay", DELAY);
                    HttpPeer one = new HttpPeer(server.port()); HttpPeer two = new HttpPeer(server.port())) {
                one.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                two.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                assertEquals(200, one.readHead());
                assertEquals(200, two.readHead());
                assertEquals("a", two.readChunk());
                assertEquals("a", one.readChunk());
                assertEquals("bc", one.readReplyRest());
                assertEquals("bc", two.readReplyRest());
            }
        }

        @Test
        void aClientThatLeavesEarlyDoesNotDisturbTheNext() throws Exception {
            try (RunningServer server = RunningServer.start(new WebSlow(), "--delay", DELAY)) {
                try (HttpPeer leaving = new HttpPeer(server.port())) {
                    leaving.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                    assertEquals(200, leaving.readHead());
                    assertEquals("a", leaving.readChunk());
                }
                assertEquals("abc", HttpPeer.get(server.port(), "/").body());
                assertEquals(0, server.stop());
                assertEquals("", server.err());
            }
        }
    }

    @Nested
    class Delay {
        @Test
        void isAnOptionDefaultingToOneSecond() {
            List<Option> options = new WebSlow().options();
            assertEquals(List.of("--port N", "--interface ADDR", "--delay SECONDS"),
                    options.stream().map(Option::toString).toList());
            assertEquals("1", options.get(2).defaultValue());
            assertEquals(0.5, WebSlow.delay("0.5"));
            assertEquals(0, WebSlow.delay("0"));
        }

        @Test
        void mustBeANumberOfSecondsFromZeroToAnHour() throws Exception {
            for (String bad : List.of("-1", "soon", "NaN", "Infinity", "3601", "")) {
                try (RunningServer server = RunningServer.launch(new WebSlow(), "--port", "0", "--delay", bad)) {
                    assertEquals(2, server.awaitExit(), bad);
                    assertTrue(server.err().startsWith("jtwisted-samples web-slow: --delay must be a number of "
                            + "seconds from 0 to 3600, e.g. 0.5, not '" + bad + "'"), server.err());
                    assertEquals("", server.out());
                }
            }
        }
    }

    @Nested
    class OnAFakeClock {
        private final Clock clock = new Clock();
        private final LongRunning resource = new LongRunning(clock, 1);

        @Test
        void writesAAtOnceThenBAndCOneSecondApartThenFinishes() {
            DummyRequest request = new DummyRequest();
            DummyRequest.render(resource, request);
            assertEquals("a", request.writtenString());
            clock.advance(0.999);
            assertEquals("a", request.writtenString());
            clock.advance(0.001);
            assertEquals("ab", request.writtenString());
            clock.advance(1);
            assertEquals("abc", request.writtenString());
            assertEquals(0, request.finishCount());
            clock.advance(1);
            assertEquals(1, request.finishCount());
            assertEquals(List.of(), clock.getDelayedCalls());
        }

        @Test
        void aClientThatGoesAwayCancelsWhatIsStillScheduled() {
            DummyRequest request = new DummyRequest();
            DummyRequest.render(resource, request);
            clock.advance(1);
            assertEquals("ab", request.writtenString());
            assertEquals(2, clock.getDelayedCalls().size());

            request.connectionLost(new Failure(new ConnectionLost("the client went away")));
            assertEquals(List.of(), clock.getDelayedCalls());
            clock.advance(10);
            assertEquals("ab", request.writtenString());
            assertEquals(0, request.finishCount());
        }
    }
}
