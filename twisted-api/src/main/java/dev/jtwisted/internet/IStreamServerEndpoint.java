package dev.jtwisted.internet;

import dev.jtwisted.internet.defer.Deferred;

/**
 * Where and how a server listens, decided by configuration rather than code: a program calls
 * {@link #listen} without knowing whether it is TCP on IPv4 or IPv6 (or, later, UNIX or TLS).
 * Endpoints are reusable: each {@code listen} opens another port.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IStreamServerEndpoint}.
 */
public interface IStreamServerEndpoint {
    /**
     * Starts listening with {@code protocolFactory}. Never throws: the returned Deferred fires
     * with the port once it listens, or fails (with {@link CannotListenError} when the address
     * cannot be bound).
     */
    Deferred<IListeningPort> listen(IProtocolFactory protocolFactory);
}
