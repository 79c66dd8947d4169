package dev.jtwisted.samples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.python.usage.Option;
import dev.jtwisted.samples.RunningServer;
import dev.jtwisted.web.resource.IResource;
import dev.jtwisted.web.test.DummyRequest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** web-tree over real HTTP connections, and its leaf through a DummyRequest. */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebTreeTest {
    private RunningServer server;

    @BeforeAll
    void start() throws Exception {
        server = RunningServer.start(new WebTree());
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Test
    void listensAndSaysWhere() {
        assertEquals("web-tree listening on 127.0.0.1:" + server.port() + "\n", server.out());
        assertEquals(List.of("--port N", "--interface ADDR"),
                new WebTree().options().stream().map(Option::toString).toList());
    }

    @Nested
    class Children {
        @Test
        void theEmptySegmentIsTheIndex() throws Exception {
            HttpPeer.Reply reply = HttpPeer.get(server.port(), "/");
            assertEquals(200, reply.code());
            assertTrue(reply.body().contains("<h1>HELLO</h1>"), reply.body());
            assertTrue(reply.header("content-type").startsWith("text/html"), reply.headers().toString());
        }

        @Test
        void pageIsAChildOfTheRoot() throws Exception {
            HttpPeer.Reply reply = HttpPeer.get(server.port(), "/page");
            assertEquals(200, reply.code());
            assertEquals("A PAGE\n", reply.body());
            assertEquals("text/plain; charset=utf-8", reply.header("content-type"));
        }

        @Test
        void anUnknownChildOrAPathBelowANonLeafIs404() throws Exception {
            assertEquals(404, HttpPeer.get(server.port(), "/nowhere").code());
            assertEquals(404, HttpPeer.get(server.port(), "/page/below").code());
        }

        @Test
        void aMethodWithoutARendererIs405NamingTheAllowedOnes() throws Exception {
            HttpPeer.Reply reply = HttpPeer.post(server.port(), "/page", "x=1");
            assertEquals(405, reply.code());
            assertEquals("GET, HEAD", reply.header("allow"));
        }
    }

    @Nested
    class Leaf {
        @Test
        void answersEveryPathBelowItWithTheRestOfThePath() throws Exception {
            assertEquals("Hello, Alice!\n", HttpPeer.get(server.port(), "/greet/Alice").body());
            assertEquals("Hello, a b/c!\n", HttpPeer.get(server.port(), "/greet/a%20b/c").body());
            assertTrue(HttpPeer.get(server.port(), "/greet").body().startsWith("Hello, stranger!"));
        }

        @Test
        void readsAPostedFormFromRequestArgs() throws Exception {
            HttpPeer.Reply reply = HttpPeer.post(server.port(), "/greet", "name=Bob+Smith&other=1");
            assertEquals(200, reply.code());
            assertEquals("Hello, Bob Smith!\n", reply.body());
        }

        @Test
        void aFormWithoutANameIs400SayingWhatIsMissing() throws Exception {
            for (String form : List.of("", "other=1", "name=")) {
                HttpPeer.Reply reply = HttpPeer.post(server.port(), "/greet", form);
                assertEquals(400, reply.code(), form);
                assertEquals("The form needs a field name, e.g. name=Alice.\n", reply.body());
            }
        }

        @Test
        void onADummyRequestRendersFromArgs() {
            IResource greeting = new WebTree.Greeting();
            DummyRequest request = new DummyRequest().setMethod("POST").addArg("name", "Carol");
            DummyRequest.render(greeting, request);
            assertEquals("Hello, Carol!\n", request.writtenString());
            assertEquals(1, request.finishCount());
        }
    }

    @Test
    void stopsWithStatusZeroAfterServingSeveralClients() throws Exception {
        try (RunningServer another = RunningServer.start(new WebTree())) {
            for (int i = 0; i < 5; i++) {
                assertEquals("A PAGE\n", HttpPeer.get(another.port(), "/page").body());
            }
            assertEquals(0, another.stop());
            assertEquals("", another.err());
        }
    }
}
