package dev.jtwisted.web.client;

import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.web.http_headers.Headers;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A response from an {@link Agent}: status and headers, and the body, which waits for
 * {@link #deliverBody}. Made by the client only.
 *
 * <p>Threads: the reactor thread of its connection.
 *
 * <p>Twisted: {@code twisted.web._newclient.Response}.
 */
public final class Response implements IResponse {
    private static final Logger log = LoggerFactory.getLogger(Response.class);

    private enum State { INITIAL, CONNECTED, DEFERRED_CLOSE, FINISHED }

    private final String version;
    private final int code;
    private final String phrase;
    private final Headers headers;
    private final BodyTransport transport;
    private final IClientRequest request;
    long length = UNKNOWN_LENGTH;
    private IResponse previousResponse;

    private State state = State.INITIAL;
    private List<byte[]> bodyBuffer = new ArrayList<>();
    private IProtocol bodyProtocol;
    private Failure reason;

    Response(String version, int code, String phrase, Headers headers, BodyTransport transport,
            IClientRequest request) {
        this.version = version;
        this.code = code;
        this.phrase = phrase;
        this.headers = headers;
        this.transport = transport;
        this.request = request;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public String phrase() {
        return phrase;
    }

    @Override
    public Headers headers() {
        return headers;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public IClientRequest request() {
        return request;
    }

    @Override
    public IResponse previousResponse() {
        return previousResponse;
    }

    @Override
    public void setPreviousResponse(IResponse previousResponse) {
        this.previousResponse = previousResponse;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Body bytes that came before this call are delivered at once, in order; if the body is
     * already over, {@code connectionLost} follows at once too.
     */
    @Override
    public void deliverBody(IProtocol protocol) {
        Objects.requireNonNull(protocol, "protocol");
        switch (state) {
            case INITIAL -> {
                protocol.makeConnection(transport);
                bodyProtocol = protocol;
                List<byte[]> buffered = bodyBuffer;
                bodyBuffer = null;
                state = State.CONNECTED;
                for (byte[] data : buffered) {
                    protocol.dataReceived(data);
                }
                // The parser paused the connection until somebody wanted the body.
                transport.resumeProducing();
            }
            case DEFERRED_CLOSE -> {
                state = State.FINISHED;
                protocol.makeConnection(transport);
                List<byte[]> buffered = bodyBuffer;
                bodyBuffer = null;
                for (byte[] data : buffered) {
                    protocol.dataReceived(data);
                }
                protocol.connectionLost(reason);
            }
            case CONNECTED -> throw new IllegalStateException(
                    "Response already has protocol " + bodyProtocol + ", cannot deliverBody again to " + protocol);
            case FINISHED -> throw new IllegalStateException(
                    "Response already finished, cannot deliverBody now to " + protocol);
        }
    }

    /** Body bytes, a view valid during the call. Twisted: {@code _bodyDataReceived}. */
    void bodyDataReceived(ByteBuffer data) {
        switch (state) {
            case INITIAL -> {
                byte[] copy = new byte[data.remaining()];
                data.get(copy);
                bodyBuffer.add(copy);
            }
            case CONNECTED -> bodyProtocol.dataReceived(data);
            default -> throw new IllegalStateException("body data after the end of " + this);
        }
    }

    /**
     * The body is over: {@code reason} is null when it is whole, else a {@link PotentialDataLoss}
     * or {@link ResponseFailed} failure. Twisted: {@code _bodyDataFinished}.
     */
    void bodyDataFinished(Failure reason) {
        Failure r = reason != null ? reason : new Failure(new ResponseDone("Response body fully received"));
        switch (state) {
            case INITIAL -> {
                state = State.DEFERRED_CLOSE;
                this.reason = r;
            }
            case CONNECTED -> {
                state = State.FINISHED;
                IProtocol p = bodyProtocol;
                bodyProtocol = null;
                try {
                    p.connectionLost(r);
                } catch (Throwable t) {
                    log.error("{}.connectionLost raised for the body of {}", p, this, t);
                }
            }
            default -> log.error("BUG: {}'s body finished twice; the second time with {}", this, r);
        }
    }

    @Override
    public String toString() {
        return "Response(" + version + " " + code + " " + phrase + ", " + request + ")";
    }
}
