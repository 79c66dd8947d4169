package dev.jtwisted.web.resource;

import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.task.Clock;
import dev.jtwisted.web.error.UnsupportedMethod;
import dev.jtwisted.web.http.Http;
import dev.jtwisted.web.http_headers.Headers;
import dev.jtwisted.web.iweb.IRequest;
import dev.jtwisted.web.server.Server;
import dev.jtwisted.web.test.DummyRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ResourceTest {
    static final class BytesReturned extends Resource {
        private final byte[] body;

        BytesReturned(String body) {
            this.body = body.getBytes(UTF_8);
        }

        public byte[] render_GET(IRequest request) {
            return body;
        }
    }

    static final class ImplicitAllowedMethods extends Resource {
        public byte[] render_GET(IRequest request) {
            return new byte[0];
        }

        public byte[] render_PUT(IRequest request) {
            return new byte[0];
        }
    }

    static final class DynamicChild extends Resource {
        final String path;
        final IRequest request;

        DynamicChild(String path, IRequest request) {
            this.path = path;
            this.request = request;
        }
    }

    static final class DynamicChildren extends Resource {
        @Override
        public IResource getChild(String path, IRequest request) {
            return new DynamicChild(path, request);
        }
    }

    @Nested
    class ErrorPages {
        private void assertPage(ErrorPage page, int code, String brief, String detail) {
            DummyRequest request = new DummyRequest("");
            String expected = "\n<html>\n  <head><title>" + code + " - " + brief + "</title></head>\n  <body>\n"
                    + "    <h1>" + brief + "</h1>\n    <p>" + detail + "</p>\n  </body>\n</html>\n";
            assertEquals(expected, new String(page.render(request), UTF_8));
            assertEquals(code, request.responseCode());
            assertEquals(new Headers(Map.of("content-type", List.of("text/html; charset=utf-8"))),
                    request.responseHeaders());
        }

        @Test // Twisted: test_resource.ErrorPageTests.test_errorPageRendering
        void anErrorPageRendersItsCodeBriefAndDetail() {
            assertPage(new ErrorPage(321, "brief description text", "much longer text might go here"),
                    321, "brief description text", "much longer text might go here");
        }

        @Test // Twisted: test_noResourceRendering
        void noResourceIsNotFound() {
            assertPage(new NoResource("long message"), Http.NOT_FOUND, "No Such Resource", "long message");
        }

        @Test // Twisted: test_forbiddenResourceRendering
        void forbiddenResourceIsForbidden() {
            assertPage(new ForbiddenResource("longer message"), Http.FORBIDDEN, "Forbidden Resource", "longer message");
        }

        @Test // Twisted: test_getChild
        void anErrorPageIsItsOwnChild() {
            ErrorPage page = new ErrorPage(321, "foo", "bar");
            assertSame(page, page.getChild("name", new DummyRequest()));
        }

        @Test // Twisted's 22.4 ErrorPage does not escape: GHSA-vg46-2rrj-3647
        void anErrorPageEscapesWhatItIsGiven() {
            DummyRequest request = new DummyRequest("");
            String page = new String(new ErrorPage(400, "<b>", "<script>alert('x')</script>").render(request), UTF_8);
            assertTrue(page.contains("<p>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</p>"), page);
        }
    }

    @Nested
    class Children {
        @Test // Twisted: test_resource.ResourceTests.test_staticChildren
        void putChildMakesAStaticChild() {
            Resource resource = new Resource();
            Resource child = new Resource();
            resource.putChild("foo", child);
            resource.putChild("bar", new Resource());
            assertSame(child, resource.getChildWithDefault("foo", new DummyRequest()));
        }

        @Test // Twisted: test_dynamicChildren
        void anUnknownChildComesFromGetChild() {
            DummyRequest request = new DummyRequest();
            IResource child = new DynamicChildren().getChildWithDefault("foo", request);
            DynamicChild dynamic = assertInstanceOf(DynamicChild.class, child);
            assertEquals("foo", dynamic.path);
            assertSame(request, dynamic.request);
        }

        @Test
        void theDefaultChildIsNoResource() {
            assertInstanceOf(NoResource.class, new Resource().getChildWithDefault("nope", new DummyRequest()));
        }
    }

    @Nested
    class Rendering {
        @Test // Twisted: test_defaultHEAD
        void headRendersAsGet() {
            DummyRequest request = new DummyRequest().setMethod("HEAD");
            assertArrayEquals("insert response here".getBytes(UTF_8),
                    new BytesReturned("insert response here").render(request));
        }

        @Test // Twisted: test_explicitAllowedMethods
        void anUnsupportedMethodListsTheExplicitAllowedMethods() {
            Resource resource = new Resource();
            resource.allowedMethods = List.of("GET", "HEAD", "PUT");
            UnsupportedMethod e = assertThrows(UnsupportedMethod.class,
                    () -> resource.render(new DummyRequest().setMethod("FICTIONAL")));
            assertEquals(List.of("GET", "HEAD", "PUT"), e.allowedMethods());
        }

        @Test // Twisted: test_implicitAllowedMethods
        void anUnsupportedMethodListsTheRenderMethods() {
            UnsupportedMethod e = assertThrows(UnsupportedMethod.class,
                    () -> new ImplicitAllowedMethods().render(new DummyRequest().setMethod("FICTIONAL")));
            assertEquals(List.of("GET", "HEAD", "PUT"), e.allowedMethods());
        }

        @Test
        void headIsNotAllowedWithoutGet() {
            Resource postOnly = new Resource() {
                public byte[] render_POST(IRequest request) {
                    return new byte[0];
                }
            };
            UnsupportedMethod e = assertThrows(UnsupportedMethod.class,
                    () -> postOnly.render(new DummyRequest().setMethod("HEAD")));
            assertEquals(List.of("POST"), e.allowedMethods());
        }

        @Test
        void aRendererMayBePackagePrivateAndTakeASubtypeOfIRequest() {
            Resource r = new Resource() {
                byte[] render_GET(DummyRequest request) {
                    return request.uri().getBytes(UTF_8);
                }
            };
            assertArrayEquals("http://dummy/".getBytes(UTF_8), r.render(new DummyRequest()));
        }

        @Test
        void aRendererWithAnotherReturnTypeIsAnError() {
            Resource r = new Resource() {
                public String render_GET(IRequest request) {
                    return "no";
                }
            };
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.render(new DummyRequest()));
            assertTrue(e.getMessage().contains("must return byte[]"), e.getMessage());
        }

        @Test
        void aRendererExceptionReachesTheCallerUnwrapped() {
            Resource r = new Resource() {
                public byte[] render_GET(IRequest request) throws Exception {
                    throw new java.io.IOException("disk on fire");
                }
            };
            Exception e = assertThrows(java.io.IOException.class, () -> r.render(new DummyRequest()));
            assertEquals("disk on fire", e.getMessage());
        }

        @Test
        void aResourceMayFinishLaterAfterNotDoneYet() {
            Clock clock = new Clock();
            Resource later = new Resource() {
                public byte[] render_GET(IRequest request) {
                    clock.callLater(1, () -> {
                        request.write("late".getBytes(UTF_8));
                        request.finish();
                    });
                    return Server.NOT_DONE_YET;
                }
            };
            DummyRequest request = new DummyRequest();
            var d = DummyRequest.render(later, request);
            dev.jtwisted.trial.DeferredAssertions.assertNoResult(d);
            clock.advance(1);
            successResultOf(d);
            assertEquals("late", request.writtenString());
        }
    }

    @Nested
    class Traversal {
        @Test // Twisted: test_resource.GetChildForRequestTests.test_exhaustedPostPath
        void anExhaustedPostpathStopsAtTheResourceReached() {
            Resource resource = new Resource();
            assertSame(resource, Resource.getChildForRequest(resource, new DummyRequest()));
        }

        @Test // Twisted: test_leafResource
        void aLeafStopsTraversal() {
            Resource resource = new Resource();
            resource.isLeaf = true;
            assertSame(resource, Resource.getChildForRequest(resource, new DummyRequest("foo", "bar")));
        }

        @Test // Twisted: test_postPathToPrePath
        void traversedSegmentsMoveFromPostpathToPrepath() {
            DummyRequest request = new DummyRequest("foo", "bar");
            Resource root = new Resource();
            Resource child = new Resource();
            child.isLeaf = true;
            root.putChild("foo", child);
            assertSame(child, Resource.getChildForRequest(root, request));
            assertEquals(List.of("foo"), request.prepath());
            assertEquals(List.of("bar"), request.postpath());
        }
    }
}
