package dev.jtwisted.internet;

/**
 * Makes a protocol for each new connection and is told when it starts and stops being used.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IProtocolFactory}.
 */
public interface IProtocolFactory {
    /**
     * A protocol for a new connection with {@code addr}, or null to refuse it (the connection is
     * closed at once).
     */
    IProtocol buildProtocol(IAddress addr);

    /** Called each time a port starts listening or a connector starts connecting with it. */
    void doStart();

    /** Called each time such a port or connector is done with it. */
    void doStop();
}
