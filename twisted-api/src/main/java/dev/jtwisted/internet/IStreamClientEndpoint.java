package dev.jtwisted.internet;

import dev.jtwisted.internet.defer.Deferred;

/**
 * Where and how a client connects, decided by configuration rather than code: a program calls
 * {@link #connect} and gets back the connected protocol, whatever the transport. Endpoints are
 * reusable: each {@code connect} makes another connection.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IStreamClientEndpoint}.
 */
public interface IStreamClientEndpoint {
    /**
     * Connects, building one protocol with {@code protocolFactory}. Never throws: the returned
     * Deferred fires with that protocol once its {@code connectionMade} has run, or fails with
     * the reason ({@link ConnectionRefusedError}, {@link TimeoutError}, {@link DNSLookupError},
     * {@link NoProtocol}...). Cancelling it before then stops the attempt and fails it with
     * {@link ConnectingCancelledError}.
     */
    Deferred<IProtocol> connect(IProtocolFactory protocolFactory);
}
