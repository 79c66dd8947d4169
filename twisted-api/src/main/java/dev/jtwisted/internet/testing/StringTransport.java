package dev.jtwisted.internet.testing;

import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IProducer;
import dev.jtwisted.internet.ITCPTransport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A transport that records what is written and what is asked of it, and does nothing else:
 * give it to a protocol, call the protocol's events, then check {@link #value()} and the flags.
 * Nothing is ever delivered to a peer; use {@link IOPump} for two protocols talking.
 *
 * <p>The methods that are not {@link ITCPTransport}'s ({@link #value()}, {@link #clear()},
 * {@link #disconnecting()}...) are for tests only; no other transport has them.
 *
 * <p>Twisted: {@code twisted.internet.testing.StringTransport}.
 */
public class StringTransport implements ITCPTransport {
    /** The peer address when none is given. Twisted's default. */
    public static final IPv4Address DEFAULT_PEER = new IPv4Address("TCP", "192.168.1.1", 54321);
    /** The host address when none is given. Twisted's default. */
    public static final IPv4Address DEFAULT_HOST = new IPv4Address("TCP", "10.0.0.1", 12345);

    private ByteArrayOutputStream io = new ByteArrayOutputStream();
    private final IAddress hostAddr;
    private final IAddress peerAddr;
    private final boolean lenient;

    /** True until a subclass decides the connection is gone. Twisted: {@code connected}. */
    protected boolean connected = true;
    private boolean disconnecting;
    private boolean disconnected;
    private boolean writeDisconnecting;
    private IProducer producer;
    private Boolean streaming;
    private String producerState = "producing";
    private boolean tcpNoDelay;
    private boolean tcpKeepAlive;

    /** A transport with Twisted's default addresses (host 10.0.0.1:12345, peer 192.168.1.1:54321). */
    public StringTransport() {
        this(null, null, false);
    }

    /**
     * A transport reporting the given addresses.
     *
     * @param hostAddress what {@link #getHost()} returns; null for {@link #DEFAULT_HOST}
     * @param peerAddress what {@link #getPeer()} returns; null for {@link #DEFAULT_PEER}
     */
    public StringTransport(IAddress hostAddress, IAddress peerAddress) {
        this(hostAddress, peerAddress, false);
    }

    /**
     * A transport reporting the given addresses, which lets tests pause and resume it after
     * {@link #loseConnection()} when {@code lenient}.
     *
     * <p>Twisted: {@code StringTransport(hostAddress, peerAddress, lenient)}.
     */
    public StringTransport(IAddress hostAddress, IAddress peerAddress, boolean lenient) {
        this.hostAddr = hostAddress != null ? hostAddress : DEFAULT_HOST;
        this.peerAddr = peerAddress != null ? peerAddress : DEFAULT_PEER;
        this.lenient = lenient;
    }

    // ---------------------------------------------------------------- for tests

    /** Forgets everything written so far. Not a transport method. Twisted: {@code clear}. */
    public void clear() {
        io = new ByteArrayOutputStream();
    }

    /** A copy of everything written since the last {@link #clear()}. Twisted: {@code value}. */
    public byte[] value() {
        return io.toByteArray();
    }

    /** {@link #value()} decoded as ISO-8859-1: one char per byte, whatever the bytes. */
    public String valueString() {
        return valueString(StandardCharsets.ISO_8859_1);
    }

    /** {@link #value()} decoded with {@code charset}. */
    public String valueString(Charset charset) {
        return new String(value(), Objects.requireNonNull(charset, "charset"));
    }

    /** True once {@link #loseConnection()} or {@link #abortConnection()} was called. */
    @Override
    public boolean disconnecting() {
        return disconnecting;
    }

    /** True once {@link #abortConnection()} was called. */
    public boolean disconnected() {
        return disconnected;
    }

    /** True once {@link #loseWriteConnection()} was called. */
    public boolean writeDisconnecting() {
        return writeDisconnecting;
    }

    /** Whether this transport still counts itself connected. Twisted: {@code connected}. */
    public boolean connected() {
        return connected;
    }

    /** The registered producer, or null. Twisted: {@code producer}. */
    public IProducer producer() {
        return producer;
    }

    /**
     * The {@code streaming} flag the registered producer came with, or null when none is
     * registered. Twisted: {@code streaming}.
     */
    public Boolean streaming() {
        return streaming;
    }

    /**
     * This transport's state as a push producer: {@code "producing"}, {@code "paused"} or
     * {@code "stopped"}, as its protocol last asked. Twisted: {@code producerState}.
     */
    public String producerState() {
        return producerState;
    }

    // ---------------------------------------------------------------- ITransport

    @Override
    public void write(byte[] data) {
        Objects.requireNonNull(data, "data");
        io.writeBytes(data);
    }

    @Override
    public void writeSequence(List<byte[]> data) {
        Objects.requireNonNull(data, "data");
        for (byte[] chunk : data) {
            write(chunk);
        }
    }

    /** Only records that it was called: {@link #disconnecting()} becomes true. */
    @Override
    public void loseConnection() {
        disconnecting = true;
    }

    /** Records {@link #disconnected()}, then does what {@link #loseConnection()} does. */
    @Override
    public void abortConnection() {
        disconnected = true;
        loseConnection();
    }

    @Override
    public IAddress getPeer() {
        return peerAddr;
    }

    @Override
    public IAddress getHost() {
        return hostAddr;
    }

    // ---------------------------------------------------------------- ITCPTransport

    /** Only records that it was called: {@link #writeDisconnecting()} becomes true. */
    @Override
    public void loseWriteConnection() {
        writeDisconnecting = true;
    }

    /** What {@link #setTcpNoDelay} set last; false at first. */
    @Override
    public boolean getTcpNoDelay() {
        return tcpNoDelay;
    }

    @Override
    public void setTcpNoDelay(boolean enabled) {
        tcpNoDelay = enabled;
    }

    /** What {@link #setTcpKeepAlive} set last; false at first. */
    @Override
    public boolean getTcpKeepAlive() {
        return tcpKeepAlive;
    }

    @Override
    public void setTcpKeepAlive(boolean enabled) {
        tcpKeepAlive = enabled;
    }

    // ---------------------------------------------------------------- IConsumer

    /**
     * Records {@code producer}; nothing ever pauses or resumes it.
     *
     * @throws IllegalStateException if a producer is already registered (Twisted: RuntimeError)
     */
    @Override
    public void registerProducer(IProducer producer, boolean streaming) {
        Objects.requireNonNull(producer, "producer");
        if (this.producer != null) {
            throw new IllegalStateException("Cannot register two producers: " + this.producer
                    + " is registered, " + producer + " is not");
        }
        this.producer = producer;
        this.streaming = streaming;
    }

    /** @throws IllegalStateException if no producer is registered (Twisted: RuntimeError) */
    @Override
    public void unregisterProducer() {
        if (producer == null) {
            throw new IllegalStateException("Cannot unregister a producer unless one is registered");
        }
        producer = null;
        streaming = null;
    }

    // ---------------------------------------------------------------- IPushProducer

    /**
     * Records the protocol's wish to stop reading: {@link #producerState()} becomes "paused".
     *
     * @throws IllegalStateException after {@link #loseConnection()} (unless lenient) or
     *     {@link #stopProducing()}
     */
    @Override
    public void pauseProducing() {
        checkState();
        producerState = "paused";
    }

    /**
     * Records the protocol's wish to read again: {@link #producerState()} becomes "producing".
     *
     * @throws IllegalStateException after {@link #loseConnection()} (unless lenient) or
     *     {@link #stopProducing()}
     */
    @Override
    public void resumeProducing() {
        checkState();
        producerState = "producing";
    }

    /** Records that the protocol wants no more data: {@link #producerState()} becomes "stopped". */
    @Override
    public void stopProducing() {
        producerState = "stopped";
    }

    private void checkState() {
        if (disconnecting && !lenient) {
            throw new IllegalStateException("Cannot resume producing after loseConnection");
        }
        if ("stopped".equals(producerState)) {
            throw new IllegalStateException("Cannot resume a stopped producer");
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(host=" + hostAddr + ", peer=" + peerAddr + ", "
                + io.size() + " bytes written" + (disconnecting ? ", disconnecting" : "") + ")";
    }
}
