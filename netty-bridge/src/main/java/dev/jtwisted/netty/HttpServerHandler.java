package dev.jtwisted.netty;

import dev.jtwisted.web.http.HTTPChannel;
import dev.jtwisted.web.http.Http;
import dev.jtwisted.web.http_headers.Headers;
import dev.jtwisted.web.internal.ResponseSink;
import dev.jtwisted.web.internal.ServerConnection;
import dev.jtwisted.web.server.Site;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP bridge of one server connection: between Netty's HTTP codec and the connection's
 * {@link ServerConnection} (which holds the request/response logic, in twisted-api). Reads
 * become whole requests (head and body, within the site's limits), and responses become Netty
 * response objects, written through the connection's {@link ChannelTransport} so that they are
 * flushed once per read batch or reactor turn, like any protocol's writes. Not API.
 *
 * <p>Pipeline: {@code HttpRequestDecoder}, {@code HttpResponseEncoder}, this handler, then the
 * {@link ProtocolHandler}, which sees only the channel's events (read complete, end of input,
 * writability, inactive), never bytes. The decoder and encoder are used as a pair rather than as
 * {@code HttpServerCodec}, whose only extra is tracking HEAD requests for the encoder: the
 * request logic already sends no body for HEAD.
 *
 * <p>Requests are handed over one at a time: messages arriving while a response is pending
 * (pipelining) wait here, and reading pauses until it is finished, as Twisted's channel does, so
 * responses leave in request order. A bad request, or one over a limit, is answered (400, 413,
 * 414, 431, 505) and the connection closed after a short drain of what the client is still
 * sending, so that the client reads the answer rather than a reset.
 *
 * <p>Threads: the channel's event loop.
 */
final class HttpServerHandler extends ChannelInboundHandlerAdapter implements ResponseSink {
    private static final Logger log = LoggerFactory.getLogger(HttpServerHandler.class);
    /** How long a rejected client may keep sending before the connection is closed regardless. */
    static final long LINGER_MILLIS = 2000;
    private static final byte[] EMPTY = new byte[0];
    /** The most memory a request body gets before its bytes arrive. */
    private static final int INITIAL_BODY = 64 * 1024;
    /** Response headers are Twisted's {@code Headers}, sanitised already: no validation twice. */
    private static final DefaultHttpHeadersFactory RESPONSE_HEADERS =
            DefaultHttpHeadersFactory.headersFactory().withValidation(false);
    /** The status of each code with Twisted's reason phrase, made once. */
    private static final HttpResponseStatus[] STATUS = new HttpResponseStatus[600];

    static {
        for (Map.Entry<Integer, String> e : Http.RESPONSES.entrySet()) {
            STATUS[e.getKey()] = new HttpResponseStatus(e.getKey(), e.getValue());
        }
    }

    private final ChannelTransport transport;
    private final HttpRequestDecoder decoder;
    private final long maxBody;
    private final long idleNanos;
    private ChannelHandlerContext ctx;
    private ServerConnection connection;

    /** Messages that arrived while a response was pending, in order. */
    private final ArrayDeque<Object> queued = new ArrayDeque<>();
    private boolean draining;
    /** Reading was paused (through the transport) because messages are queued. */
    private boolean pausedReading;

    /** The request whose body is being read; null between requests. */
    private HttpRequest head;
    private byte[] body;
    private int bodyLength;
    /** The most the body can grow to: its declared length, or the limit. */
    private long bodyCapacity;
    /** A response has been answered with an error: everything read from now on is dropped. */
    private boolean rejected;
    /** The current response was begun with {@link #writeHead} and needs its end. */
    private boolean responseOpen;

    private long lastActivity = System.nanoTime();
    private ScheduledFuture<?> idleCheck;
    private ScheduledFuture<?> lingerTimer;

    private HttpServerHandler(ChannelTransport transport, Site site) {
        this.transport = transport;
        this.maxBody = Math.min(site.maxRequestBodySize(), Integer.MAX_VALUE - 8); // bodies are arrays
        this.idleNanos = site.timeOut() > 0 ? (long) (site.timeOut() * 1e9) : 0;
        this.decoder = new HttpRequestDecoder(new HttpDecoderConfig()
                .setMaxInitialLineLength(site.maxRequestLineLength())
                .setMaxHeaderSize(site.totalHeadersSize())
                .setMaxChunkSize(64 * 1024));
    }

    /**
     * Puts the HTTP codec and a handler in front of {@code transport}'s protocol handler, and
     * drives {@code channel} from them. Called once the channel is active, before
     * {@code makeConnection}.
     */
    static void install(ChannelTransport transport, HTTPChannel channel) {
        HttpServerHandler handler = new HttpServerHandler(transport, channel.site());
        ChannelPipeline pipeline = transport.channel.pipeline();
        String protocolHandler = pipeline.context(ProtocolHandler.class).name();
        pipeline.addBefore(protocolHandler, "http-decoder", handler.decoder);
        pipeline.addBefore(protocolHandler, "http-encoder", new HttpResponseEncoder());
        pipeline.addBefore(protocolHandler, "http-server", handler);
        handler.connection = new ServerConnection(channel, handler);
        handler.scheduleIdleCheck(handler.idleNanos);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    // ------------------------------------------------------------------ reading

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        transport.readBatchStarted();
        lastActivity = System.nanoTime();
        if (rejected || transport.disconnecting()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (connection.busy() || !queued.isEmpty()) {
            queued.add(msg);
            if (!pausedReading) {
                pausedReading = true;
                transport.pauseProducing();
            }
            return;
        }
        handle(msg);
    }

    /** Takes one message from the codec; only when no response is pending. */
    private void handle(Object msg) {
        try {
            if (msg instanceof HttpRequest) {
                startRequest((HttpRequest) msg);
            }
            if (msg instanceof HttpContent) {
                content((HttpContent) msg);
            } else if (!(msg instanceof HttpRequest)) {
                log.debug("{} dropped a {} after the decoder left", this, msg.getClass().getSimpleName());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void startRequest(HttpRequest request) {
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            Throwable cause = result.cause();
            if (cause instanceof TooLongHttpLineException) {
                reject(Http.REQUEST_URI_TOO_LONG, "request line longer than " + decoderLimit("line"));
            } else if (cause instanceof TooLongHttpHeaderException) {
                reject(Http.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers larger than " + decoderLimit("headers"));
            } else {
                reject(Http.BAD_REQUEST, String.valueOf(cause));
            }
            return;
        }
        HttpVersion version = request.protocolVersion();
        if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
            reject(Http.HTTP_VERSION_NOT_SUPPORTED, "version " + version);
            return;
        }
        HttpHeaders headers = request.headers();
        String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        long declared = -1;
        if (length != null) {
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                reject(Http.BAD_REQUEST, "Content-Length " + length);
                return;
            }
            if (declared > maxBody) {
                reject(Http.REQUEST_ENTITY_TOO_LARGE, "body of " + declared + " bytes exceeds the limit ("
                        + maxBody + ")");
                return;
            }
        }
        head = request;
        // Grown as bytes arrive, never ahead of them: a declared length is only a promise.
        body = declared > 0 ? new byte[(int) Math.min(declared, INITIAL_BODY)] : EMPTY;
        bodyCapacity = declared >= 0 ? declared : maxBody;
        bodyLength = 0;
        if (version == HttpVersion.HTTP_1_1 && declared != 0 && expectsContinue(headers)) {
            // Twisted: HTTPChannel._send100Continue. Only now, at the head of the line, so it
            // can never fall into the middle of an earlier response.
            transport.writeMessage(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER, RESPONSE_HEADERS.newHeaders(), EmptyHttpHeaders.INSTANCE));
        }
    }

    private static boolean expectsContinue(HttpHeaders headers) {
        String expect = headers.get(HttpHeaderNames.EXPECT);
        return expect != null && expect.trim().equalsIgnoreCase("100-continue");
    }

    private void content(HttpContent content) {
        if (head == null) {
            return; // what follows a rejected or failed head
        }
        if (content.decoderResult().isFailure()) {
            reject(Http.BAD_REQUEST, String.valueOf(content.decoderResult().cause()));
            return;
        }
        ByteBuf data = content.content();
        int n = data.readableBytes();
        if (n > 0) {
            if (bodyLength + (long) n > maxBody) {
                reject(Http.REQUEST_ENTITY_TOO_LARGE, "body exceeds the limit (" + maxBody + ")");
                return;
            }
            if (bodyLength + n > body.length) {
                long size = Math.max(bodyLength + (long) n, Math.min(bodyCapacity, body.length * 2L));
                byte[] grown = new byte[(int) size];
                System.arraycopy(body, 0, grown, 0, bodyLength);
                body = grown;
            }
            data.getBytes(data.readerIndex(), body, bodyLength, n);
            bodyLength += n;
        }
        if (content instanceof LastHttpContent) {
            HttpRequest request = head;
            byte[] whole = bodyLength == body.length ? body : java.util.Arrays.copyOf(body, bodyLength);
            head = null;
            body = null;
            connection.requestReceived(request.method().name(), request.uri(), request.protocolVersion().text(),
                    headersOf(request.headers()), whole);
        }
    }

    private static Headers headersOf(HttpHeaders nettyHeaders) {
        Headers headers = new Headers();
        for (Map.Entry<String, String> e : nettyHeaders) {
            headers.addRawHeader(e.getKey(), e.getValue());
        }
        return headers;
    }

    private String decoderLimit(String which) {
        return which.equals("line") ? "the limit (" + connection.site().maxRequestLineLength() + " bytes)"
                : "the limit (" + connection.site().totalHeadersSize() + " bytes)";
    }

    /**
     * Answers the request being read with {@code code} and closes: output is shut down after the
     * answer, then input is read and dropped for up to {@link #LINGER_MILLIS} (so a client still
     * sending its body reads the answer instead of a reset), then the connection is closed.
     */
    private void reject(int code, String why) {
        head = null;
        body = null;
        rejected = true;
        releaseQueued();
        if (ctx.pipeline().get(HttpRequestDecoder.class) != null) {
            ctx.pipeline().remove(decoder); // its buffered bytes come here as a ByteBuf, dropped
        }
        connection.badRequest(code, why);
    }

    // ------------------------------------------------------------------ writing (ResponseSink)

    @Override
    public void writeHead(String version, int code, String reason, Headers headers) {
        DefaultHttpResponse response = new DefaultHttpResponse(version(version), status(code, reason), RESPONSE_HEADERS);
        copy(headers, response.headers());
        responseOpen = true;
        transport.writeMessage(response);
    }

    @Override
    public void writeBody(byte[] data) {
        transport.writeMessage(new DefaultHttpContent(Unpooled.wrappedBuffer(data)));
    }

    @Override
    public void writeResponse(String version, int code, String reason, Headers headers, byte[] data) {
        HttpHeaders nettyHeaders = RESPONSE_HEADERS.newHeaders();
        copy(headers, nettyHeaders);
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(version(version), status(code, reason),
                data.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(data), nettyHeaders,
                EmptyHttpHeaders.INSTANCE);
        responseOpen = false;
        transport.writeMessage(response);
    }

    @Override
    public void finishResponse(boolean persistent) {
        if (responseOpen) {
            responseOpen = false;
            transport.writeMessage(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        if (rejected) {
            linger();
            return;
        }
        if (!persistent) {
            releaseQueued();
            transport.loseConnection();
            return;
        }
        lastActivity = System.nanoTime();
        if (!draining) {
            drain();
        }
    }

    /** Hands over queued messages until one makes a response pending; then reads again if all went. */
    private void drain() {
        draining = true;
        try {
            Object msg;
            while (!connection.busy() && !rejected && !transport.disconnecting() && (msg = queued.poll()) != null) {
                handle(msg);
            }
        } finally {
            draining = false;
        }
        if (queued.isEmpty() && pausedReading && !rejected) {
            pausedReading = false;
            transport.resumeProducing();
        }
    }

    private void linger() {
        transport.loseWriteConnection();
        if (pausedReading) {
            pausedReading = false;
            transport.resumeProducing();
        }
        lingerTimer = transport.loop.schedule(transport::loseConnection, LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static HttpVersion version(String version) {
        return version.equals("HTTP/1.0") ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
    }

    private static HttpResponseStatus status(int code, String reason) {
        HttpResponseStatus cached = code >= 0 && code < STATUS.length ? STATUS[code] : null;
        if (cached != null && cached.reasonPhrase().equals(reason)) {
            return cached;
        }
        return new HttpResponseStatus(code, reason.replace('\r', ' ').replace('\n', ' '));
    }

    private static void copy(Headers from, HttpHeaders to) {
        from.forEachRawHeader(to::add);
    }

    // ------------------------------------------------------------------ idle time and the end

    private void scheduleIdleCheck(long delayNanos) {
        if (idleNanos > 0 && !transport.disconnected()) {
            idleCheck = transport.loop.schedule(this::checkIdle, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Twisted: {@code HTTPChannel.timeoutConnection}; the timeout is off while a request is handled. */
    private void checkIdle() {
        if (transport.disconnecting()) {
            return;
        }
        long idle = System.nanoTime() - lastActivity;
        if (connection.busy() || idle < idleNanos) {
            scheduleIdleCheck(connection.busy() ? idleNanos : idleNanos - idle);
            return;
        }
        log.info("Timing out client: {}", transport.getPeer());
        transport.loseConnection();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseQueued();
        body = null;
        head = null;
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
        if (lingerTimer != null) {
            lingerTimer.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    private void releaseQueued() {
        Object msg;
        while ((msg = queued.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public String toString() {
        return "HttpServerHandler(" + transport.getPeer() + ")";
    }
}
