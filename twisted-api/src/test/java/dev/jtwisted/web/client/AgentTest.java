package dev.jtwisted.web.client;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.ConnectingCancelledError;
import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IStreamClientEndpoint;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.testing.Chunks;
import dev.jtwisted.internet.testing.MemoryReactorClock;
import dev.jtwisted.internet.testing.StringTransport;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.web.error.Error;
import dev.jtwisted.web.error.InfiniteRedirection;
import dev.jtwisted.web.error.PageRedirect;
import dev.jtwisted.web.error.RedirectWithNoLocation;
import dev.jtwisted.web.http_headers.Headers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Agent, its connection pool, the redirect agents and {@code getPage}, over in-memory
 * connections and a {@link MemoryReactorClock}.
 *
 * <p>Twisted: {@code twisted.web.test.test_agent} ({@code AgentTests},
 * {@code HTTPConnectionPoolTests}, {@code RedirectAgentTests}, {@code ReadBodyTests}).
 */
class AgentTest {
    private final MemoryReactorClock reactor = new MemoryReactorClock();
    private final FakeEndpoint endpoint = new FakeEndpoint();
    private final List<URI> uris = new ArrayList<>();

    /** Connects each time to a new protocol on a {@link StringTransport}, at once. */
    static final class FakeEndpoint implements IStreamClientEndpoint {
        final List<StringTransport> transports = new ArrayList<>();
        final List<IProtocol> protocols = new ArrayList<>();

        @Override
        public Deferred<IProtocol> connect(IProtocolFactory factory) {
            IProtocol p = factory.buildProtocol(null);
            StringTransport t = new StringTransport();
            p.makeConnection(t);
            transports.add(t);
            protocols.add(p);
            return Defer.succeed(p);
        }

        StringTransport transport(int i) {
            return transports.get(i);
        }

        /** Feeds {@code response} to connection {@code i}. */
        void respond(int i, String response) {
            Chunks.feed(protocols.get(i), response, 7);
        }

        void lose(int i) {
            protocols.get(i).connectionLost(new Failure(new ConnectionDone("closed by the server")));
        }
    }

    private Agent agent(HTTPConnectionPool pool) {
        return Agent.usingEndpointFactory(reactor, uri -> {
            uris.add(uri);
            return endpoint;
        }, pool);
    }

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";

    @Nested
    class Requests {
        @Test // Twisted: AgentTests.test_hostProvided / test_hostValue...
        void theHostHeaderNamesANonDefaultPort() {
            agent(null).request("GET", "http://example.com:8080/a?b=c#frag");
            assertEquals("GET /a?b=c HTTP/1.1\r\nConnection: close\r\nHost: example.com:8080\r\n\r\n",
                    endpoint.transport(0).valueString());
            assertEquals("http://example.com:8080/a?b=c", uris.get(0).toString());
        }

        @Test
        void theHostHeaderOfDefaultPortsAndIPv6() {
            assertEquals("example.com", Agent.hostValue(URI.fromString("https://example.com:443/")));
            assertEquals("[::1]:8080", Agent.hostValue(URI.fromString("http://[::1]:8080/")));
            assertEquals("::1", URI.fromString("http://[::1]:8080/").host());
        }

        @Test
        void aGivenHostHeaderIsKeptAndTheCallersHeadersAreNotChanged() {
            Headers h = new Headers();
            h.addRawHeader("X-A", "1");
            agent(null).request("GET", "http://example.com/", h, null);
            assertFalse(h.hasHeader("host"));
            Headers withHost = new Headers();
            withHost.addRawHeader("Host", "other");
            agent(null).request("GET", "http://example.com/", withHost, null);
            assertTrue(endpoint.transport(1).valueString().contains("\r\nHost: other\r\n"));
        }

        @Test // Twisted: AgentTests.test_unsupportedScheme
        void anUnsupportedSchemeFails() {
            Failure f = failureResultOf(new Agent(reactor).request("GET", "ftp://example.com/x"), SchemeNotSupported.class);
            assertTrue(f.getErrorMessage().contains("'ftp'"), f.getErrorMessage());
        }

        @ParameterizedTest
        @ValueSource(strings = {"example.com/x", "http://", "http://host:99999/", "http://host:x/", "http://a b/"})
        void aMalformedURIFailsNamingIt(String uri) {
            Failure f = failureResultOf(new Agent(reactor).request("GET", uri), IllegalArgumentException.class);
            assertTrue(f.getErrorMessage().contains("'" + uri + "'"), f.getErrorMessage());
        }

        @Test
        void aBadMethodFails() {
            failureResultOf(agent(null).request("GE T", "http://example.com/"), IllegalArgumentException.class);
        }

        @Test
        void httpConnectsWithTcpToTheURIsHostAndPort() {
            Agent agent = new Agent(reactor);
            agent.request("GET", "http://example.com:81/");
            assertEquals("example.com", reactor.tcpClients().get(0).host());
            assertEquals(81, reactor.tcpClients().get(0).port());
        }

        @Test // Twisted: AgentTests.test_connectTimeout
        void theConnectTimeoutIsPassedOn() {
            Agent.builder(reactor).connectTimeout(3).build().request("GET", "http://example.com/");
            assertEquals(3.0, reactor.tcpClients().get(0).timeout());
        }

        @Test
        void httpsConnectsWithTlsOverTcp() {
            Agent agent = Agent.builder(reactor).contextFactory(new BrowserLikePolicyForHTTPS()).build();
            agent.request("GET", "https://example.com/");
            assertEquals(443, reactor.sslClients().get(0).port());
            assertEquals("example.com", ((dev.jtwisted.internet.ssl.ClientTLSOptions)
                    reactor.sslClients().get(0).contextFactory()).hostname());
        }

        @Test
        void aResponseTimeoutThroughAddTimeoutAbortsTheConnection() {
            Deferred<IResponse> d = agent(null).request("GET", "http://example.com/").addTimeout(5, reactor);
            reactor.advance(4.9);
            assertNoResult(d);
            reactor.advance(0.1);
            Failure f = failureResultOf(d, ResponseNeverReceived.class);
            assertInstanceOf(dev.jtwisted.internet.defer.CancelledError.class,
                    ((ResponseFailed) f.value()).reasons().get(0).value());
            assertTrue(endpoint.transport(0).disconnected());
            assertTrue(reactor.getDelayedCalls().isEmpty());
        }

        @Test
        void aTimeoutWhileConnectingStopsConnecting() {
            Deferred<IResponse> d = new Agent(reactor).request("GET", "http://example.com/").addTimeout(5, reactor);
            reactor.advance(5);
            failureResultOf(d, ConnectingCancelledError.class);
            assertTrue(reactor.connectors().get(0).stoppedConnecting());
        }
    }

    @Nested
    class Pool {
        private final HTTPConnectionPool pool = new HTTPConnectionPool(reactor);

        private byte[] get(int connection) {
            Deferred<byte[]> body = agent(pool).request("GET", "http://example.com/").addCallbackDeferring(Client::readBody);
            endpoint.respond(connection, OK);
            return successResultOf(body);
        }

        @Test // Twisted: HTTPConnectionPoolTests.test_getReturnsNewIfCacheEmpty, test_putStartsTimeout...
        void sequentialRequestsShareOneConnection() {
            for (int i = 0; i < 5; i++) {
                assertEquals("hello", new String(get(0), UTF_8));
            }
            assertEquals(1, endpoint.transports.size());
            assertFalse(endpoint.transport(0).valueString().contains("Connection: close"));
        }

        @Test
        void keysSeparateHostsAndPorts() {
            get(0);
            Deferred<byte[]> other = agent(pool).request("GET", "http://example.com:81/").addCallbackDeferring(Client::readBody);
            endpoint.respond(1, OK);
            successResultOf(other);
            assertEquals(2, endpoint.transports.size());
        }

        @Test // Twisted: HTTPConnectionPoolTests.test_maxPersistentPerHost
        void atMostMaxPersistentPerHostConnectionsAreKept() {
            List<Deferred<byte[]>> bodies = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                bodies.add(agent(pool).request("GET", "http://example.com/").addCallbackDeferring(Client::readBody));
            }
            for (int i = 0; i < 3; i++) {
                endpoint.respond(i, OK);
                successResultOf(bodies.get(i));
            }
            assertEquals(3, endpoint.transports.size());
            assertTrue(endpoint.transport(0).disconnecting(), "the oldest is dropped");
            assertFalse(endpoint.transport(1).disconnecting());
            assertFalse(endpoint.transport(2).disconnecting());
        }

        @Test // Twisted: HTTPConnectionPoolTests.test_putExceedsMaxPersistent / test_closeCachedConnections
        void anIdleConnectionIsClosedAfterTheCachedConnectionTimeout() {
            pool.cachedConnectionTimeout(10);
            get(0);
            reactor.advance(9.9);
            assertFalse(endpoint.transport(0).disconnecting());
            reactor.advance(0.1);
            assertTrue(endpoint.transport(0).disconnecting());
            assertTrue(pool.cachedConnectionCounts().isEmpty());
            get(1);
            assertEquals(2, endpoint.transports.size());
        }

        @Test
        void reusingAConnectionCancelsItsTimeout() {
            get(0);
            assertEquals(1, reactor.getDelayedCalls().size());
            Deferred<IResponse> d = agent(pool).request("GET", "http://example.com/");
            assertTrue(reactor.getDelayedCalls().isEmpty());
            assertNoResult(d);
        }

        @Test // Twisted: HTTPConnectionPoolTests.test_retryIfShouldRetryReturnsTrue and friends
        void anIdempotentRequestOnAConnectionTheServerClosedIsRetriedOnce() {
            get(0);
            Deferred<byte[]> body = agent(pool).request("GET", "http://example.com/").addCallbackDeferring(Client::readBody);
            endpoint.lose(0);
            assertEquals(2, endpoint.transports.size(), "a new connection for the retry");
            endpoint.respond(1, OK);
            assertEquals("hello", new String(successResultOf(body), UTF_8));
        }

        @Test
        void aRetryIsNotRetriedAgain() {
            get(0);
            Deferred<IResponse> d = agent(pool).request("GET", "http://example.com/");
            endpoint.lose(0);
            endpoint.lose(1);
            failureResultOf(d, ResponseNeverReceived.class);
            assertEquals(2, endpoint.transports.size());
        }

        @Test
        void aPostIsNotRetried() {
            get(0);
            Deferred<IResponse> d = agent(pool).request("POST", "http://example.com/", null, FileBodyProducer.of("x"));
            endpoint.lose(0);
            failureResultOf(d, ResponseNeverReceived.class);
            assertEquals(1, endpoint.transports.size());
        }

        @Test
        void noRetryWhenTurnedOff() {
            pool.retryAutomatically(false);
            get(0);
            Deferred<IResponse> d = agent(pool).request("GET", "http://example.com/");
            endpoint.lose(0);
            failureResultOf(d, ResponseNeverReceived.class);
        }

        @Test
        void aConnectionLostWhileIdleIsNotHandedOut() {
            get(0);
            endpoint.lose(0);
            Deferred<IResponse> d = agent(pool).request("GET", "http://example.com/");
            assertEquals(2, endpoint.transports.size());
            assertNoResult(d);
        }

        @Test // Twisted: HTTPConnectionPoolTests.test_closeCachedConnections
        void closeCachedConnectionsClosesThemAndFiresWhenTheyAreGone() {
            get(0);
            Deferred<Void> closed = pool.closeCachedConnections();
            assertTrue(endpoint.transport(0).disconnecting());
            assertTrue(reactor.getDelayedCalls().isEmpty());
            assertNoResult(closed);
            endpoint.lose(0);
            successResultOf(closed);
        }

        @Test
        void aConnectionIsReturnedOnlyOnceItsBodyIsWhole() {
            Deferred<IResponse> d = agent(pool).request("GET", "http://example.com/");
            endpoint.respond(0, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n01234");
            IResponse r = successResultOf(d);
            Deferred<byte[]> body = Client.readBody(r);
            assertTrue(pool.cachedConnectionCounts().isEmpty());
            endpoint.respond(0, "56789");
            successResultOf(body);
            assertEquals(1, pool.cachedConnections(List.of("http", "example.com", 80)).size());
        }

        @Test
        void aNonPersistentAgentSendsConnectionCloseAndUsesEachConnectionOnce() {
            Deferred<byte[]> body = agent(null).request("GET", "http://example.com/").addCallbackDeferring(Client::readBody);
            endpoint.respond(0, OK);
            successResultOf(body);
            assertTrue(endpoint.transport(0).valueString().contains("Connection: close\r\n"));
            assertTrue(endpoint.transport(0).disconnecting());
        }
    }

    /** An agent answering from a script of responses, recording what it was asked. */
    static final class ScriptedAgent implements IAgent {
        final List<String> requests = new ArrayList<>();
        final List<Headers> headers = new ArrayList<>();
        final List<FakeResponse> responses = new ArrayList<>();
        java.util.function.Function<String, FakeResponse> answer;

        @Override
        public Deferred<IResponse> request(String method, String uri, Headers h, IBodyProducer bodyProducer) {
            requests.add(method + " " + uri);
            headers.add(h);
            FakeResponse r = answer.apply(uri);
            r.request = new ClientRequest(method, "/", HTTP11ClientProtocolTest.host(), null, false, URI.fromString(uri));
            responses.add(r);
            return Defer.succeed(r);
        }
    }

    static final class FakeResponse implements IResponse {
        final int code;
        final Headers headers = new Headers();
        final byte[] body;
        IClientRequest request;
        IResponse previous;
        boolean delivered;

        FakeResponse(int code, String location, String body) {
            this.code = code;
            if (location != null) {
                headers.addRawHeader("Location", location);
            }
            this.body = body.getBytes(UTF_8);
        }

        public String version() {
            return "HTTP/1.1";
        }

        public int code() {
            return code;
        }

        public String phrase() {
            return dev.jtwisted.web.http.Http.responsePhrase(code);
        }

        public Headers headers() {
            return headers;
        }

        public long length() {
            return body.length;
        }

        public void deliverBody(IProtocol protocol) {
            delivered = true;
            protocol.makeConnection(new StringTransport());
            protocol.dataReceived(body);
            protocol.connectionLost(new Failure(new ResponseDone("done")));
        }

        public IClientRequest request() {
            return request;
        }

        public IResponse previousResponse() {
            return previous;
        }

        public void setPreviousResponse(IResponse previousResponse) {
            previous = previousResponse;
        }
    }

    @Nested
    class Redirects {
        private final ScriptedAgent scripted = new ScriptedAgent();

        @ParameterizedTest // Twisted: RedirectAgentTests.test_redirect301 ... 308
        @ValueSource(ints = {301, 302, 307, 308})
        void aGetIsRedirected(int code) {
            scripted.answer = uri -> uri.endsWith("/start") ? new FakeResponse(code, "http://example.com/end", "moved")
                    : new FakeResponse(200, null, "end");
            IResponse r = successResultOf(new RedirectAgent(scripted).request("GET", "http://example.com/start"));
            assertEquals(200, r.code());
            assertEquals(List.of("GET http://example.com/start", "GET http://example.com/end"), scripted.requests);
            assertEquals(code, r.previousResponse().code());
            assertTrue(scripted.responses.get(0).delivered, "the redirect's body is drained");
        }

        @ParameterizedTest // Twisted: RedirectAgentTests.test_noRedirect / _testPageRedirectFailure
        @ValueSource(ints = {301, 302, 307, 308})
        void aPostIsNotRedirectedByTheStrictAgent(int code) {
            scripted.answer = uri -> new FakeResponse(code, "http://example.com/end", "");
            Failure f = failureResultOf(new RedirectAgent(scripted).request("POST", "http://example.com/start"),
                    ResponseFailed.class);
            PageRedirect p = assertInstanceOf(PageRedirect.class, ((ResponseFailed) f.value()).reasons().get(0).value());
            assertEquals(code, p.code());
            assertEquals(1, scripted.requests.size());
        }

        @Test // Twisted: RedirectAgentTests.test_redirect303
        void seeOtherTurnsAPostIntoAGet() {
            scripted.answer = uri -> uri.endsWith("/start") ? new FakeResponse(303, "/end", "")
                    : new FakeResponse(200, null, "");
            successResultOf(new RedirectAgent(scripted).request("POST", "http://example.com/start", null,
                    FileBodyProducer.of("x")));
            assertEquals("GET http://example.com/end", scripted.requests.get(1));
        }

        @ParameterizedTest // Twisted: BrowserLikeRedirectAgentTests
        @ValueSource(ints = {301, 302, 303})
        void theBrowserLikeAgentTurnsAnyMethodIntoAGet(int code) {
            scripted.answer = uri -> uri.endsWith("/start") ? new FakeResponse(code, "/end", "")
                    : new FakeResponse(200, null, "");
            successResultOf(new BrowserLikeRedirectAgent(scripted).request("POST", "http://example.com/start"));
            assertEquals("GET http://example.com/end", scripted.requests.get(1));
        }

        @Test
        void theBrowserLikeAgentKeepsTheMethodOf307ButDoesNotFollowItForAPost() {
            scripted.answer = uri -> new FakeResponse(307, "/end", "");
            failureResultOf(new BrowserLikeRedirectAgent(scripted).request("POST", "http://example.com/start"),
                    ResponseFailed.class);
        }

        @Test // Twisted: RedirectAgentTests.test_redirectLimit
        void tooManyRedirectsFailWithInfiniteRedirection() {
            scripted.answer = uri -> new FakeResponse(302, "/again", "");
            Failure f = failureResultOf(new RedirectAgent(scripted, 3).request("GET", "http://example.com/"),
                    ResponseFailed.class);
            InfiniteRedirection e = assertInstanceOf(InfiniteRedirection.class,
                    ((ResponseFailed) f.value()).reasons().get(0).value());
            assertEquals(4, scripted.requests.size());
            assertEquals("http://example.com/again", e.location());
        }

        @Test // Twisted: RedirectAgentTests.test_noLocationField
        void aRedirectWithoutLocationFails() {
            scripted.answer = uri -> new FakeResponse(301, null, "");
            Failure f = failureResultOf(new RedirectAgent(scripted).request("GET", "http://example.com/x"),
                    ResponseFailed.class);
            RedirectWithNoLocation e = assertInstanceOf(RedirectWithNoLocation.class,
                    ((ResponseFailed) f.value()).reasons().get(0).value());
            assertEquals("http://example.com/x", e.uri());
        }

        @Test // Twisted: RedirectAgentTests.test_relativeURI...
        void relativeLocationsAreResolvedAgainstTheRequest() {
            assertEquals("http://h/a/c", RedirectAgent.resolveLocation("http://h/a/b", "c"));
            assertEquals("http://h/c?q", RedirectAgent.resolveLocation("http://h/a/b", "/c?q"));
            assertEquals("https://o/x", RedirectAgent.resolveLocation("http://h/a/b", "//o/x".replace("//o", "https://o")));
            assertEquals("http://o/x", RedirectAgent.resolveLocation("http://h/a/b", "//o/x"));
            assertEquals("http://h/c#frag", RedirectAgent.resolveLocation("http://h/a/b#frag", "/c"));
        }

        @Test // Twisted: RedirectAgentTests.test_crossDomainHeaders
        void credentialsAreNotSentToAnotherOrigin() {
            scripted.answer = uri -> uri.contains("first") ? new FakeResponse(302, "http://second.example/", "")
                    : new FakeResponse(200, null, "");
            Headers h = new Headers();
            h.addRawHeader("Authorization", "secret");
            h.addRawHeader("X-Keep", "1");
            successResultOf(new RedirectAgent(scripted).request("GET", "http://first.example/", h, null));
            assertNull(scripted.headers.get(1).getRawHeaders("authorization"));
            assertEquals(List.of("1"), scripted.headers.get(1).getRawHeaders("x-keep"));
        }

        @Test
        void aResponseThatIsNotARedirectIsPassedOn() {
            scripted.answer = uri -> new FakeResponse(404, "/x", "");
            assertEquals(404, successResultOf(new RedirectAgent(scripted).request("GET", "http://e/")).code());
        }
    }

    @Nested
    class GetPage {
        private final ScriptedAgent scripted = new ScriptedAgent();

        private Deferred<byte[]> getPage(String url) {
            return Client.getPage(reactor, url, new Client.PageOptions().agent(scripted));
        }

        @Test
        void aPageIsItsBody() {
            scripted.answer = uri -> new FakeResponse(200, null, "the page");
            assertEquals("the page", new String(successResultOf(getPage("http://e/")), UTF_8));
        }

        @Test
        void redirectsAreFollowed() {
            scripted.answer = uri -> uri.endsWith("/old") ? new FakeResponse(301, "/new", "moved")
                    : new FakeResponse(200, null, "new page");
            assertEquals("new page", new String(successResultOf(getPage("http://e/old")), UTF_8));
        }

        @Test // Twisted: WebClientTestCase.test_getPage404 (error.Error with status and body)
        void aStatusOutside2xxIsAnError() {
            scripted.answer = uri -> new FakeResponse(404, null, "no such page");
            Error e = (Error) failureResultOf(getPage("http://e/"), Error.class).value();
            assertEquals(404, e.code());
            assertEquals("404", e.status());
            assertEquals("Not Found", e.message());
            assertEquals("no such page", e.responseString());
            assertEquals("404 Not Found", e.getMessage());
        }

        @Test
        void endlessRedirectsFailWithInfiniteRedirectionItself() {
            scripted.answer = uri -> new FakeResponse(302, "/loop", "");
            failureResultOf(Client.getPage(reactor, "http://e/", new Client.PageOptions().agent(scripted).redirectLimit(2)),
                    InfiniteRedirection.class);
        }

        @Test
        void withoutFollowRedirectARedirectIsAnError() {
            scripted.answer = uri -> new FakeResponse(302, "/x", "");
            Error e = (Error) failureResultOf(Client.getPage(reactor, "http://e/",
                    new Client.PageOptions().agent(scripted).followRedirect(false)), Error.class).value();
            assertEquals(302, e.code());
        }

        @Test
        void aCloseDelimitedBodyIsAcceptedByGetPage() {
            Deferred<byte[]> page = Client.getPage(reactor, "http://example.com/",
                    new Client.PageOptions().agent(agent(null)));
            endpoint.respond(0, "HTTP/1.0 200 OK\r\n\r\nold server");
            endpoint.lose(0);
            assertEquals("old server", new String(successResultOf(page), UTF_8));
        }

        @Test
        void theDefaultGetPageConnectsWithTcp() {
            Deferred<byte[]> page = Client.getPage(reactor, "http://example.com:8080/x");
            assertNoResult(page);
            assertEquals(8080, reactor.tcpClients().get(0).port());
        }
    }

    @Nested
    class Producers {
        @Test
        void fileBodyProducerStopsWhilePausedAndGoesOnWhenResumed() {
            FileBodyProducer p = new FileBodyProducer(new java.io.ByteArrayInputStream(new byte[10]), 10, 3);
            List<byte[]> written = new ArrayList<>();
            Deferred<Void> done = p.startProducing(new dev.jtwisted.internet.IConsumer() {
                public void registerProducer(dev.jtwisted.internet.IProducer producer, boolean streaming) {}

                public void unregisterProducer() {}

                public void write(byte[] data) {
                    written.add(data);
                    if (written.size() == 2) {
                        p.pauseProducing();
                    }
                }
            });
            assertEquals(2, written.size());
            assertNoResult(done);
            p.resumeProducing();
            assertEquals(4, written.size());
            successResultOf(done);
        }

        @Test
        void aByteArrayStreamHasAKnownLength() {
            assertEquals(3, new FileBodyProducer(new java.io.ByteArrayInputStream(new byte[3])).length());
            assertEquals(IBodyProducer.UNKNOWN_LENGTH,
                    new FileBodyProducer(new java.io.BufferedInputStream(new java.io.ByteArrayInputStream(new byte[3]))).length());
        }

        @Test
        void cancellingStopsTheProducer() {
            FileBodyProducer p = new FileBodyProducer(new java.io.ByteArrayInputStream(new byte[10]), 10, 3);
            Deferred<Void> done = p.startProducing(new dev.jtwisted.internet.IConsumer() {
                public void registerProducer(dev.jtwisted.internet.IProducer producer, boolean streaming) {}

                public void unregisterProducer() {}

                public void write(byte[] data) {
                    p.pauseProducing();
                }
            });
            done.cancel();
            failureResultOf(done, dev.jtwisted.internet.defer.CancelledError.class);
        }
    }
}
