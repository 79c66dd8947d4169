package dev.jtwisted.web.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.testing.StringTransport;
import dev.jtwisted.web.http.HTTPChannel;
import dev.jtwisted.web.iweb.IRequest;
import dev.jtwisted.web.resource.Resource;
import dev.jtwisted.web.server.Server;
import dev.jtwisted.web.server.Site;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The connection's own rules: keep-alive, one request at a time, bad requests, lost clients. */
class ServerConnectionTest {
    private final List<IRequest> pending = new ArrayList<>();
    private final Resource root = new Resource();
    private final RecordingSink sink;

    ServerConnectionTest() {
        root.putChild("hello", new Resource() {
            public byte[] render_GET(IRequest request) {
                return "hello".getBytes(UTF_8);
            }
        });
        root.putChild("pending", new Resource() {
            public byte[] render_GET(IRequest request) {
                pending.add(request);
                return Server.NOT_DONE_YET;
            }
        });
        sink = RecordingSink.connect(new Site(root));
    }

    @Test // Twisted: test_http.PersistenceTests.test_http11
    void http11StaysOpen() {
        assertTrue(sink.get("/hello").persistent);
        assertNull(sink.last().header("connection"));
    }

    @Test // Twisted: test_http.PersistenceTests.test_http11Close
    void http11WithConnectionCloseClosesAndSaysSo() {
        RecordingSink.Response r = sink.get("/hello", "Connection: Keep-Alive, close");
        assertFalse(r.persistent);
        assertEquals("close", r.header("connection"));
    }

    @Test // Twisted: test_http.PersistenceTests.test_http10
    void http10Closes() {
        RecordingSink.Response r = sink.request("GET", "/hello", "HTTP/1.0", new byte[0], "Connection: keep-alive");
        assertFalse(r.persistent);
        assertEquals("HTTP/1.0", r.version);
    }

    @Test
    void aRequestWaitsForThePreviousResponse() {
        sink.get("/pending");
        assertTrue(sink.connection.busy());
        assertThrows(IllegalStateException.class, () -> sink.get("/hello"));
        pending.get(0).finish();
        assertFalse(sink.connection.busy());
        assertEquals("hello", sink.get("/hello").body());
        assertEquals(List.of("head 200", "finish keep-alive", "response 200 hello", "finish keep-alive"), sink.events);
    }

    @Test
    void aBadRequestIsAnsweredAndCloses() {
        sink.connection.badRequest(431, "headers too large");
        RecordingSink.Response r = sink.last();
        assertEquals(431, r.code);
        assertEquals("Request Header Fields Too Large", r.reason);
        assertEquals("close", r.header("connection"));
        assertEquals("0", r.header("content-length"));
        assertFalse(r.persistent);
    }

    @Test
    void aRequestAfterTheConnectionIsLostIsIgnored() {
        sink.channel.connectionLost(new dev.jtwisted.python.failure.Failure(new dev.jtwisted.internet.ConnectionDone("bye")));
        assertNull(sink.get("/hello"));
        assertFalse(sink.connection.busy());
    }

    @Test
    void aChannelCanBeDrivenOnlyOnce() {
        assertThrows(IllegalStateException.class, () -> new ServerConnection(sink.channel, sink));
    }

    @Test
    void aChannelOnAByteTransportRefusesToParse() {
        HTTPChannel channel = (HTTPChannel) new Site(root).buildProtocol(null);
        channel.makeConnection(new StringTransport());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> channel.dataReceived("GET / HTTP/1.1\r\n\r\n".getBytes(UTF_8)));
        assertTrue(e.getMessage().contains("Netty reactor"), e.getMessage());
    }
}
