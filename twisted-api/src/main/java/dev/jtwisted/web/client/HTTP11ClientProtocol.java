package dev.jtwisted.web.client;

import dev.jtwisted.internet.ConnectionAborted;
import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.defer.CancelledError;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one HTTP/1.1 connection: sends a request, parses its response, and then
 * either becomes idle again (telling its pool, which may reuse it) or closes. One request at a
 * time; no pipelining. Written against {@link dev.jtwisted.internet.ITransport} only, so it runs
 * over TCP, TLS, UNIX sockets and in-memory transports alike. Not API.
 *
 * <p>Threads: the connection's reactor thread.
 *
 * <p>Twisted: {@code twisted.web._newclient.HTTP11ClientProtocol}.
 */
final class HTTP11ClientProtocol extends Protocol implements RequestSender {
    private static final Logger log = LoggerFactory.getLogger(HTTP11ClientProtocol.class);

    /** Where the connection is. Twisted: {@code HTTP11ClientProtocol.state}. */
    enum State {
        /** Idle: no request is being sent or answered. */
        QUIESCENT,
        /** A request is being written. */
        TRANSMITTING,
        /** The whole response came before the whole request was written. */
        TRANSMITTING_AFTER_RECEIVING_RESPONSE,
        /** Writing the request failed; the connection is being aborted. */
        GENERATION_FAILED,
        /** The request is written; the response is awaited or being read. */
        WAITING,
        /** {@link #abort()} was called. */
        ABORTING,
        /** The connection is gone. */
        CONNECTION_LOST
    }

    private final Consumer<HTTP11ClientProtocol> quiescentCallback;
    private State state = State.QUIESCENT;
    private HTTPClientParser parser;
    private ClientRequest currentRequest;
    private Deferred<IResponse> finishedRequest;
    private Deferred<Void> requestDeferred;
    private Deferred<Response> responseDeferred;
    private BodyTransport transportProxy;
    private final List<Deferred<Void>> abortDeferreds = new ArrayList<>();

    /** @param quiescentCallback told (on the reactor thread) each time the connection is idle and reusable */
    HTTP11ClientProtocol(Consumer<HTTP11ClientProtocol> quiescentCallback) {
        this.quiescentCallback = quiescentCallback;
    }

    HTTP11ClientProtocol() {
        this(p -> {});
    }

    State state() {
        return state;
    }

    /**
     * Sends {@code request}. The Deferred fires with the response once the request is written
     * and the response's headers are in. It fails with {@link RequestNotSent} if the connection
     * is busy or closed, {@link RequestGenerationFailed} if the body could not be produced,
     * {@link RequestTransmissionFailed} if the connection was lost while sending, and
     * {@link ResponseFailed} or {@link ResponseNeverReceived} if the response did not arrive
     * whole. Cancelling it aborts the connection.
     *
     * <p>Twisted: {@code HTTP11ClientProtocol.request}.
     */
    @Override
    public Deferred<IResponse> request(ClientRequest request) {
        if (state != State.QUIESCENT) {
            return Defer.fail(new RequestNotSent("the connection to " + where() + " cannot take " + request
                    + ": it is " + state));
        }
        state = State.TRANSMITTING;
        currentRequest = request;
        finishedRequest = new Deferred<>(this::cancelRequest);
        Deferred<IResponse> finished = finishedRequest;
        // The parser is ready before the first byte goes out: an in-memory peer may answer at once.
        transportProxy = new BodyTransport(transport);
        parser = new HTTPClientParser(request, transportProxy, this::finishResponse);
        responseDeferred = parser.responseDeferred;
        Deferred<Void> written;
        try {
            written = request.writeTo(transport);
        } catch (Throwable t) {
            written = Defer.fail(t);
        }
        requestDeferred = written;
        written.addCallbacks(ignored -> {
            if (state == State.TRANSMITTING) {
                state = State.WAITING;
                responseDeferred.chainDeferred(finishedRequest);
            }
            return null;
        }, f -> {
            if (state == State.TRANSMITTING) {
                state = State.GENERATION_FAILED;
                transport.abortConnection();
                Deferred<IResponse> d = finishedRequest;
                disconnectParserQuietly();
                d.errback(new RequestGenerationFailed(List.of(f)));
            } else {
                log.error("Writing {} to {} failed in state {}", request, where(), state, f.value());
            }
            return null;
        });
        return finished;
    }

    private void cancelRequest(Deferred<IResponse> d) {
        if (state == State.TRANSMITTING || state == State.TRANSMITTING_AFTER_RECEIVING_RESPONSE) {
            ClientRequest request = currentRequest;
            requestDeferred.cancel();
            // A producer whose Deferred has no canceller is stopped all the same.
            if (request != null) {
                request.stopWriting();
            }
        } else {
            transport.abortConnection();
            disconnectParser(new Failure(new CancelledError("the request " + currentRequest + " was cancelled")));
        }
    }

    /** The parser read the whole response. Twisted: {@code _finishResponse_WAITING}. */
    private void finishResponse(boolean extraBytes) {
        if (state == State.WAITING) {
            state = State.QUIESCENT;
        } else if (state == State.TRANSMITTING) {
            // The server answered before the request was written: the request goes no further.
            state = State.TRANSMITTING_AFTER_RECEIVING_RESPONSE;
            responseDeferred.chainDeferred(finishedRequest);
        }
        if (parser == null) {
            return;
        }
        Failure reason = new Failure(new ConnectionDone("synthetic!"));
        if (extraBytes || parser.mustClose() || state != State.QUIESCENT || !currentRequest.persistent
                || !responseAllowsPersistence()) {
            giveUp(reason);
        } else {
            // The body may have been paused waiting for deliverBody; the next response needs reading.
            if (!transport.disconnecting()) {
                transport.resumeProducing();
            }
            try {
                quiescentCallback.accept(this);
            } catch (Throwable t) {
                // Keeping connections open is an optimisation: close this one and go on.
                log.error("The quiescent callback for {} raised; closing the connection", this, t);
                transport.loseConnection();
            }
            disconnectParser(reason);
        }
    }

    /** HTTP/1.1 unless {@code Connection: close}; HTTP/1.0 only with {@code Connection: keep-alive}. */
    private boolean responseAllowsPersistence() {
        boolean close = false;
        boolean keepAlive = false;
        List<String> values = parser.connHeaders().getRawHeaders("connection");
        if (values != null) {
            for (String value : values) {
                for (String token : value.split(",")) {
                    String t = token.strip().toLowerCase(Locale.ROOT);
                    close |= t.equals("close");
                    keepAlive |= t.equals("keep-alive");
                }
            }
        }
        if (close) {
            return false;
        }
        String version = parser.response().version();
        return version.equals("HTTP/1.0") ? keepAlive : !version.startsWith("HTTP/0.");
    }

    private void disconnectParser(Failure reason) {
        if (parser != null) {
            HTTPClientParser p = parser;
            parser = null;
            currentRequest = null;
            finishedRequest = null;
            responseDeferred = null;
            transportProxy.stopProxying();
            transportProxy = null;
            p.connectionLost(reason);
        }
    }

    /** Forgets the parser without telling it: the request's Deferred is failed another way. */
    private void disconnectParserQuietly() {
        if (parser != null) {
            parser = null;
            finishedRequest = null;
            responseDeferred = null;
            transportProxy.stopProxying();
            transportProxy = null;
        }
    }

    private void giveUp(Failure reason) {
        transport.loseConnection();
        disconnectParser(reason);
    }

    @Override
    public void dataReceived(byte[] data) {
        dataReceived(ByteBuffer.wrap(data));
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (parser == null) {
            if (state == State.QUIESCENT || state == State.TRANSMITTING_AFTER_RECEIVING_RESPONSE) {
                log.info("{} sent {} bytes nobody asked for; closing the connection", where(), data.remaining());
                transport.abortConnection();
            }
            return;
        }
        try {
            parser.dataReceived(data);
        } catch (Throwable t) {
            // A broken response: this connection is never reused.
            if (!(t instanceof ParseError)) {
                log.error("Handling the response from {} to {} raised; closing the connection", where(),
                        currentRequest, t);
            }
            transport.abortConnection();
            if (state == State.TRANSMITTING) {
                state = State.GENERATION_FAILED;
                if (currentRequest != null) {
                    currentRequest.stopWriting();
                }
            }
            if (finishedRequest != null && !finishedRequest.called() && state == State.GENERATION_FAILED) {
                // The request is still being written, so its Deferred is not chained to the parser's yet.
                Deferred<IResponse> d = finishedRequest;
                disconnectParser(new Failure(t));
                if (!d.called()) {
                    d.errback(new ResponseFailed(List.of(new Failure(t))));
                }
            } else {
                disconnectParser(new Failure(t));
            }
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        switch (state) {
            case TRANSMITTING -> {
                state = State.CONNECTION_LOST;
                Deferred<IResponse> d = finishedRequest;
                ClientRequest request = currentRequest;
                disconnectParserQuietly();
                d.errback(new RequestTransmissionFailed(List.of(reason)));
                request.stopWriting();
            }
            case WAITING -> {
                disconnectParser(reason);
                state = State.CONNECTION_LOST;
            }
            case ABORTING -> {
                disconnectParser(new Failure(new ConnectionAborted("the connection to " + where() + " was aborted")));
                state = State.CONNECTION_LOST;
                List<Deferred<Void>> ds = new ArrayList<>(abortDeferreds);
                abortDeferreds.clear();
                for (Deferred<Void> d : ds) {
                    d.callback(null);
                }
            }
            default -> {
                disconnectParser(reason);
                state = State.CONNECTION_LOST;
            }
        }
    }

    /**
     * Closes the connection; an outstanding request fails. The Deferred fires once it is closed.
     * Twisted: {@code HTTP11ClientProtocol.abort}.
     */
    Deferred<Void> abort() {
        if (state == State.CONNECTION_LOST) {
            return Defer.succeed(null);
        }
        transport.loseConnection();
        state = State.ABORTING;
        Deferred<Void> d = new Deferred<>();
        abortDeferreds.add(d);
        return d;
    }

    private String where() {
        return transport == null ? "(not connected)" : HTTPClientParser.describe(transport.getPeer());
    }

    @Override
    public String toString() {
        return "HTTP11ClientProtocol(" + where() + ", " + state + ")";
    }
}
