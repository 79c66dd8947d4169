package dev.jtwisted.internet;

import dev.jtwisted.internet.defer.Deferred;

/**
 * A port accepting connections.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IListeningPort}.
 */
public interface IListeningPort {
    /**
     * Stops accepting connections and closes the socket; fires (with null) when it is closed and
     * the factory has been told ({@code doStop}). Connections already accepted stay open.
     */
    Deferred<Void> stopListening();

    /** The address actually bound: with port 0, it tells the port the system chose. */
    IAddress getHost();
}
