package dev.jtwisted.netty;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.testing.LogCapture;
import dev.jtwisted.web.iweb.IRequest;
import dev.jtwisted.web.resource.Resource;
import dev.jtwisted.web.server.Server;
import dev.jtwisted.web.server.Site;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpServerHandler} on an {@link EmbeddedChannel}: when responses are flushed, and that
 * bodies reach the socket without being copied on the way.
 */
class HttpServerHandlerTest {
    private final ProtocolHandlerTest.Recorder socket = new ProtocolHandlerTest.Recorder();
    private final Resource root = new Resource();
    private final List<IRequest> pending = new ArrayList<>();
    private final byte[] big = new byte[100_000];
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        LogCapture.clear();
        root.putChild("hello", new Resource() {
            public byte[] render_GET(IRequest request) {
                return "hello".getBytes(UTF_8);
            }
        });
        root.putChild("big", new Resource() {
            public byte[] render_GET(IRequest request) {
                return big;
            }
        });
        root.putChild("pending", new Resource() {
            public byte[] render_GET(IRequest request) {
                pending.add(request);
                return Server.NOT_DONE_YET;
            }
        });
        Site site = new Site(root);
        channel = new EmbeddedChannel(socket, new ProtocolHandler(new ProtocolHandlerTest.Owner(site.buildProtocol(null))));
    }

    private void receive(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, ISO_8859_1));
    }

    private String sent() {
        String s = socket.sent.toString(ISO_8859_1);
        socket.sent.reset();
        return s;
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void pipelinedResponsesOfOneReadLeaveInOneFlush() {
        receive("GET /hello HTTP/1.1\r\n\r\nGET /hello HTTP/1.1\r\n\r\nGET /nope HTTP/1.1\r\n\r\n");
        assertEquals(1, socket.flushes);
        String out = sent();
        assertEquals(2, count(out, "HTTP/1.1 200 OK"), out);
        assertTrue(out.indexOf("404 Not Found") > out.lastIndexOf("200 OK"), out);
    }

    @Test
    void aResponseFinishedLaterIsFlushedOnceAtTheEndOfItsTurn() {
        receive("GET /pending HTTP/1.1\r\n\r\n");
        assertEquals("", sent());
        IRequest request = pending.get(0);
        request.write("a".getBytes(UTF_8));
        request.write("b".getBytes(UTF_8));
        request.finish();
        int before = socket.flushes;
        assertEquals("", sent());
        channel.runPendingTasks();
        assertEquals(before + 1, socket.flushes);
        String out = sent();
        assertTrue(out.endsWith("\r\n\r\n1\r\na\r\n1\r\nb\r\n0\r\n\r\n"), out);
    }

    @Test
    void aRequestArrivingDuringAPendingResponseWaitsAndReadingPauses() {
        receive("GET /pending HTTP/1.1\r\n\r\nGET /hello HTTP/1.1\r\n\r\n");
        assertEquals("", sent());
        assertFalse(channel.config().isAutoRead());
        pending.get(0).write("first".getBytes(UTF_8));
        pending.get(0).finish();
        channel.runPendingTasks();
        String out = sent();
        assertTrue(out.indexOf("first") < out.indexOf("hello"), out);
        assertTrue(channel.config().isAutoRead());
    }

    @Test
    void aLargeBodyIsPassedOnWithoutACopy() {
        receive("GET /big HTTP/1.1\r\n\r\n");
        assertTrue(socket.backingArrays.stream().anyMatch(a -> a == big), "the body array itself reached the socket");
        String out = sent();
        assertTrue(out.contains("\r\ncontent-length: 100000\r\n".replace("content-length", "Content-Length")), out.substring(0, 200));
        assertEquals(100_000, out.length() - out.indexOf("\r\n\r\n") - 4);
    }

    @Test
    void theConnectionsTransportIsTheChannelTransport() {
        receive("GET /pending HTTP/1.1\r\n\r\n");
        dev.jtwisted.web.server.Request request = (dev.jtwisted.web.server.Request) pending.get(0);
        assertSame(ChannelTransport.class, request.transport().getClass());
    }
}
