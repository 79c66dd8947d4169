package dev.jtwisted.web.server;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.ConnectionLost;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.task.Clock;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.testing.LogCapture;
import dev.jtwisted.web.http.Http;
import dev.jtwisted.web.internal.RecordingSink;
import dev.jtwisted.web.internal.RecordingSink.Response;
import dev.jtwisted.web.iweb.Cookie;
import dev.jtwisted.web.iweb.IRequest;
import dev.jtwisted.web.resource.Resource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Requests and their responses, through the connection's logic into a recording sink. */
class RequestTest {
    private final Clock clock = new Clock();
    private final Resource root = new Resource();
    private final List<IRequest> seen = new ArrayList<>();
    private Site site;
    private RecordingSink sink;

    /** A leaf answering GET (and HEAD) with {@code body(request)}. */
    private Resource leaf(Function<IRequest, String> body) {
        return new Resource() {
            {
                isLeaf = true;
            }

            public byte[] render_GET(IRequest request) {
                seen.add(request);
                return body.apply(request).getBytes(UTF_8);
            }
        };
    }

    @BeforeEach
    void setUp() {
        LogCapture.clear();
        root.putChild("hello", leaf(r -> "hello"));
        root.putChild("later", new Resource() {
            public byte[] render_GET(IRequest request) {
                seen.add(request);
                clock.callLater(1, () -> {
                    request.write("part one, ".getBytes(UTF_8));
                    request.write("part two".getBytes(UTF_8));
                    request.finish();
                });
                return Server.NOT_DONE_YET;
            }
        });
        root.putChild("boom", new Resource() {
            public byte[] render_GET(IRequest request) throws IOException {
                throw new IOException("disk on fire");
            }
        });
        root.putChild("form", new Resource() {
            public byte[] render_POST(IRequest request) throws IOException {
                return (request.args() + " " + new String(request.content().readAllBytes(), UTF_8)).getBytes(UTF_8);
            }
        });
        site = new Site(root);
        sink = RecordingSink.connect(site);
    }

    @Nested
    class Rendering {
        @Test
        void aRenderedBodyIsSentWholeWithItsLength() {
            Response r = sink.get("/hello");
            assertEquals(200, r.code);
            assertEquals("OK", r.reason);
            assertEquals("HTTP/1.1", r.version);
            assertTrue(r.whole);
            assertEquals("hello", r.body());
            assertEquals("5", r.header("content-length"));
            assertEquals("text/html", r.header("content-type"));
            assertEquals(Server.version, r.header("server"));
            assertTrue(r.header("date").endsWith(" GMT"), r.header("date"));
            assertNull(r.header("transfer-encoding"));
            assertTrue(r.persistent);
        }

        @Test
        void anUnknownPathIsNotFound() {
            Response r = sink.get("/nothing/here");
            assertEquals(404, r.code);
            assertTrue(r.body().contains("No Such Resource"), r.body());
            assertTrue(r.persistent);
        }

        @Test // Twisted: test_web.RenderTests... test_notAllowedMethod
        void aMethodWithoutRendererIsNotAllowedWithAnAllowHeader() {
            Response r = sink.request("DELETE", "/hello", "HTTP/1.1", new byte[0]);
            assertEquals(405, r.code);
            assertEquals("GET, HEAD", r.header("allow"));
            assertTrue(r.body().contains("I only allow the methods GET, HEAD here."), r.body());
        }

        @Test // Twisted: test_web.RequestTests.test_headReturnsNoBody... (server.Request.render's HEAD rule)
        void headSendsTheLengthOfTheGetBodyButNoBody() {
            Response r = sink.request("HEAD", "/hello", "HTTP/1.1", new byte[0]);
            assertEquals(200, r.code);
            assertEquals("5", r.header("content-length"));
            assertEquals("", r.body());
            assertTrue(r.finished);
        }

        @Test
        void pathSegmentsArePercentDecoded() {
            root.putChild("a b", leaf(r -> r.prepath() + " " + r.postpath()));
            Response r = sink.get("/a%20b/c%2Fd/");
            assertEquals("[a b] [c/d, ]", r.body());
        }

        @Test // Twisted: test_web.RequestTests.test_processingFailedNoTraceback
        void anExceptionIsA500WithAGenericPageAndALoggedTraceback() {
            Response r = sink.get("/boom");
            assertEquals(500, r.code);
            assertEquals("<html><head><title>Processing Failed</title></head><body><b>Processing Failed</b></body></html>",
                    r.body());
            assertFalse(r.body().contains("disk on fire"));
            List<LogCapture.LogEvent> logged = LogCapture.containing("Unhandled error while rendering");
            assertEquals(1, logged.size(), LogCapture.events().toString());
            assertTrue(logged.get(0).message().contains("uri=/boom"), logged.get(0).message());
            assertEquals("disk on fire", logged.get(0).throwable().getMessage());
            assertTrue(r.persistent);
        }

        @Test // Twisted: test_web.RequestTests.test_processingFailedDisplayTraceback
        void aSiteThatDisplaysTracebacksSendsTheTraceback() {
            site = new Site(root) {
                {
                    displayTracebacks = true;
                }
            };
            sink = RecordingSink.connect(site);
            Response r = sink.get("/boom");
            assertEquals(500, r.code);
            assertTrue(r.body().contains("java.io.IOException: disk on fire"), r.body());
        }

        @Test
        void aRendererReturningNullIsA500() {
            root.putChild("null", new Resource() {
                public byte[] render_GET(IRequest request) {
                    return null;
                }
            });
            Response r = sink.get("/null");
            assertEquals(500, r.code);
            assertTrue(r.body().contains("Request did not return bytes"), r.body());
        }

        @Test // Twisted: test_web.RequestTests... test_handleStar
        void optionsStarIsAnsweredWithoutAResource() {
            Response r = sink.request("OPTIONS", "*", "HTTP/1.1", new byte[0]);
            assertEquals(200, r.code);
            assertEquals("0", r.header("content-length"));
            assertNull(r.header("content-type"));
            Response r2 = sink.get("*");
            assertEquals(405, r2.code);
            assertEquals("OPTIONS", r2.header("allow"));
        }
    }

    @Nested
    class LaterResponses {
        @Test
        void aResponseWithoutLengthIsChunkedAndFinishedLater() {
            assertNull(sink.get("/later"));
            assertEquals(List.of(), sink.events);
            clock.advance(1);
            Response r = sink.last();
            assertEquals("chunked", r.header("transfer-encoding"));
            assertNull(r.header("content-length"));
            assertEquals(List.of("head 200", "body part one, ", "body part two", "finish keep-alive"), sink.events);
        }

        @Test
        void anHttp10ResponseWithoutLengthIsNotChunkedAndClosesTheConnection() {
            sink.request("GET", "/later", "HTTP/1.0", new byte[0]);
            clock.advance(1);
            Response r = sink.last();
            assertEquals("HTTP/1.0", r.version);
            assertNull(r.header("transfer-encoding"));
            assertEquals("part one, part two", r.body());
            assertFalse(r.persistent);
        }

        @Test
        void notifyFinishFiresWhenTheResponseIsFinished() {
            sink.get("/later");
            Deferred<Void> d = seen.get(0).notifyFinish();
            assertNoResult(d);
            clock.advance(1);
            assertNull(successResultOf(d));
            assertNull(successResultOf(seen.get(0).notifyFinish()));
        }

        @Test // Twisted: test_web.RequestTests.test_notifyFinishConnectionLost... (http.Request.connectionLost)
        void notifyFinishFailsIfTheClientGoesAwayFirst() {
            sink.get("/later");
            IRequest request = seen.get(0);
            Deferred<Void> d = request.notifyFinish();
            sink.channel.connectionLost(new Failure(new ConnectionLost("gone")));
            failureResultOf(d, ConnectionLost.class);
            failureResultOf(request.notifyFinish(), ConnectionLost.class);
            request.write("ignored".getBytes(UTF_8));
            IllegalStateException e = assertThrows(IllegalStateException.class, request::finish);
            assertTrue(e.getMessage().contains("after its connection was lost"), e.getMessage());
            assertEquals(List.of(), sink.responses);
        }

        @Test
        void writingAfterFinishIsAnError() {
            sink.get("/hello");
            assertThrows(IllegalStateException.class, () -> seen.get(0).write(new byte[1]));
        }

        @Test
        void finishingTwiceOnlyWarns() {
            sink.get("/hello");
            seen.get(0).finish();
            assertEquals(1, sink.responses.size());
            assertEquals(1, LogCapture.containing("request.finish called twice").size());
        }

        @Test
        void aFailureAfterTheResponseBeganClosesTheConnection() {
            root.putChild("half", new Resource() {
                public byte[] render_GET(IRequest request) {
                    request.write("half a page".getBytes(UTF_8));
                    throw new IllegalStateException("then trouble");
                }
            });
            sink.get("/half");
            assertEquals(List.of("head 200", "body half a page"), sink.events);
            assertTrue(sink.transport.disconnecting());
        }

        @Test
        void processingFailedAsAnErrbackAnswers500() {
            root.putChild("deferred", new Resource() {
                public byte[] render_GET(IRequest request) {
                    Deferred<String> d = new Deferred<>();
                    clock.callLater(1, () -> d.errback(new IllegalArgumentException("bad luck")));
                    d.addCallback(s -> {
                        request.write(s.getBytes(UTF_8));
                        request.finish();
                        return null;
                    }).addErrback(request::processingFailed);
                    return Server.NOT_DONE_YET;
                }
            });
            sink.get("/deferred");
            clock.advance(1);
            assertEquals(500, sink.last().code);
            assertEquals(1, LogCapture.containing("Unhandled error while rendering").size());
        }
    }

    @Nested
    class Arguments {
        @Test // Twisted: test_http.RequestTests.test_getArgs... (parse_qs with blank values kept)
        void queryArgumentsAreListsPerName() {
            root.putChild("args", leaf(r -> r.args().toString() + " " + r.path() + " " + r.uri()));
            assertEquals("{a=[1, 2], b=[], c=[x y]} /args /args?a=1&a=2&b=&c=x+y&flag",
                    sink.get("/args?a=1&a=2&b=&c=x+y&flag").body());
        }

        @Test
        void aUrlencodedFormIsParsedIntoArgs() {
            Response r = sink.request("POST", "/form?q=1&a=query", "HTTP/1.1", "a=form&b=%C3%A9".getBytes(UTF_8),
                    "Content-Type: application/x-www-form-urlencoded; charset=utf-8");
            assertEquals("{q=[1], a=[form], b=[é]} a=form&b=%C3%A9", r.body());
        }

        @Test
        void anotherBodyIsOnlyContent() {
            Response r = sink.request("POST", "/form", "HTTP/1.1", "{\"a\": 1}".getBytes(UTF_8),
                    "Content-Type: application/json");
            assertEquals("{} {\"a\": 1}", r.body());
        }

        @Test // Twisted: test_http.RequestTests.test_parseCookies
        void cookiesAreParsedAndSet() {
            root.putChild("cookies", leaf(r -> {
                r.addCookie("session", "abc", new Cookie().path("/").httpOnly(true).sameSite("Lax"));
                r.addCookie("evil", "x;\r\ny");
                return r.getCookie("test") + " " + r.getCookie("other") + " " + r.getCookie("none");
            }));
            Response r = sink.get("/cookies", "Cookie: test=\"lemur\"; other=panda=bear", "Cookie: third=3");
            assertEquals("\"lemur\" panda=bear null", r.body());
            assertEquals(List.of("session=abc; Path=/; HttpOnly; SameSite=lax", "evil=x  y"),
                    r.headers.getRawHeaders("set-cookie"));
        }

        @Test
        void theHostnameComesFromTheHostHeader() {
            root.putChild("url", leaf(r -> r.getRequestHostname() + " " + r.prePathURL()));
            assertEquals("example.com http://example.com:8080/url", sink.get("/url/more", "Host: example.com:8080").body());
            assertEquals("10.0.0.1 http://10.0.0.1:8080/url", sink.get("/url").body());
        }

        @Test
        void basicCredentialsAreDecoded() {
            root.putChild("auth", leaf(r -> r.getUser() + "/" + r.getPassword()));
            assertEquals("alice/s3:cret", sink.get("/auth", "Authorization: Basic YWxpY2U6czM6Y3JldA==").body());
            assertEquals("/", sink.get("/auth").body());
        }
    }

    @Nested
    class ConditionalResponses {
        @Test // Twisted: test_http.RequestTests.test_setLastModifiedCached... 
        void anUnmodifiedResourceIs304WithoutABody() {
            root.putChild("dated", leaf(r -> r.setLastModified(784111777) ? "" : "fresh"));
            Response r = sink.get("/dated", "If-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT");
            assertEquals(304, r.code);
            assertEquals("", r.body());
            assertNull(r.header("content-type"));
            assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", r.header("last-modified"));
            Response fresh = sink.get("/dated", "If-Modified-Since: Sun, 06 Nov 1994 08:49:36 GMT");
            assertEquals(200, fresh.code);
            assertEquals("fresh", fresh.body());
        }

        @Test // Twisted: test_http.RequestTests.test_setETag...
        void aMatchingEtagIs304() {
            root.putChild("tagged", leaf(r -> r.setETag("\"v1\"") ? "" : "body"));
            assertEquals(304, sink.get("/tagged", "If-None-Match: \"v0\" \"v1\"").code);
            Response r = sink.get("/tagged", "If-None-Match: \"v2\"");
            assertEquals(200, r.code);
            assertEquals("\"v1\"", r.header("etag"));
        }

        @Test
        void aRedirectIs302WithALocation() {
            root.putChild("moved", leaf(r -> {
                r.redirect("http://example.com/");
                return "";
            }));
            Response r = sink.get("/moved");
            assertEquals(302, r.code);
            assertEquals("Found", r.reason);
            assertEquals("http://example.com/", r.header("location"));
        }

        @Test
        void aCustomReasonPhraseIsSent() {
            root.putChild("teapot", leaf(r -> {
                r.setResponseCode(418, "I'm a teapot");
                return "short and stout";
            }));
            Response r = sink.get("/teapot");
            assertEquals(418, r.code);
            assertEquals("I'm a teapot", r.reason);
        }
    }

    @Test
    void aFinishedRequestIsAccessLoggedInTheCombinedFormat() {
        sink.get("/hello?x=\"y\"", "User-Agent: tester/1.0", "Referer: http://ref/");
        List<LogCapture.LogEvent> lines = new ArrayList<>();
        for (LogCapture.LogEvent e : LogCapture.events()) {
            if (e.logger().equals(Site.ACCESS_LOG)) {
                lines.add(e);
            }
        }
        assertEquals(1, lines.size(), LogCapture.events().toString());
        assertTrue(lines.get(0).message().matches(
                "192\\.168\\.1\\.1 - - \\[\\d\\d/\\w\\w\\w/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000\\] "
                        + "\"GET /hello\\?x=\\\\\"y\\\\\" HTTP/1\\.1\" 200 5 \"http://ref/\" \"tester/1\\.0\""),
                lines.get(0).message());
    }

    @Test
    void aSubclassedRequestComesFromTheSitesRequestFactory() {
        class MyRequest extends Request {
            MyRequest(dev.jtwisted.web.http.HTTPChannel channel) {
                super(channel);
                defaultContentType = "text/plain";
            }
        }
        site = new Site(root, MyRequest::new);
        sink = RecordingSink.connect(site);
        assertEquals("text/plain", sink.get("/hello").header("content-type"));
        assertSame(MyRequest.class, seen.get(0).getClass());
        assertEquals(Map.of(), seen.get(0).args());
        assertEquals(Http.OK, seen.get(0).code());
    }
}
