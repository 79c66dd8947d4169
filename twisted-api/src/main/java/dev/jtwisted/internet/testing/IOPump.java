package dev.jtwisted.internet.testing;

import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.ConnectionLost;
import dev.jtwisted.internet.IHalfCloseableProtocol;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.python.failure.Failure;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a server protocol and a client protocol in memory: each {@link #pump()} moves what
 * either side wrote to the other, and {@link #flush()} pumps until nothing moves. Closing,
 * aborting, half-closing and producers behave as {@link FakeTransport} describes.
 *
 * <p>An exception thrown by a protocol while being pumped propagates out of {@code pump()}, so
 * that the test sees it (a real reactor would log it and close the connection).
 *
 * <p>Twisted: {@code twisted.test.iosim.IOPump}, {@code connect} and
 * {@code connectedServerAndClient}.
 *
 * @param <S> the server protocol's type
 * @param <C> the client protocol's type
 */
public final class IOPump<S extends IProtocol, C extends IProtocol> {
    private static final Logger log = LoggerFactory.getLogger(IOPump.class);
    private static final int MAX_PUMPS = 1000;

    private final S server;
    private final C client;
    private final FakeTransport serverIO;
    private final FakeTransport clientIO;

    private IOPump(S server, C client, FakeTransport serverIO, FakeTransport clientIO) {
        this.server = server;
        this.client = client;
        this.serverIO = serverIO;
        this.clientIO = clientIO;
    }

    /**
     * Calls {@code makeConnection} on the server, then the client, and {@link #flush()}es once
     * so that greetings are exchanged.
     *
     * <p>Twisted: {@code iosim.connect(serverProtocol, serverTransport, clientProtocol,
     * clientTransport)}.
     */
    public static <S extends IProtocol, C extends IProtocol> IOPump<S, C> connect(
            S serverProtocol, FakeTransport serverTransport,
            C clientProtocol, FakeTransport clientTransport) {
        return connect(serverProtocol, serverTransport, clientProtocol, clientTransport, true);
    }

    /**
     * As {@link #connect(IProtocol, FakeTransport, IProtocol, FakeTransport)}, flushing once
     * only if {@code greet}.
     *
     * @throws IllegalArgumentException if a transport does not deliver to its protocol
     */
    public static <S extends IProtocol, C extends IProtocol> IOPump<S, C> connect(
            S serverProtocol, FakeTransport serverTransport,
            C clientProtocol, FakeTransport clientTransport, boolean greet) {
        Objects.requireNonNull(serverProtocol, "serverProtocol");
        Objects.requireNonNull(clientProtocol, "clientProtocol");
        Objects.requireNonNull(serverTransport, "serverTransport");
        Objects.requireNonNull(clientTransport, "clientTransport");
        if (serverTransport.protocol() != serverProtocol) {
            throw new IllegalArgumentException(serverTransport + " delivers to "
                    + serverTransport.protocol() + ", not to " + serverProtocol);
        }
        if (clientTransport.protocol() != clientProtocol) {
            throw new IllegalArgumentException(clientTransport + " delivers to "
                    + clientTransport.protocol() + ", not to " + clientProtocol);
        }
        serverProtocol.makeConnection(serverTransport);
        clientProtocol.makeConnection(clientTransport);
        IOPump<S, C> pump = new IOPump<>(serverProtocol, clientProtocol, serverTransport,
                clientTransport);
        if (greet) {
            pump.flush();
        }
        return pump;
    }

    /**
     * Makes a server and a client protocol, connects them over two new {@link FakeTransport}s
     * and flushes once.
     *
     * <p>Twisted: {@code iosim.connectedServerAndClient(ServerClass, ClientClass)}, which
     * returns {@code (client, server, pump)}: here {@link #client()} and {@link #server()}.
     */
    public static <S extends IProtocol, C extends IProtocol> IOPump<S, C> connectedServerAndClient(
            Supplier<? extends S> serverFactory, Supplier<? extends C> clientFactory) {
        Objects.requireNonNull(serverFactory, "serverFactory");
        Objects.requireNonNull(clientFactory, "clientFactory");
        C c = Objects.requireNonNull(clientFactory.get(), "clientFactory.get()");
        S s = Objects.requireNonNull(serverFactory.get(), "serverFactory.get()");
        return connect(s, makeFakeServer(s), c, makeFakeClient(c), true);
    }

    /**
     * As {@link #connectedServerAndClient(Supplier, Supplier)}, with the protocols built by
     * factories' {@code buildProtocol} (given the peer's {@link FakeAddress}), so that they know
     * their factory.
     *
     * @throws IllegalArgumentException if a factory refuses (returns null)
     */
    public static IOPump<IProtocol, IProtocol> connectedServerAndClient(
            IProtocolFactory serverFactory, IProtocolFactory clientFactory) {
        Objects.requireNonNull(serverFactory, "serverFactory");
        Objects.requireNonNull(clientFactory, "clientFactory");
        FakeAddress serverAddress = new FakeAddress();
        FakeAddress clientAddress = new FakeAddress();
        IProtocol c = clientFactory.buildProtocol(serverAddress);
        if (c == null) {
            throw new IllegalArgumentException(clientFactory + " refused the connection");
        }
        IProtocol s = serverFactory.buildProtocol(clientAddress);
        if (s == null) {
            throw new IllegalArgumentException(serverFactory + " refused the connection");
        }
        return connect(s, new FakeTransport(s, true, serverAddress, clientAddress),
                c, new FakeTransport(c, false, clientAddress, serverAddress), true);
    }

    /** A connecting-end transport for {@code clientProtocol}. Twisted: {@code makeFakeClient}. */
    public static FakeTransport makeFakeClient(IProtocol clientProtocol) {
        return new FakeTransport(clientProtocol, false);
    }

    /** An accepting-end transport for {@code serverProtocol}. Twisted: {@code makeFakeServer}. */
    public static FakeTransport makeFakeServer(IProtocol serverProtocol) {
        return new FakeTransport(serverProtocol, true);
    }

    /** The accepting side's protocol. */
    public S server() {
        return server;
    }

    /** The connecting side's protocol. */
    public C client() {
        return client;
    }

    /** The accepting side's transport. Twisted: {@code serverIO}. */
    public FakeTransport serverIO() {
        return serverIO;
    }

    /** The connecting side's transport. Twisted: {@code clientIO}. */
    public FakeTransport clientIO() {
        return clientIO;
    }

    /**
     * Pumps until nothing more happens.
     *
     * @return whether anything happened
     * @throws AssertionError if things still happen after 1000 pumps (a protocol pair that never
     *     goes quiet, such as a pull producer that never unregisters but always writes)
     *
     * <p>Twisted: {@code IOPump.flush}.
     */
    public boolean flush() {
        boolean result = false;
        for (int i = 0; i < MAX_PUMPS; i++) {
            if (!pump()) {
                return result;
            }
            result = true;
        }
        throw new AssertionError("IOPump.flush: still busy after " + MAX_PUMPS + " pumps between "
                + serverIO + " and " + clientIO);
    }

    /**
     * Does one step: an abort if one is pending; else moves what each side buffered (to a side
     * that is reading), and asks the producers for more; else, if nothing moved, one half-close
     * or close whose side has sent everything.
     *
     * @return whether anything happened
     *
     * <p>Twisted: {@code IOPump.pump}.
     */
    public boolean pump() {
        if (serverIO.aborting && !serverIO.disconnected) {
            close(serverIO, clientIO, true);
            return true;
        }
        if (clientIO.aborting && !clientIO.disconnected) {
            close(clientIO, serverIO, true);
            return true;
        }
        byte[] sData = clientIO.reading() ? serverIO.getOutBuffer() : null;
        byte[] cData = serverIO.reading() ? clientIO.getOutBuffer() : null;
        boolean produced = clientIO.checkProducer() | serverIO.checkProducer();
        if (cData != null) {
            log.debug("{} -> {}: {} bytes", clientIO, serverIO, cData.length);
            serverIO.bufferReceived(cData);
        }
        if (sData != null) {
            log.debug("{} -> {}: {} bytes", serverIO, clientIO, sData.length);
            clientIO.bufferReceived(sData);
        }
        if (cData != null || sData != null || produced) {
            return true;
        }
        if (serverIO.readyToHalfClose()) {
            halfClose(serverIO, clientIO);
            return true;
        }
        if (clientIO.readyToHalfClose()) {
            halfClose(clientIO, serverIO);
            return true;
        }
        if (serverIO.readyToClose()) {
            close(serverIO, clientIO, false);
            return true;
        }
        if (clientIO.readyToClose()) {
            close(clientIO, serverIO, false);
            return true;
        }
        return false;
    }

    /** Shuts {@code writer}'s writing half, telling both protocols as TCP would. */
    private static void halfClose(FakeTransport writer, FakeTransport reader) {
        log.debug("{} closes its writing half", writer);
        writer.writeDisconnected = true;
        if (writer.protocol() instanceof IHalfCloseableProtocol) {
            ((IHalfCloseableProtocol) writer.protocol()).writeConnectionLost();
        }
        if (reader.protocol() instanceof IHalfCloseableProtocol) {
            ((IHalfCloseableProtocol) reader.protocol()).readConnectionLost();
        } else {
            // Without half-close support, end of input closes the reader's connection.
            reader.loseConnection();
        }
    }

    /**
     * Closes the connection at {@code closer}'s request: both ends stop, then the other side's
     * protocol and {@code closer}'s hear of it, in that order, as in Twisted's iosim.
     */
    private static void close(FakeTransport closer, FakeTransport other, boolean aborted) {
        log.debug("{} {} the connection", closer, aborted ? "aborts" : "closes");
        closer.markClosed();
        other.markClosed();
        Failure closerReason = new Failure(aborted
                ? new ConnectionLost("Connection was aborted")
                : new ConnectionDone("Connection done"));
        Failure otherReason = new Failure(aborted
                ? new ConnectionLost("Connection was reset by the other side")
                : new ConnectionDone("Connection done"));
        other.protocol().connectionLost(otherReason);
        closer.protocol().connectionLost(closerReason);
    }

    @Override
    public String toString() {
        return "IOPump(" + serverIO + " <-> " + clientIO + ")";
    }
}
