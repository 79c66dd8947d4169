package dev.jtwisted.internet;

/**
 * One outgoing connection attempt and the connection it makes; a {@link ClientFactory} gets it
 * in each of its callbacks, and may call {@link #connect()} again to retry.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IConnector}.
 */
public interface IConnector {
    /**
     * Stops the attempt in progress; the factory gets {@code clientConnectionFailed}.
     *
     * @throws NotConnectingError if no attempt is in progress
     */
    void stopConnecting();

    /** Closes the connection, if connected. */
    void disconnect();

    /** Tries again (after a failure or a lost connection). */
    void connect();

    /** The address being connected to. */
    IAddress getDestination();
}
