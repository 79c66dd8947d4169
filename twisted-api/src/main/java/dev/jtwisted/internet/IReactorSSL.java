package dev.jtwisted.internet;

import dev.jtwisted.internet.ssl.IContextFactory;

/**
 * TLS over TCP: listen and connect with TLS from the first byte.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IReactorSSL}.
 */
public interface IReactorSSL {
    /**
     * As {@link IReactorTCP#listenTCP}, with TLS on every connection as set by
     * {@code contextFactory} (a {@link dev.jtwisted.internet.ssl.CertificateOptions} with a
     * certificate). Each protocol is made and connected when its TCP connection is accepted, as
     * in Twisted, and sees plaintext; what it writes before the handshake completes waits for
     * it. A failed handshake (a client that does not trust the certificate, a missing client
     * certificate, a peer that does not speak TLS) reaches {@code connectionLost} with an
     * {@link dev.jtwisted.internet.ssl.SSLError}, and affects no other connection.
     *
     * @throws CannotListenError if the address cannot be bound
     * @throws IllegalArgumentException if {@code contextFactory} cannot serve (no certificate,
     *     or it is a client's {@link dev.jtwisted.internet.ssl.ClientTLSOptions})
     */
    IListeningPort listenSSL(int port, IProtocolFactory factory, IContextFactory contextFactory, int backlog,
            String interfaceAddress);

    /** {@link #listenSSL(int, IProtocolFactory, IContextFactory, int, String)} with backlog 50 on all interfaces. */
    default IListeningPort listenSSL(int port, IProtocolFactory factory, IContextFactory contextFactory) {
        return listenSSL(port, factory, contextFactory, 50, "");
    }

    /**
     * As {@link IReactorTCP#connectTCP}, with TLS as set by {@code contextFactory}: a
     * {@link dev.jtwisted.internet.ssl.ClientTLSOptions} verifies the server's certificate and
     * name; a {@link dev.jtwisted.internet.ssl.CertificateOptions} verifies only what its trust
     * root says. The factory builds the protocol once the handshake has completed, so a failed
     * handshake is a failed connection: {@code clientConnectionFailed} with an
     * {@link dev.jtwisted.internet.ssl.SSLError} naming the problem. {@code timeout} bounds the
     * TCP connection and, again, the handshake.
     *
     * @throws IllegalArgumentException if {@code contextFactory}'s settings cannot be used
     */
    IConnector connectSSL(String host, int port, ClientFactory factory, IContextFactory contextFactory,
            double timeout, IPv4Address bindAddress);

    /** {@link #connectSSL(String, int, ClientFactory, IContextFactory, double, IPv4Address)} with a 30 s timeout. */
    default IConnector connectSSL(String host, int port, ClientFactory factory, IContextFactory contextFactory) {
        return connectSSL(host, port, factory, contextFactory, 30, null);
    }
}
