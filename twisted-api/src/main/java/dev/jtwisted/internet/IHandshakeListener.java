package dev.jtwisted.internet;

/**
 * A protocol that wants to hear when a TLS handshake on its connection has completed: the moment
 * its transport's peer certificate and negotiated protocol are known. Without TLS it is never
 * called.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IHandshakeListener}.
 */
public interface IHandshakeListener {
    /**
     * The handshake completed. Called after {@code connectionMade}: on servers, some time after
     * it; on clients of {@code connectSSL}, right after it (the connection is only made once the
     * handshake has completed). Not called again on renegotiation (the JDK does not renegotiate
     * TLS 1.3).
     */
    void handshakeCompleted();
}
