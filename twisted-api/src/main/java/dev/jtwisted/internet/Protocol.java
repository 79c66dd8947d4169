package dev.jtwisted.internet;

import dev.jtwisted.python.failure.Failure;

/**
 * The base class of stream protocols: override the events you care about. A protocol instance
 * serves one connection; state shared between connections lives on its factory.
 *
 * <p>{@code transport} and {@code factory} are protected fields, named as Twisted's attributes,
 * so that ported code reads the same ({@code transport.write(...)}).
 *
 * <p>Threads: all events of one connection come on one reactor thread, in order.
 *
 * <p>Twisted: {@code twisted.internet.protocol.Protocol}.
 */
public class Protocol implements IProtocol {
    /** The connection; set by {@link #makeConnection} before {@link #connectionMade()}. */
    protected ITransport transport;
    /** The factory that built this protocol, if built by {@link Factory#buildProtocol}; may be null. */
    protected IProtocolFactory factory;
    /** True once {@link #makeConnection} has run. Twisted: {@code Protocol.connected}. */
    protected boolean connected;

    @Override
    public void makeConnection(ITransport transport) {
        this.connected = true;
        this.transport = transport;
        connectionMade();
    }

    @Override
    public void connectionMade() {}

    @Override
    public void dataReceived(byte[] data) {}

    @Override
    public void connectionLost(Failure reason) {}

    /** The connection's transport, or null before {@link #makeConnection}. */
    public ITransport transport() {
        return transport;
    }

    /** The factory that built this protocol, or null. */
    public IProtocolFactory factory() {
        return factory;
    }

    /** Sets the factory; {@link Factory#buildProtocol} does this. */
    public void setFactory(IProtocolFactory factory) {
        this.factory = factory;
    }

    /** Whether {@link #makeConnection} has run. */
    public boolean connected() {
        return connected;
    }

    /** How log lines about this protocol name it. Twisted: {@code logPrefix}. */
    public String logPrefix() {
        return getClass().getSimpleName();
    }
}
