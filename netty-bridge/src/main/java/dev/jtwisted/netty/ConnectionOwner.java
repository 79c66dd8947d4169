package dev.jtwisted.netty;

import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.python.failure.Failure;

/**
 * Whoever made a connection's channel: a listening port (through its factory) or a connector.
 * It builds the protocol and hears when the connection comes and goes. Called on the channel's
 * event loop.
 */
interface ConnectionOwner {
    /**
     * The protocol for a new connection with {@code peer}, or null to refuse it.
     *
     * <p>Twisted: {@code Factory.buildProtocol}, or {@code Connector.buildProtocol} for clients.
     */
    IProtocol buildProtocol(IAddress peer);

    /** The connection is up and has its protocol; just before {@code makeConnection}. */
    void connectionMade(ChannelTransport transport);

    /** The connection is gone; its protocol has been told already. */
    void connectionLost(ChannelTransport transport, Failure reason);
}
