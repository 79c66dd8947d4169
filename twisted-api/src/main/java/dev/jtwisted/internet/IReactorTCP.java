package dev.jtwisted.internet;

/**
 * TCP: listen and connect.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IReactorTCP}.
 */
public interface IReactorTCP {
    /**
     * Listens on {@code port} (0: any free port) of {@code interfaceAddress} ("" or null: all
     * IPv4 interfaces; "::" all IPv6 ones), with {@code backlog} pending connections, making a
     * protocol with {@code factory} for each connection. The socket is bound before this returns.
     *
     * @throws CannotListenError if the address cannot be bound (in use, not local...)
     */
    IListeningPort listenTCP(int port, IProtocolFactory factory, int backlog, String interfaceAddress);

    /** {@link #listenTCP(int, IProtocolFactory, int, String)} with backlog 50 on all interfaces. */
    default IListeningPort listenTCP(int port, IProtocolFactory factory) {
        return listenTCP(port, factory, 50, "");
    }

    /**
     * Connects to {@code host}:{@code port}; the factory gets {@code startedConnecting}, then
     * either a protocol through {@code buildProtocol} or {@code clientConnectionFailed} (with
     * {@link ConnectionRefusedError}, {@link TimeoutError}, {@link DNSLookupError}...), and later
     * {@code clientConnectionLost}.
     *
     * @param timeout seconds to wait for the connection
     * @param bindAddress the local address to connect from, or null
     */
    IConnector connectTCP(String host, int port, ClientFactory factory, double timeout,
            IPv4Address bindAddress);

    /** {@link #connectTCP(String, int, ClientFactory, double, IPv4Address)} with a 30 s timeout. */
    default IConnector connectTCP(String host, int port, ClientFactory factory) {
        return connectTCP(host, port, factory, 30, null);
    }
}
