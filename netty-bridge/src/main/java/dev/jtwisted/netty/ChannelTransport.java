package dev.jtwisted.netty;

import dev.jtwisted.internet.ConnectionAborted;
import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.ConnectionLost;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IHalfCloseableProtocol;
import dev.jtwisted.internet.IHandshakeListener;
import dev.jtwisted.internet.IPAddress;
import dev.jtwisted.internet.IProducer;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.IPullProducer;
import dev.jtwisted.internet.IPushProducer;
import dev.jtwisted.internet.ISSLTransport;
import dev.jtwisted.internet.ITCPTransport;
import dev.jtwisted.internet.ITLSTransport;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.internal.Producers;
import dev.jtwisted.internet.internal.TLSClientDefault;
import dev.jtwisted.internet.ssl.IContextFactory;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.web.http.HTTPChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.SocketChannelConfig;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link ITCPTransport} over one Netty channel, and the state of its connection: the bridge
 * between a Twisted protocol and Netty. {@link ProtocolHandler} feeds it the channel's events.
 *
 * <p>Writes are gathered: bytes written while the channel's read batch is delivered are flushed
 * once when the batch completes, and bytes written at any other time are flushed once at the
 * end of the current event-loop task, so a turn's writes become one flush (one system call).
 *
 * <p>TLS, when the pipeline has an {@code SslHandler} first (from the start, or once
 * {@link #startTLS} puts it there): the protocol sees plaintext, and the handler's events reach
 * it through {@link #onHandshake} and {@link #onException}.
 *
 * <p>Threads: everything runs on the channel's event loop; the {@code ITransport} methods called
 * from another thread are passed to it.
 *
 * <p>Twisted: {@code twisted.internet.tcp.Connection} with {@code abstract.FileDescriptor}.
 */
final class ChannelTransport implements ISSLTransport, ITLSTransport, TLSClientDefault {
    private static final Logger log = LoggerFactory.getLogger(ChannelTransport.class);
    static final String DONE = "Connection was closed cleanly.";
    static final String LOST = "Connection to the other side was lost in a non-clean fashion";
    static final String ABORTED = "Connection was aborted locally, using ITCPTransport.abortConnection.";

    /** Writes up to this size are gathered into one buffer per turn, not sent one by one. */
    static final int GATHER_MAX = 2048;
    static final int GATHER_CAPACITY = 16 * 1024;

    /** Protocol classes that override {@code dataReceived(ByteBuffer)}, so views pay off. */
    private static final ClassValue<Boolean> TAKES_VIEWS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("dataReceived", ByteBuffer.class).getDeclaringClass()
                        != IProtocol.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    final Channel channel;
    /** Written to directly: the same as the channel's own write/flush, minus any wrapper's extras. */
    private final ChannelPipeline pipeline;
    final EventLoop loop;
    private final ConnectionOwner owner;
    /** Succeeds once the connection is lost and everyone has been told. */
    final Promise<Void> lost;

    private IProtocol protocol;
    /** Whether {@code protocol} overrides {@code dataReceived(ByteBuffer)}: it gets views. */
    private boolean takesViews;
    /** During {@link #deliverView}: the read buffer, the view the protocol has, its base. */
    private ByteBuf currentIn;
    private ByteBuffer currentView;
    private int currentViewBase;
    private IAddress peer;
    private IAddress host;

    private boolean connected;
    private boolean disconnecting;
    private boolean disconnected;
    private boolean writeDisconnecting;
    private boolean writeDisconnected;
    private boolean aborted;
    private boolean closing;
    private boolean closedByUs;
    private boolean readEof;
    private Failure lostReason;

    private boolean inReadBatch;
    private boolean needsFlush;
    private boolean flushScheduled;
    private boolean pendingClose;
    private boolean pendingHalfClose;
    private final Runnable endOfTurn = this::endOfTurn;

    private IProducer producer;
    private boolean streamingProducer;
    private boolean producerPaused;
    private ChannelPromise lastPullWrite;
    /** Small writes of this turn, copied together; see {@link #writeArray}. Null when none. */
    private ByteBuf gather;

    private boolean readPaused;
    private ArrayDeque<byte[]> pendingInbound;
    private boolean pendingEof;

    /**
     * The TLS handler, from the start or since {@link #startTLS}; null while in clear. Kept here
     * because the pipeline empties when the channel closes, and {@code connectionLost} may ask.
     */
    private SslHandler tls;

    ChannelTransport(Channel channel, ConnectionOwner owner) {
        this.channel = channel;
        this.pipeline = channel.pipeline();
        this.loop = channel.eventLoop();
        this.owner = owner;
        this.lost = loop.newPromise();
        this.tls = (SslHandler) pipeline.get(Tls.HANDLER_NAME);
    }

    /** The connection's protocol; null before the channel is active. */
    IProtocol protocol() {
        return protocol;
    }

    boolean disconnected() {
        return disconnected;
    }

    // ------------------------------------------------------------------ channel events

    void onActive() {
        peer = Addresses.tcp(channel.remoteAddress());
        host = Addresses.tcp(channel.localAddress());
        IProtocol built;
        Failure buildFailure = null;
        try {
            built = owner.buildProtocol(peer);
        } catch (Throwable t) {
            log.warn("{} raised in buildProtocol for {}; closing the connection", owner, peer, t);
            built = null;
            buildFailure = new Failure(t);
        }
        // As Twisted does for a null protocol: a stand-in that sees the connection close.
        protocol = built != null ? built : new Protocol();
        if (built instanceof HTTPChannel) {
            // HTTP is parsed by Netty's codec in front of the protocol, which gets whole requests.
            HttpServerHandler.install(this, (HTTPChannel) built);
        }
        takesViews = TAKES_VIEWS.get(protocol.getClass());
        connected = true;
        owner.connectionMade(this);
        if (buildFailure != null) {
            lostReason = buildFailure;
            closeChannel();
            return;
        }
        if (built == null) {
            loseConnection();
            return;
        }
        try {
            protocol.makeConnection(this);
        } catch (Throwable t) {
            fail("connectionMade", t);
        }
    }

    void onRead(Object msg) {
        if (!(msg instanceof ByteBuf)) {
            log.warn("{} got a {}, not bytes; dropping it", this, msg.getClass().getName());
            ReferenceCountUtil.release(msg);
            return;
        }
        ByteBuf buf = (ByteBuf) msg;
        try {
            if (protocol == null || disconnecting || disconnected) {
                return;
            }
            inReadBatch = true;
            if (readPaused) {
                if (pendingInbound == null) {
                    pendingInbound = new ArrayDeque<>();
                }
                pendingInbound.add(ByteBufUtil.getBytes(buf));
            } else if (takesViews && buf.nioBufferCount() == 1) {
                deliverView(buf);
            } else {
                deliver(ByteBufUtil.getBytes(buf));
            }
        } finally {
            buf.release();
        }
    }

    /** Hands the protocol a view of {@code buf} itself, which {@link #write(ByteBuffer)} knows. */
    private void deliverView(ByteBuf buf) {
        ByteBuffer view = buf.nioBuffer().asReadOnlyBuffer();
        currentIn = buf;
        currentView = view;
        currentViewBase = view.position();
        try {
            protocol.dataReceived(view);
        } catch (Throwable t) {
            fail("dataReceived", t);
        } finally {
            currentIn = null;
            currentView = null;
        }
    }

    private void deliver(byte[] data) {
        try {
            if (takesViews) {
                protocol.dataReceived(ByteBuffer.wrap(data).asReadOnlyBuffer());
            } else {
                protocol.dataReceived(data);
            }
        } catch (Throwable t) {
            fail("dataReceived", t);
        }
    }

    void onReadComplete() {
        inReadBatch = false;
        if (needsFlush) {
            flushNow();
        }
    }

    /** The peer will send no more: end of file on the read side. */
    void onInputShutdown() {
        if (disconnected || readEof || protocol == null) {
            return;
        }
        readEof = true;
        if (readPaused) {
            pendingEof = true;
            return;
        }
        readConnectionLost();
    }

    private void readConnectionLost() {
        if (disconnected) {
            return;
        }
        if (protocol instanceof IHalfCloseableProtocol) {
            try {
                ((IHalfCloseableProtocol) protocol).readConnectionLost();
            } catch (Throwable t) {
                fail("readConnectionLost", t);
            }
        } else if (!disconnecting) {
            // Twisted closes the whole connection, cleanly; we send what was written first.
            disconnecting = true;
            stopReadingForGood();
            requestClose();
        }
    }

    void onWritabilityChanged() {
        if (!channel.isWritable()) {
            maybePauseProducer();
        } else if (producer != null && producerPaused) {
            producerPaused = false;
            try {
                ((IPushProducer) producer).resumeProducing();
            } catch (Throwable t) {
                fail("resumeProducing", t);
            }
        }
    }

    void onException(Throwable cause) {
        if (disconnected || (closing && cause instanceof ClosedChannelException)) {
            log.debug("{} after it closed: {}", this, cause.toString());
            return;
        }
        Failure tlsFailure = Tls.failure(cause);
        if (lostReason == null) {
            lostReason = tlsFailure != null ? tlsFailure : new Failure(cause instanceof IOException
                    ? new ConnectionLost(LOST + ": " + cause.getMessage(), cause)
                    : cause);
        }
        if (tlsFailure != null) {
            log.debug("{}: {}; closing it", this, tlsFailure.getErrorMessage());
        } else if (!(cause instanceof IOException)) {
            log.warn("{} failed; closing it", this, cause);
        }
        closeChannel();
    }

    void onInactive() {
        if (disconnected) {
            return;
        }
        disconnected = true;
        connected = false;
        pendingInbound = null;
        releaseGather();
        if (protocol == null) {
            lost.trySuccess(null);
            return;
        }
        Failure reason;
        if (lostReason != null) {
            reason = lostReason;
        } else if (aborted) {
            reason = new Failure(new ConnectionAborted(ABORTED));
        } else if (closedByUs || readEof) {
            reason = new Failure(new ConnectionDone(DONE));
        } else {
            reason = new Failure(new ConnectionLost(LOST + "."));
        }
        if (producer != null) {
            IProducer p = producer;
            producer = null;
            try {
                p.stopProducing();
            } catch (Throwable t) {
                log.error("{} raised in stopProducing on {}", p, this, t);
            }
        }
        try {
            protocol.connectionLost(reason);
        } catch (Throwable t) {
            log.error("{} raised in connectionLost({}) on {}", protocol, reason, this, t);
        }
        try {
            owner.connectionLost(this, reason);
        } catch (Throwable t) {
            log.error("{} raised when told {} was lost", owner, this, t);
        }
        lost.trySuccess(null);
    }

    /** User code raised: log it and close this connection only, with the exception as reason. */
    private void fail(String where, Throwable t) {
        log.warn("{} raised in {} on {}; closing the connection", protocol, where, peer, t);
        if (disconnected) {
            return;
        }
        if (lostReason == null) {
            lostReason = new Failure(t);
        }
        disconnecting = true;
        stopReadingForGood();
        closeChannel();
    }

    // ------------------------------------------------------------------ writing

    @Override
    public void write(byte[] data) {
        Objects.requireNonNull(data, "data");
        if (!loop.inEventLoop()) {
            Loops.later(loop, () -> write(data));
            return;
        }
        if (!connected || writeDisconnected || closing || data.length == 0) {
            return;
        }
        writeArray(data);
        wrote();
    }

    /**
     * Sends the view being delivered to {@code dataReceived(ByteBuffer)} without copying (a
     * retained slice of the read buffer), and any other buffer after one copy into socket memory.
     */
    @Override
    public void write(ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        if (!loop.inEventLoop()) {
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            Loops.later(loop, () -> write(copy));
            return;
        }
        int length = data.remaining();
        if (!connected || writeDisconnected || closing || length == 0) {
            data.position(data.limit());
            return;
        }
        if (data == currentView) {
            int offset = currentIn.readerIndex() + data.position() - currentViewBase;
            writeBuffer(currentIn.retainedSlice(offset, length));
            data.position(data.limit());
        } else {
            ByteBuf gathering = gatherFor(length);
            if (gathering != null) {
                gathering.writeBytes(data);
            } else {
                ByteBuf buf = channel.alloc().directBuffer(length);
                buf.writeBytes(data);
                writeBuffer(buf);
            }
        }
        wrote();
    }

    @Override
    public void writeSequence(List<byte[]> data) {
        List<byte[]> copy = List.copyOf(data);
        if (!loop.inEventLoop()) {
            Loops.later(loop, () -> writeSequence(copy));
            return;
        }
        if (!connected || writeDisconnected || closing) {
            return;
        }
        boolean any = false;
        for (byte[] chunk : copy) {
            if (chunk.length > 0) {
                writeArray(chunk);
                any = true;
            }
        }
        if (any) {
            wrote();
        }
    }

    /**
     * Copies a small array into the turn's gather buffer, where it would have been copied into
     * socket memory on its own anyway: one buffer and one outbound entry for many small writes
     * (a line protocol's replies), instead of one of each per write. A large array goes as it is,
     * and so does every write while a producer is registered: its pace is set by the channel's
     * count of queued bytes, which must include each write at once.
     */
    private void writeArray(byte[] data) {
        ByteBuf gathering = gatherFor(data.length);
        if (gathering != null) {
            gathering.writeBytes(data);
        } else {
            writeBuffer(Unpooled.wrappedBuffer(data));
        }
    }

    /**
     * The gather buffer, with room for {@code length} more bytes, if a write of that size is
     * gathered (see {@link #writeArray}); null if it goes on its own.
     */
    private ByteBuf gatherFor(int length) {
        if (length > GATHER_MAX || producer != null) {
            return null;
        }
        if (gather != null && gather.writableBytes() < length) {
            handOffGather();
        }
        if (gather == null) {
            gather = channel.alloc().directBuffer(GATHER_CAPACITY);
        }
        return gather;
    }

    /** Passes the gather buffer, if any, to the channel, ahead of whatever is written next. */
    private void handOffGather() {
        ByteBuf g = gather;
        if (g != null) {
            gather = null;
            pipeline.write(g, channel.voidPromise());
        }
    }

    private void releaseGather() {
        ByteBuf g = gather;
        if (g != null) {
            gather = null;
            g.release();
        }
    }

    /**
     * Writes a message for the handlers in front of the protocol (an HTTP response object) as
     * a buffer write would be: after this turn's gathered bytes, flushed at the end of the read
     * batch or turn, counted for a pull producer. Dropped (released) once the connection closes.
     */
    void writeMessage(Object msg) {
        if (!connected || writeDisconnected || closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        writeOutbound(msg);
        wrote();
    }

    /** A read batch is being delivered by a handler in front of the protocol (the HTTP codec's). */
    void readBatchStarted() {
        inReadBatch = true;
    }

    private void writeBuffer(ByteBuf buf) {
        writeOutbound(buf);
    }

    private void writeOutbound(Object buf) {
        handOffGather();
        if (producer != null && !streamingProducer) {
            ChannelPromise promise = channel.newPromise();
            lastPullWrite = promise;
            pipeline.write(buf, promise);
        } else {
            pipeline.write(buf, channel.voidPromise());
        }
    }

    private void wrote() {
        needsFlush = true;
        if (!inReadBatch) {
            scheduleFlush();
        }
        maybePauseProducer();
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            loop.execute(endOfTurn);
        }
    }

    private void endOfTurn() {
        flushScheduled = false;
        if (needsFlush) {
            flushNow();
        }
    }

    private void flushNow() {
        needsFlush = false;
        if (closing) {
            releaseGather();
            return;
        }
        handOffGather();
        if (pendingClose) {
            pendingClose = false;
            closedByUs = true;
            closing = true;
            pipeline.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> channel.close());
            return;
        }
        if (pendingHalfClose) {
            pendingHalfClose = false;
            pipeline.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
                if (tls != null) {
                    // TLS's end of stream first: close_notify, then the FIN.
                    tls.closeOutbound().addListener(g -> shutdownOutput());
                } else {
                    shutdownOutput();
                }
            });
            return;
        }
        pipeline.flush();
    }

    // ------------------------------------------------------------------ closing

    @Override
    public boolean disconnecting() {
        return disconnecting || closing || aborted;
    }

    @Override
    public void loseConnection() {
        if (!loop.inEventLoop()) {
            Loops.later(loop, this::loseConnection);
            return;
        }
        if (!connected || disconnecting) {
            return;
        }
        disconnecting = true;
        stopReadingForGood();
        if (writeDisconnected) {
            closedByUs = true;
            closeChannel();
            return;
        }
        if (producer != null && (!streamingProducer || producerPaused)) {
            return; // unregisterProducer closes it
        }
        requestClose();
    }

    /** Closes after everything written so far (this turn included) has been sent. */
    private void requestClose() {
        pendingClose = true;
        needsFlush = true;
        if (!inReadBatch) {
            scheduleFlush();
        }
    }

    @Override
    public void abortConnection() {
        if (!loop.inEventLoop()) {
            Loops.later(loop, this::abortConnection);
            return;
        }
        if (disconnected || aborted) {
            return;
        }
        aborted = true;
        stopReadingForGood();
        resetOnClose();
        closeChannel();
    }

    private void resetOnClose() {
        if (channel.config() instanceof SocketChannelConfig) {
            try {
                ((SocketChannelConfig) channel.config()).setSoLinger(0);
            } catch (RuntimeException e) {
                log.debug("{}: could not set SO_LINGER 0, so the close will not reset", this, e);
            }
        }
    }

    private void closeChannel() {
        closing = true;
        channel.close();
    }

    @Override
    public void loseWriteConnection() {
        if (!loop.inEventLoop()) {
            Loops.later(loop, this::loseWriteConnection);
            return;
        }
        if (!connected || writeDisconnecting || disconnecting) {
            return;
        }
        writeDisconnecting = true;
        pendingHalfClose = true;
        needsFlush = true;
        if (!inReadBatch) {
            scheduleFlush();
        }
    }

    private void shutdownOutput() {
        if (disconnected || closing) {
            return;
        }
        if (!(channel instanceof DuplexChannel)) {
            log.warn("{} cannot close only its writing half; closing the whole connection", this);
            writeDisconnected = true;
            closedByUs = true;
            closeChannel();
            return;
        }
        ((DuplexChannel) channel).shutdownOutput().addListener(f -> {
            if (!f.isSuccess()) {
                onException(f.cause());
                return;
            }
            writeDisconnected = true;
            if (protocol instanceof IHalfCloseableProtocol && !disconnected) {
                try {
                    ((IHalfCloseableProtocol) protocol).writeConnectionLost();
                } catch (Throwable t) {
                    fail("writeConnectionLost", t);
                }
            }
        });
    }

    /**
     * Closes for a reactor shutdown: sends what was written, then closes; the protocol is told
     * {@code reason} unless it had already asked to close.
     */
    void shutdownClose(Failure reason) {
        if (disconnected || closing) {
            return;
        }
        if (!disconnecting) {
            disconnecting = true;
            stopReadingForGood();
            lostReason = reason;
        }
        pendingClose = true;
        flushNow();
    }

    /** Closes at once, resetting: the shutdown's grace period is over. */
    void forceClose(Failure reason) {
        if (disconnected) {
            return;
        }
        if (lostReason == null && !disconnecting) {
            lostReason = reason;
        }
        resetOnClose();
        closeChannel();
    }

    private void stopReadingForGood() {
        pendingInbound = null;
        pendingEof = false;
        channel.config().setAutoRead(false);
    }

    // ------------------------------------------------------------------ producers

    @Override
    public void registerProducer(IProducer producer, boolean streaming) {
        Objects.requireNonNull(producer, "producer");
        if (!loop.inEventLoop()) {
            Loops.later(loop, () -> registerProducer(producer, streaming));
            return;
        }
        Producers.checkRegistration(this.producer, producer, streaming);
        if (disconnected) {
            producer.stopProducing();
            return;
        }
        this.producer = producer;
        this.streamingProducer = streaming;
        this.producerPaused = false;
        if (!streaming) {
            askPull();
        }
    }

    @Override
    public void unregisterProducer() {
        if (!loop.inEventLoop()) {
            Loops.later(loop, this::unregisterProducer);
            return;
        }
        producer = null;
        producerPaused = false;
        lastPullWrite = null;
        if (connected && disconnecting && !closing && !pendingClose) {
            requestClose();
        }
    }

    /** Asks a pull producer for a chunk, and again once that chunk is sent. */
    private void askPull() {
        IProducer p = producer;
        lastPullWrite = null;
        try {
            if (p instanceof IPullProducer) {
                ((IPullProducer) p).resumeProducing();
            } else {
                ((IPushProducer) p).resumeProducing();
            }
        } catch (Throwable t) {
            fail("resumeProducing", t);
            return;
        }
        ChannelPromise written = lastPullWrite;
        lastPullWrite = null;
        if (written != null && producer == p) {
            written.addListener(f -> {
                if (f.isSuccess() && producer == p && !disconnected) {
                    askPull();
                }
            });
        }
    }

    private void maybePauseProducer() {
        if (producer != null && streamingProducer && !producerPaused && !channel.isWritable()) {
            producerPaused = true;
            try {
                ((IPushProducer) producer).pauseProducing();
            } catch (Throwable t) {
                fail("pauseProducing", t);
            }
        }
    }

    // ------------------------------------------------------------------ the transport as a producer

    /** Stops reading from the peer until {@link #resumeProducing()}. */
    @Override
    public void pauseProducing() {
        if (!loop.inEventLoop()) {
            Loops.later(loop, this::pauseProducing);
            return;
        }
        if (disconnected || readPaused) {
            return;
        }
        readPaused = true;
        channel.config().setAutoRead(false);
    }

    /** Reads from the peer again; bytes that arrived while paused are delivered first. */
    @Override
    public void resumeProducing() {
        if (!loop.inEventLoop()) {
            Loops.later(loop, this::resumeProducing);
            return;
        }
        if (!readPaused) {
            return;
        }
        readPaused = false;
        if (disconnecting || disconnected) {
            return;
        }
        if ((pendingInbound != null && !pendingInbound.isEmpty()) || pendingEof) {
            loop.execute(this::drainPending);
        } else {
            channel.config().setAutoRead(true);
        }
    }

    private void drainPending() {
        while (!readPaused && !disconnecting && !disconnected
                && pendingInbound != null && !pendingInbound.isEmpty()) {
            deliver(pendingInbound.poll());
        }
        if (readPaused || disconnecting || disconnected) {
            return;
        }
        if (pendingEof) {
            pendingEof = false;
            readConnectionLost();
        } else {
            channel.config().setAutoRead(true);
        }
    }

    /** Closes the connection, as {@link #loseConnection()}. Twisted: {@code stopProducing}. */
    @Override
    public void stopProducing() {
        loseConnection();
    }

    // ------------------------------------------------------------------ TLS

    /**
     * The TLS handshake ended: on success a protocol that listens hears of it; on failure the
     * failure becomes the reason the connection is lost (the handler closes the channel).
     */
    void onHandshake(SslHandshakeCompletionEvent event) {
        if (disconnected || protocol == null) {
            return;
        }
        if (!event.isSuccess()) {
            if (lostReason == null) {
                lostReason = Tls.handshakeFailure(event.cause());
            }
            return;
        }
        if (protocol instanceof IHandshakeListener) {
            try {
                ((IHandshakeListener) protocol).handshakeCompleted();
            } catch (Throwable t) {
                fail("handshakeCompleted", t);
            }
        }
    }

    @Override
    public boolean TLS() {
        return tls != null;
    }

    /** A connection this side made (no parent channel) is the TLS client by default. */
    @Override
    public boolean tlsClientDefault() {
        return channel.parent() == null;
    }

    @Override
    public void startTLS(IContextFactory contextFactory) {
        startTLS(contextFactory, true);
    }

    /**
     * Sends what was written so far in clear (it is queued below the pipeline at once), then
     * puts an {@code SslHandler} first in the pipeline: everything written from now on is
     * encrypted, and a client-side handler starts its handshake at once. Called from another
     * thread, it is passed to the event loop, and an argument that cannot be used is logged there
     * and closes the connection instead of throwing.
     */
    @Override
    public void startTLS(IContextFactory contextFactory, boolean normal) {
        Objects.requireNonNull(contextFactory, "contextFactory");
        if (!loop.inEventLoop()) {
            Loops.later(loop, () -> {
                try {
                    startTLS(contextFactory, normal);
                } catch (RuntimeException e) {
                    fail("startTLS", e);
                }
            });
            return;
        }
        if (TLS()) {
            throw new IllegalStateException("TLS has already started on " + this);
        }
        if (!connected || closing) {
            return;
        }
        boolean client = Tls.isClient(contextFactory, tlsClientDefault() == normal);
        IAddress peerAddress = getPeer();
        SslHandler handler = peerAddress instanceof IPAddress
                ? Tls.newHandler(contextFactory, client, channel.alloc(), ((IPAddress) peerAddress).host(),
                        ((IPAddress) peerAddress).port())
                : Tls.newHandler(contextFactory, client, channel.alloc(), null, 0);
        handOffGather();
        pipeline.flush();
        tls = handler;
        pipeline.addFirst(Tls.HANDLER_NAME, handler);
    }

    @Override
    public X509Certificate getPeerCertificate() {
        if (tls == null || !tls.handshakeFuture().isSuccess()) {
            return null;
        }
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate ? (X509Certificate) chain[0] : null;
        } catch (SSLPeerUnverifiedException e) {
            return null; // The peer presented no certificate.
        }
    }

    @Override
    public String negotiatedProtocol() {
        return tls == null || !tls.handshakeFuture().isSuccess() ? null : tls.applicationProtocol();
    }

    // ------------------------------------------------------------------ addresses and options

    @Override
    public IAddress getPeer() {
        return peer != null ? peer : Addresses.tcp(channel.remoteAddress());
    }

    @Override
    public IAddress getHost() {
        return host != null ? host : Addresses.tcp(channel.localAddress());
    }

    @Override
    public boolean getTcpNoDelay() {
        return channel.config() instanceof SocketChannelConfig
                && ((SocketChannelConfig) channel.config()).isTcpNoDelay();
    }

    @Override
    public void setTcpNoDelay(boolean enabled) {
        socketConfig().setTcpNoDelay(enabled);
    }

    @Override
    public boolean getTcpKeepAlive() {
        return channel.config() instanceof SocketChannelConfig
                && ((SocketChannelConfig) channel.config()).isKeepAlive();
    }

    @Override
    public void setTcpKeepAlive(boolean enabled) {
        socketConfig().setKeepAlive(enabled);
    }

    private SocketChannelConfig socketConfig() {
        if (!(channel.config() instanceof SocketChannelConfig)) {
            throw new UnsupportedOperationException(channel + " is not a TCP socket");
        }
        return (SocketChannelConfig) channel.config();
    }

    @Override
    public String toString() {
        return "ChannelTransport(" + (protocol == null ? "?" : protocol.getClass().getSimpleName())
                + " " + getHost() + " <-> " + getPeer() + ")";
    }
}
