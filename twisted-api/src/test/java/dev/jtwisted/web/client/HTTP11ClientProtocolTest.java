package dev.jtwisted.web.client;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.ConnectionLost;
import dev.jtwisted.internet.IConsumer;
import dev.jtwisted.internet.defer.CancelledError;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.testing.AccumulatingProtocol;
import dev.jtwisted.internet.testing.Chunks;
import dev.jtwisted.internet.testing.StringTransport;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.web.http_headers.Headers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP/1.1 client protocol over a {@link StringTransport}: what it writes, how it parses
 * responses fed in every chunk size, when the connection is kept or closed, and failures.
 *
 * <p>Twisted: {@code twisted.web.test.test_newclient} ({@code HTTPParserTests},
 * {@code HTTPClientParserTests}, {@code HTTP11ClientProtocolTests}, {@code RequestTests}).
 */
class HTTP11ClientProtocolTest {
    private final StringTransport transport = new StringTransport();
    private final List<HTTP11ClientProtocol> quiescent = new ArrayList<>();
    private final HTTP11ClientProtocol protocol = new HTTP11ClientProtocol(quiescent::add);

    @BeforeEach
    void connect() {
        protocol.makeConnection(transport);
    }

    static Headers host() {
        Headers h = new Headers();
        h.addRawHeader("Host", "example.com");
        return h;
    }

    static ClientRequest request(String method, boolean persistent) {
        return new ClientRequest(method, "/foo", host(), null, persistent, URI.fromString("http://example.com/foo"));
    }

    static ClientRequest request(String method, IBodyProducer body) {
        return new ClientRequest(method, "/foo", host(), body, false, null);
    }

    private static String ascii(byte[] b) {
        return new String(b, ISO_8859_1);
    }

    /** Sends a GET, feeds {@code response} in {@code chunk}-byte pieces, returns its body protocol. */
    private AccumulatingProtocol fetch(String method, boolean persistent, String response, int chunk) {
        Deferred<IResponse> d = protocol.request(request(method, persistent));
        Chunks.feed(protocol, response, chunk);
        IResponse r = successResultOf(d);
        AccumulatingProtocol body = new AccumulatingProtocol();
        r.deliverBody(body);
        last = r;
        return body;
    }

    private IResponse last;

    @Nested
    class Serialization {
        @Test // Twisted: RequestTests.test_sendSimplestRequest
        void aGetWithoutBodyIsTheRequestLineConnectionCloseAndTheHeaders() {
            protocol.request(request("GET", false));
            assertEquals("GET /foo HTTP/1.1\r\nConnection: close\r\nHost: example.com\r\n\r\n", transport.valueString());
        }

        @Test // Twisted: RequestTests.test_sendSimplestPersistentRequest
        void aPersistentRequestSaysNothingAboutTheConnection() {
            protocol.request(request("GET", true));
            assertEquals("GET /foo HTTP/1.1\r\nHost: example.com\r\n\r\n", transport.valueString());
        }

        @Test // Twisted: RequestTests.test_sendPOSTRequestWithoutBody
        void aPostWithoutBodySaysContentLengthZero() {
            protocol.request(request("POST", false));
            assertTrue(transport.valueString().contains("\r\nContent-Length: 0\r\n"), transport.valueString());
        }

        @Test // Twisted: RequestTests.test_sendRequestBodyWithLength
        void aBodyOfKnownLengthGoesWithContentLength() {
            Deferred<IResponse> d = protocol.request(request("POST", FileBodyProducer.of("hello")));
            assertEquals("POST /foo HTTP/1.1\r\nConnection: close\r\nContent-Length: 5\r\nHost: example.com\r\n\r\nhello",
                    transport.valueString());
            assertNull(transport.producer(), "the producer is unregistered once done");
            assertNoResult(d);
        }

        @Test // Twisted: RequestTests.test_sendChunkedRequestBody
        void aBodyOfUnknownLengthIsChunked() {
            protocol.request(request("PUT", new FileBodyProducer(new java.io.ByteArrayInputStream("hello world".getBytes()),
                    IBodyProducer.UNKNOWN_LENGTH, 5)));
            assertEquals("PUT /foo HTTP/1.1\r\nConnection: close\r\nTransfer-Encoding: chunked\r\nHost: example.com\r\n\r\n"
                    + "5\r\nhello\r\n5\r\n worl\r\n1\r\nd\r\n0\r\n\r\n", transport.valueString());
        }

        @Test
        void theBodyProducerIsRegisteredAsAStreamingProducer() {
            ControlledProducer body = new ControlledProducer(3);
            protocol.request(request("POST", body));
            assertSame(body, transport.producer());
            assertTrue(transport.streaming());
        }

        @Test
        void aUsersOwnFramingHeadersAreNotSentTwice() {
            Headers h = host();
            h.addRawHeader("Content-Length", "99");
            h.addRawHeader("Transfer-Encoding", "gzip");
            protocol.request(new ClientRequest("POST", "/", h, FileBodyProducer.of("ab"), true, null));
            assertEquals("POST / HTTP/1.1\r\nContent-Length: 2\r\nHost: example.com\r\n\r\nab", transport.valueString());
        }

        @Test // Twisted: RequestTests.test_sendRequestBodyWithTooManyBytes
        void aProducerWritingTooMuchFailsTheRequestAndAbortsTheConnection() {
            ControlledProducer body = new ControlledProducer(3);
            Deferred<IResponse> d = protocol.request(request("POST", body));
            body.consumer.write("abcd".getBytes());
            Failure f = failureResultOf(d, RequestGenerationFailed.class);
            assertInstanceOf(WrongBodyLength.class, ((RequestGenerationFailed) f.value()).reasons().get(0).value());
            assertTrue(body.stopped);
            assertTrue(transport.disconnected());
        }

        @Test // Twisted: RequestTests.test_sendRequestBodyWithTooFewBytes
        void aProducerWritingTooLittleFailsTheRequest() {
            ControlledProducer body = new ControlledProducer(3);
            Deferred<IResponse> d = protocol.request(request("POST", body));
            body.consumer.write("ab".getBytes());
            body.finished.callback(null);
            Failure f = failureResultOf(d, RequestGenerationFailed.class);
            assertTrue(f.value().getMessage().contains("too few bytes written"), f.value().getMessage());
        }

        @Test // Twisted: HTTP11ClientProtocolTests.test_requestBeforeResponse... (RequestNotSent)
        void aSecondRequestWhileTheFirstIsPendingIsNotSent() {
            protocol.request(request("GET", true));
            failureResultOf(protocol.request(request("GET", true)), RequestNotSent.class);
        }

        @Test
        void aRequestWithoutExactlyOneHostIsNotSent() {
            Deferred<IResponse> d = protocol.request(new ClientRequest("GET", "/", new Headers(), null, true, null));
            failureResultOf(d, RequestGenerationFailed.class);
        }

        @Test // Twisted: test_newclient ... _ensureValidMethod / _ensureValidURI
        void methodsAndURIsThatCouldInjectAreRefused() {
            assertThrows(IllegalArgumentException.class, () -> request("GET /x HTTP/1.1\r\n", false));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ClientRequest("GET", "/a b", host(), null, false, null));
            assertTrue(e.getMessage().contains("'/a b'"), e.getMessage());
        }
    }

    @Nested
    class Parsing {
        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 7, 64, 4096})
        void aContentLengthBody(int chunk) {
            AccumulatingProtocol body = fetch("GET", true,
                    "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nX-Foo: bar\r\nX-Foo: baz\r\n\r\n0123456789", chunk);
            assertEquals("0123456789", body.dataString());
            assertInstanceOf(ResponseDone.class, body.closedReason().value());
            assertEquals(200, last.code());
            assertEquals("OK", last.phrase());
            assertEquals("HTTP/1.1", last.version());
            assertEquals(10, last.length());
            assertEquals(List.of("bar", "baz"), last.headers().getRawHeaders("x-foo"));
            assertNull(last.headers().getRawHeaders("content-length"), "a connection header, as in Twisted");
            assertEquals(List.of(protocol), quiescent);
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 7, 64, 4096})
        void aChunkedBodyWithExtensionsAndTrailers(int chunk) {
            AccumulatingProtocol body = fetch("GET", true, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3;name=value\r\nabc\r\n10\r\n0123456789abcdef\r\nA \r\n!!!!!!!!!!\r\n0\r\nTrailer: x\r\nMore: y\r\n\r\n",
                    chunk);
            assertEquals("abc0123456789abcdef!!!!!!!!!!", body.dataString());
            assertInstanceOf(ResponseDone.class, body.closedReason().value());
            assertEquals(IResponse.UNKNOWN_LENGTH, last.length());
            assertEquals(List.of(protocol), quiescent);
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 7, 64, 4096})
        void aCloseDelimitedBodyEndsWithPotentialDataLoss(int chunk) {
            AccumulatingProtocol body = fetch("GET", true, "HTTP/1.0 200 OK\r\nServer: old\r\n\r\nsome body", chunk);
            assertFalse(body.closed());
            protocol.connectionLost(new Failure(new ConnectionDone("closed")));
            assertEquals("some body", body.dataString());
            assertInstanceOf(PotentialDataLoss.class, body.closedReason().value());
            assertTrue(quiescent.isEmpty());
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 7, 4096})
        void aResponseToHeadHasNoBodyButKeepsItsContentLength(int chunk) {
            AccumulatingProtocol body = fetch("HEAD", true, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", chunk);
            assertEquals("", body.dataString());
            assertInstanceOf(ResponseDone.class, body.closedReason().value());
            assertEquals(0, last.length());
            assertEquals(List.of("100"), last.headers().getRawHeaders("content-length"));
            assertEquals(List.of(protocol), quiescent);
        }

        @ParameterizedTest
        @ValueSource(strings = {"204 No Content", "304 Not Modified"})
        void noContentAndNotModifiedHaveNoBody(String status) {
            AccumulatingProtocol body = fetch("GET", true, "HTTP/1.1 " + status + "\r\nContent-Length: 5\r\n\r\n", 3);
            assertEquals("", body.dataString());
            assertInstanceOf(ResponseDone.class, body.closedReason().value());
            assertEquals(List.of(protocol), quiescent);
        }

        @ParameterizedTest // Twisted: HTTPClientParserTests.test_informationalResponseIgnored
        @ValueSource(ints = {1, 2, 7, 4096})
        void informationalResponsesAreSkipped(int chunk) {
            AccumulatingProtocol body = fetch("GET", true, "HTTP/1.1 100 Continue\r\nX-A: 1\r\n\r\n"
                    + "HTTP/1.1 103 Early Hints\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi", chunk);
            assertEquals(200, last.code());
            assertNull(last.headers().getRawHeaders("x-a"));
            assertEquals("hi", body.dataString());
        }

        @ParameterizedTest // Twisted: HTTPParserTests.test_headerContinuation (joined with a space here)
        @ValueSource(ints = {1, 3, 4096})
        void foldedHeaderLinesAreJoined(int chunk) {
            fetch("GET", true, "HTTP/1.1 200 OK\r\nX-Folded: a\r\n  b\r\n\tc\r\nContent-Length: 0\r\n\r\n", chunk);
            assertEquals(List.of("a b c"), last.headers().getRawHeaders("x-folded"));
        }

        @Test // Twisted: HTTPClientParserTests.test_noPhrase
        void aStatusLineWithoutPhraseIsAccepted() {
            fetch("GET", true, "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n", 100);
            assertEquals("", last.phrase());
        }

        @Test
        void bareLineFeedsAreAccepted() {
            AccumulatingProtocol body = fetch("GET", true, "HTTP/1.1 200 OK\nContent-Length: 2\n\nok", 100);
            assertEquals("ok", body.dataString());
        }

        @Test
        void identicalRepeatedContentLengthsAreAccepted() {
            AccumulatingProtocol body = fetch("GET", true, "HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nok", 100);
            assertEquals("ok", body.dataString());
        }

        @Test
        void theBodyWaitsForDeliverBodyWithTheConnectionPaused() {
            Deferred<IResponse> d = protocol.request(request("GET", true));
            Chunks.feed(protocol, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab", 100);
            IResponse r = successResultOf(d);
            assertEquals("paused", transport.producerState());
            AccumulatingProtocol body = new AccumulatingProtocol();
            r.deliverBody(body);
            assertEquals("producing", transport.producerState());
            assertEquals("ab", body.dataString());
            Chunks.feed(protocol, "cd", 1);
            assertEquals("abcd", body.dataString());
            assertThrows(IllegalStateException.class, () -> r.deliverBody(new AccumulatingProtocol()));
        }

        @Test
        void theBodyTransportCannotBeWrittenTo() {
            AccumulatingProtocol body = fetch("GET", true, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab", 100);
            assertThrows(UnsupportedOperationException.class, () -> body.transport().write(new byte[1]));
        }
    }

    @Nested
    class Malformed {
        private Failure fail(String response, int chunk) {
            Deferred<IResponse> d = protocol.request(request("GET", true));
            Chunks.feed(protocol, response, chunk);
            Failure f = failureResultOf(d, ResponseFailed.class);
            assertTrue(transport.disconnected(), "a broken response aborts the connection");
            assertTrue(quiescent.isEmpty());
            return f;
        }

        private String reason(Failure f) {
            Throwable t = ((ResponseFailed) f.value()).reasons().get(0).value();
            assertInstanceOf(ParseError.class, t);
            return t.getMessage();
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 3, 4096})
        void aBadStatusLineNamesItAndThePeer(int chunk) {
            String m = reason(fail("XYZ\r\n\r\n", chunk));
            assertTrue(m.contains("bad status line") && m.contains("'XYZ'") && m.contains("192.168.1.1:54321"), m);
        }

        @Test
        void aNonNumericStatusCode() {
            assertTrue(reason(fail("HTTP/1.1 2x0 OK\r\n\r\n", 100)).contains("bad status code '2x0'"));
        }

        @Test // Twisted: HTTPClientParserTests.test_parseVersion (bad versions)
        void aBadVersion() {
            assertTrue(reason(fail("ICY 200 OK\r\n\r\n", 100)).contains("bad version 'ICY'"));
        }

        @Test
        void aHeaderLineWithoutColon() {
            assertTrue(reason(fail("HTTP/1.1 200 OK\r\nnocolon\r\n\r\n", 2)).contains("'nocolon'"));
        }

        @Test
        void aContinuationLineFirst() {
            assertTrue(reason(fail("HTTP/1.1 200 OK\r\n folded\r\n\r\n", 100)).contains("continuation"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "-1", "1.5", "99999999999999999999"})
        void anInvalidContentLength(String value) {
            String m = reason(fail("HTTP/1.1 200 OK\r\nContent-Length: " + value + "\r\n\r\n", 100));
            assertTrue(m.contains("invalid Content-Length") && m.contains(value), m);
        }

        @Test
        void conflictingContentLengths() {
            String m = reason(fail("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 100));
            assertTrue(m.contains("conflicting Content-Length"), m);
        }

        @Test
        void anUnsupportedTransferEncoding() {
            assertTrue(reason(fail("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", 100)).contains("'gzip'"));
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 5, 4096})
        void oversizedHeadersAreRefused(int chunk) {
            String big = "X-Big: " + "a".repeat(HTTPClientParser.MAX_HEADER_SIZE) + "\r\n";
            String m = reason(fail("HTTP/1.1 200 OK\r\n" + big + "\r\n", chunk));
            assertTrue(m.contains("exceeds 65536 bytes"), m);
        }

        private Failure bodyFailure(String response, int chunk) {
            Deferred<IResponse> d = protocol.request(request("GET", true));
            AccumulatingProtocol body = new AccumulatingProtocol();
            d.addCallback(r -> {
                r.deliverBody(body);
                return r;
            });
            Chunks.feed(protocol, response, chunk);
            successResultOf(d);
            assertTrue(transport.disconnected());
            Failure reason = body.closedReason();
            assertInstanceOf(ResponseFailed.class, reason.value());
            return ((ResponseFailed) reason.value()).reasons().get(0);
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 3, 4096})
        void aBadChunkSize(int chunk) {
            Failure f = bodyFailure("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\nzz\r\n", chunk);
            assertTrue(f.value().getMessage().contains("bad chunk size line") && f.value().getMessage().contains("'zz'"),
                    f.value().getMessage());
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 4096})
        void chunkDataNotFollowedByCRLF(int chunk) {
            Failure f = bodyFailure("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcdef\r\n", chunk);
            assertTrue(f.value().getMessage().contains("not followed by CRLF"), f.value().getMessage());
        }

        @Test
        void anOverlongChunkSizeLine() {
            Failure f = bodyFailure("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + "0".repeat(2000) + "\r\n", 100);
            assertTrue(f.value().getMessage().contains("exceeds 1024"), f.value().getMessage());
        }
    }

    @Nested
    class Persistence {
        @Test
        void connectionCloseClosesAfterTheResponse() {
            AccumulatingProtocol body = fetch("GET", true, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", 100);
            assertTrue(quiescent.isEmpty());
            assertTrue(transport.disconnecting());
            assertInstanceOf(ResponseDone.class, body.closedReason().value());
        }

        @Test
        void http10ClosesUnlessKeepAlive() {
            fetch("GET", true, "HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx", 100);
            assertTrue(quiescent.isEmpty());
            assertTrue(transport.disconnecting());
        }

        @Test
        void http10WithKeepAliveStaysOpen() {
            fetch("GET", true, "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 1\r\n\r\nx", 100);
            assertEquals(List.of(protocol), quiescent);
            assertFalse(transport.disconnecting());
            assertEquals(HTTP11ClientProtocol.State.QUIESCENT, protocol.state());
        }

        @Test
        void aNonPersistentRequestClosesAfterTheResponse() {
            fetch("GET", false, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", 100);
            assertTrue(quiescent.isEmpty());
            assertTrue(transport.disconnecting());
        }

        @Test
        void bytesAfterTheResponseCloseTheConnection() {
            fetch("GET", true, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxHTTP/1.1 200 OK\r\n", 4096);
            assertTrue(quiescent.isEmpty());
            assertTrue(transport.disconnecting());
        }

        @Test
        void chunkedWithContentLengthIsReadChunkedAndNotReused() {
            AccumulatingProtocol body = fetch("GET", true,
                    "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n", 100);
            assertEquals("x", body.dataString());
            assertTrue(quiescent.isEmpty());
        }

        @Test
        void aReusedConnectionTakesTheNextRequest() {
            fetch("GET", true, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", 100);
            transport.clear();
            AccumulatingProtocol body = fetch("GET", true, "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nyz", 1);
            assertEquals("GET /foo HTTP/1.1\r\nHost: example.com\r\n\r\n", transport.valueString());
            assertEquals(201, last.code());
            assertEquals("yz", body.dataString());
        }

        @Test
        void unsolicitedBytesCloseAnIdleConnection() {
            fetch("GET", true, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", 100);
            protocol.dataReceived("junk".getBytes());
            assertTrue(transport.disconnected());
        }
    }

    @Nested
    class LostAndCancelled {
        @Test // Twisted: HTTP11ClientProtocolTests.test_connectionLostBeforeBody... (ResponseNeverReceived)
        void lostBeforeAnyResponseByteIsResponseNeverReceived() {
            Deferred<IResponse> d = protocol.request(request("GET", true));
            protocol.connectionLost(new Failure(new ConnectionDone("closed")));
            Failure f = failureResultOf(d, ResponseNeverReceived.class);
            assertInstanceOf(ConnectionDone.class, ((ResponseFailed) f.value()).reasons().get(0).value());
        }

        @Test
        void lostInTheHeadersIsResponseFailed() {
            Deferred<IResponse> d = protocol.request(request("GET", true));
            Chunks.feed(protocol, "HTTP/1.1 200 OK\r\nContent-", 100);
            protocol.connectionLost(new Failure(new ConnectionLost("reset")));
            Failure f = failureResultOf(d, ResponseFailed.class);
            assertFalse(f.value() instanceof ResponseNeverReceived);
        }

        @Test // Twisted: test_connectionLostDuringBody... (_DataLoss)
        void lostInTheBodyFailsTheBodyProtocol() {
            AccumulatingProtocol body = fetch("GET", true, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n01234", 100);
            protocol.connectionLost(new Failure(new ConnectionLost("reset")));
            assertEquals("01234", body.dataString());
            ResponseFailed rf = assertInstanceOf(ResponseFailed.class, body.closedReason().value());
            assertInstanceOf(ConnectionLost.class, rf.reasons().get(0).value());
            assertTrue(rf.reasons().get(1).value().getMessage().contains("cut short after 5 of 10 bytes"),
                    rf.getMessage());
        }

        @Test // Twisted: HTTP11ClientProtocolTests.test_connectionLostDuringRequestGeneration
        void lostWhileSendingIsRequestTransmissionFailed() {
            ControlledProducer body = new ControlledProducer(10);
            Deferred<IResponse> d = protocol.request(request("POST", body));
            protocol.connectionLost(new Failure(new ConnectionLost("reset")));
            failureResultOf(d, RequestTransmissionFailed.class);
            assertTrue(body.stopped);
            assertEquals(HTTP11ClientProtocol.State.CONNECTION_LOST, protocol.state());
        }

        @Test // Twisted: HTTP11ClientProtocolTests.test_cancelBeforeResponse
        void cancellingBeforeTheResponseAbortsTheConnection() {
            Deferred<IResponse> d = protocol.request(request("GET", true));
            d.cancel();
            Failure f = failureResultOf(d, ResponseNeverReceived.class);
            assertInstanceOf(CancelledError.class, ((ResponseFailed) f.value()).reasons().get(0).value());
            assertTrue(transport.disconnected());
            protocol.connectionLost(new Failure(new ConnectionLost("aborted")));
            assertEquals(HTTP11ClientProtocol.State.CONNECTION_LOST, protocol.state());
        }

        @Test // Twisted: HTTP11ClientProtocolTests.test_cancelDuringResponse
        void cancellingDuringTheHeadersIsResponseFailed() {
            Deferred<IResponse> d = protocol.request(request("GET", true));
            Chunks.feed(protocol, "HTTP/1.1 200 OK\r\n", 100);
            d.cancel();
            Failure f = failureResultOf(d, ResponseFailed.class);
            assertInstanceOf(CancelledError.class, ((ResponseFailed) f.value()).reasons().get(0).value());
        }

        @Test // Twisted: HTTP11ClientProtocolTests.test_cancelWhileProducing
        void cancellingWhileSendingTheBodyStopsTheProducer() {
            ControlledProducer body = new ControlledProducer(10);
            Deferred<IResponse> d = protocol.request(request("POST", body));
            d.cancel();
            Failure f = failureResultOf(d, RequestGenerationFailed.class);
            assertInstanceOf(CancelledError.class, ((RequestGenerationFailed) f.value()).reasons().get(0).value());
            assertTrue(body.stopped);
            assertTrue(transport.disconnected());
        }

        @Test
        void aResponseBeforeTheWholeBodyIsSentIsDeliveredAndTheConnectionCloses() {
            ControlledProducer body = new ControlledProducer(10);
            Deferred<IResponse> d = protocol.request(request("POST", body));
            Chunks.feed(protocol, "HTTP/1.1 413 Too Large\r\nContent-Length: 0\r\n\r\n", 100);
            assertEquals(413, successResultOf(d).code());
            assertTrue(transport.disconnecting());
            assertTrue(quiescent.isEmpty());
        }

        @Test // Twisted: HTTP11ClientProtocolTests.test_abortClosesConnection
        void abortClosesAndFailsTheOutstandingRequest() {
            Deferred<IResponse> d = protocol.request(request("GET", true));
            Deferred<Void> aborted = protocol.abort();
            assertTrue(transport.disconnecting());
            assertNoResult(aborted);
            protocol.connectionLost(new Failure(new ConnectionDone("closed")));
            successResultOf(aborted);
            Failure f = failureResultOf(d, ResponseNeverReceived.class);
            assertInstanceOf(dev.jtwisted.internet.ConnectionAborted.class,
                    ((ResponseFailed) f.value()).reasons().get(0).value());
        }
    }

    @Nested
    class ReadBody {
        @Test
        void readBodyCollectsTheWholeBody() {
            Deferred<IResponse> d = protocol.request(request("GET", true));
            Deferred<byte[]> body = d.addCallbackDeferring(Client::readBody);
            Chunks.feed(protocol, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 2);
            assertEquals("hello", ascii(successResultOf(body)));
        }

        @Test // Twisted: ReadBodyTests.test_withPotentialDataLoss
        void aCloseDelimitedBodyIsAPartialDownloadWithItsBytes() {
            Deferred<byte[]> body = protocol.request(request("GET", true)).addCallbackDeferring(Client::readBody);
            Chunks.feed(protocol, "HTTP/1.0 200 OK\r\n\r\nhello", 3);
            protocol.connectionLost(new Failure(new ConnectionDone("closed")));
            PartialDownloadError e = (PartialDownloadError) failureResultOf(body, PartialDownloadError.class).value();
            assertEquals("hello", ascii(e.response()));
            assertEquals(200, e.code());
            assertInstanceOf(PotentialDataLoss.class, e.getCause());
        }

        @Test
        void aBodyCutShortIsAPartialDownloadCausedByResponseFailed() {
            Deferred<byte[]> body = protocol.request(request("GET", true)).addCallbackDeferring(Client::readBody);
            Chunks.feed(protocol, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhel", 3);
            protocol.connectionLost(new Failure(new ConnectionLost("reset")));
            PartialDownloadError e = (PartialDownloadError) failureResultOf(body, PartialDownloadError.class).value();
            assertEquals("hel", ascii(e.response()));
            assertInstanceOf(ResponseFailed.class, e.getCause());
        }

        @Test // Twisted: ReadBodyTests.test_cancel
        void cancellingReadBodyAbortsTheConnection() {
            Deferred<IResponse> d = protocol.request(request("GET", true));
            Chunks.feed(protocol, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhel", 3);
            Deferred<byte[]> body = Client.readBody(successResultOf(d));
            body.cancel();
            failureResultOf(body, CancelledError.class);
            assertTrue(transport.disconnected());
            protocol.connectionLost(new Failure(new ConnectionLost("aborted")));
        }
    }

    /** A body producer the test drives by hand. */
    static final class ControlledProducer implements IBodyProducer {
        final long length;
        IConsumer consumer;
        final Deferred<Void> finished = new Deferred<>();
        boolean stopped;
        boolean paused;

        ControlledProducer(long length) {
            this.length = length;
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public Deferred<Void> startProducing(IConsumer consumer) {
            this.consumer = consumer;
            return finished;
        }

        @Override
        public void pauseProducing() {
            paused = true;
        }

        @Override
        public void resumeProducing() {
            paused = false;
        }

        @Override
        public void stopProducing() {
            stopped = true;
        }
    }
}
