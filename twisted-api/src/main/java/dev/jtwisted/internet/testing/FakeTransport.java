package dev.jtwisted.internet.testing;

import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IProducer;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.IPullProducer;
import dev.jtwisted.internet.IPushProducer;
import dev.jtwisted.internet.ITCPTransport;
import dev.jtwisted.internet.internal.Producers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One end of an in-memory connection: it buffers what its protocol writes until an
 * {@link IOPump} moves it to the other end, and behaves as a real TCP transport does towards
 * its protocol and producers.
 *
 * <ul>
 *   <li>{@link #loseConnection()} closes once the buffer is sent and no producer holds it open
 *       (a pull producer, or a push producer this transport paused); it stops reading at once.
 *       Both protocols then get {@code connectionLost} with {@code ConnectionDone}.
 *   <li>{@link #abortConnection()} drops what is buffered; both get {@code ConnectionLost}.
 *   <li>{@link #loseWriteConnection()} half-closes once the buffer is sent: an
 *       {@code IHalfCloseableProtocol} gets {@code writeConnectionLost} here and
 *       {@code readConnectionLost} on the other end; any other protocol there closes.
 *   <li>A push producer is paused when more than {@link #bufferSize()} bytes wait, and resumed
 *       when the pump has moved them; a pull producer is asked for more each time the buffer is
 *       empty. Producers are stopped when the connection closes.
 *   <li>{@link #pauseProducing()} stops the pump delivering to this end's protocol until
 *       {@link #resumeProducing()}; {@link #stopProducing()} is {@link #loseConnection()}.
 * </ul>
 *
 * <p>Twisted: {@code twisted.test.iosim.FakeTransport}, made to follow
 * {@code twisted.internet.abstract.FileDescriptor} where the two differ.
 */
public class FakeTransport implements ITCPTransport {
    private static final AtomicInteger SERIALS = new AtomicInteger();

    private final IProtocol protocol;
    private final boolean isServer;
    private final int serial = SERIALS.getAndIncrement();
    private final IAddress hostAddress;
    private final IAddress peerAddress;

    private ByteArrayOutputStream stream = new ByteArrayOutputStream();
    private int bufferSize = 65536;

    boolean disconnecting;
    boolean disconnected;
    boolean aborting;
    boolean writeDisconnecting;
    boolean writeDisconnected;
    private boolean readingPaused;

    private IProducer producer;
    private IPullProducer pull;
    private boolean streamingProducer;
    private boolean producerPaused;

    private boolean tcpNoDelay;
    private boolean tcpKeepAlive;

    /**
     * A transport delivering to {@code protocol}, with a new {@link FakeAddress} at each end.
     *
     * @param isServer true for the accepting end, false for the connecting end
     */
    public FakeTransport(IProtocol protocol, boolean isServer) {
        this(protocol, isServer, null, null);
    }

    /**
     * A transport delivering to {@code protocol}.
     *
     * @param hostAddress what {@link #getHost()} returns; null for a new {@link FakeAddress}
     * @param peerAddress what {@link #getPeer()} returns; null for a new {@link FakeAddress}
     */
    public FakeTransport(IProtocol protocol, boolean isServer, IAddress hostAddress,
            IAddress peerAddress) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.isServer = isServer;
        this.hostAddress = hostAddress != null ? hostAddress : new FakeAddress();
        this.peerAddress = peerAddress != null ? peerAddress : new FakeAddress();
    }

    // ---------------------------------------------------------------- for tests

    /** The protocol this end delivers to. */
    public IProtocol protocol() {
        return protocol;
    }

    /** A number no other FakeTransport in this JVM has. Twisted: {@code serial}. */
    public int serial() {
        return serial;
    }

    /** True for the accepting end. */
    public boolean isServer() {
        return isServer;
    }

    /** True once this end asked to close (or the other end closed). */
    @Override
    public boolean disconnecting() {
        return disconnecting;
    }

    /** True once the connection is closed and both protocols were told. */
    public boolean disconnected() {
        return disconnected;
    }

    /** The registered producer, or null. */
    public IProducer producer() {
        return producer;
    }

    /** Whether the registered producer is a push ("streaming") producer. */
    public boolean streamingProducer() {
        return streamingProducer;
    }

    /** How many bytes wait for the pump. */
    public int buffered() {
        return stream.size();
    }

    /** Past how many buffered bytes a push producer is paused; 65536 (Twisted's) at first. */
    public int bufferSize() {
        return bufferSize;
    }

    /**
     * Sets the number of buffered bytes past which a push producer is paused.
     *
     * @throws IllegalArgumentException if {@code bufferSize < 0}
     */
    public void setBufferSize(int bufferSize) {
        if (bufferSize < 0) {
            throw new IllegalArgumentException("bufferSize < 0: " + bufferSize);
        }
        this.bufferSize = bufferSize;
    }

    // ---------------------------------------------------------------- ITransport

    /** Buffers {@code data} for the pump; dropped once the connection or its writing half closed. */
    @Override
    public void write(byte[] data) {
        Objects.requireNonNull(data, "data");
        if (disconnected || writeDisconnected || data.length == 0) {
            return;
        }
        stream.writeBytes(data);
        if (producer != null && streamingProducer && !producerPaused
                && stream.size() > bufferSize) {
            producerPaused = true;
            ((IPushProducer) producer).pauseProducing();
        }
    }

    @Override
    public void writeSequence(List<byte[]> data) {
        Objects.requireNonNull(data, "data");
        for (byte[] chunk : data) {
            write(chunk);
        }
    }

    @Override
    public void loseConnection() {
        if (!disconnected) {
            disconnecting = true;
        }
    }

    @Override
    public void abortConnection() {
        if (!disconnected) {
            disconnecting = true;
            aborting = true;
        }
    }

    @Override
    public IAddress getPeer() {
        return peerAddress;
    }

    @Override
    public IAddress getHost() {
        return hostAddress;
    }

    // ---------------------------------------------------------------- ITCPTransport

    @Override
    public void loseWriteConnection() {
        if (!disconnected) {
            writeDisconnecting = true;
        }
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
     * Attaches {@code producer}; a pull producer is asked for its first chunk at once. After the
     * connection closed, the producer is stopped instead.
     *
     * @throws IllegalStateException if a producer is already registered
     * @throws IllegalArgumentException if {@code streaming} and it is not an {@link IPushProducer},
     *     or not streaming and it has no {@code resumeProducing}
     */
    @Override
    public void registerProducer(IProducer producer, boolean streaming) {
        Producers.checkRegistration(this.producer, producer, streaming);
        IPullProducer asPull = streaming ? null : pullProducer(producer);
        if (disconnected) {
            producer.stopProducing();
            return;
        }
        this.producer = producer;
        this.pull = asPull;
        this.streamingProducer = streaming;
        this.producerPaused = false;
        if (asPull != null) {
            asPull.resumeProducing();
        }
    }

    @Override
    public void unregisterProducer() {
        producer = null;
        pull = null;
        producerPaused = false;
    }

    // ---------------------------------------------------------------- IPushProducer

    /** Stops the pump delivering to this end's protocol. */
    @Override
    public void pauseProducing() {
        readingPaused = true;
    }

    /** Lets the pump deliver to this end's protocol again (unless it is closing). */
    @Override
    public void resumeProducing() {
        if (!disconnecting && !disconnected) {
            readingPaused = false;
        }
    }

    /** Closes the connection, as a real transport does. */
    @Override
    public void stopProducing() {
        loseConnection();
    }

    // ---------------------------------------------------------------- driven by IOPump

    /** Whether the pump may deliver to this end's protocol: it has not paused or stopped reading. */
    boolean reading() {
        return !readingPaused && !disconnecting && !disconnected;
    }

    /** Takes everything buffered, or null when nothing is. Twisted: {@code getOutBuffer}. */
    byte[] getOutBuffer() {
        if (stream.size() == 0) {
            return null;
        }
        byte[] data = stream.toByteArray();
        stream = new ByteArrayOutputStream();
        return data;
    }

    /**
     * Delivers bytes from the other end, as a read-only view the way the Netty reactor does, so
     * protocols overriding either {@code dataReceived} get them. Twisted: {@code bufferReceived}.
     */
    void bufferReceived(byte[] data) {
        protocol.dataReceived(ByteBuffer.wrap(data).asReadOnlyBuffer());
    }

    /**
     * With the buffer empty, resumes a push producer this transport paused or asks a pull
     * producer for more, as {@code FileDescriptor.doWrite} does.
     *
     * @return whether that produced bytes to move
     */
    boolean checkProducer() {
        if (producer == null || disconnected || stream.size() > 0) {
            return false;
        }
        if (pull != null) {
            pull.resumeProducing();
        } else if (producerPaused) {
            producerPaused = false;
            ((IPushProducer) producer).resumeProducing();
        }
        return stream.size() > 0;
    }

    /** Whether a producer keeps this end open: a pull one, or a push one this end paused. */
    private boolean producerHoldsOpen() {
        return producer != null && (!streamingProducer || producerPaused);
    }

    /** Ready to close cleanly: asked to, everything sent, no producer holding it open. */
    boolean readyToClose() {
        return disconnecting && !disconnected && stream.size() == 0 && !producerHoldsOpen();
    }

    /** Ready to shut its writing half: asked to, everything sent, no producer holding it. */
    boolean readyToHalfClose() {
        return writeDisconnecting && !writeDisconnected && !disconnected && stream.size() == 0
                && !producerHoldsOpen();
    }

    /** Marks this end closed, drops its buffer and stops its producer, before the protocol hears. */
    void markClosed() {
        disconnecting = true;
        disconnected = true;
        stream = new ByteArrayOutputStream();
        IProducer p = producer;
        producer = null;
        pull = null;
        producerPaused = false;
        if (p != null) {
            p.stopProducing();
        }
    }

    private static IPullProducer pullProducer(IProducer producer) {
        if (producer instanceof IPullProducer) {
            return (IPullProducer) producer;
        }
        if (producer instanceof IPushProducer) {
            // Twisted duck-types: a push producer registered as non-streaming is pulled.
            IPushProducer push = (IPushProducer) producer;
            return new IPullProducer() {
                @Override
                public void resumeProducing() {
                    push.resumeProducing();
                }

                @Override
                public void stopProducing() {
                    push.stopProducing();
                }
            };
        }
        throw new IllegalArgumentException("a non-streaming producer must be an IPullProducer"
                + " (or have resumeProducing): " + producer);
    }

    @Override
    public String toString() {
        return "FakeTransport<" + (isServer ? "S" : "C") + "," + serial + ","
                + protocol.getClass().getSimpleName() + ">";
    }
}
