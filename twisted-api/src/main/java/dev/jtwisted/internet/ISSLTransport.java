package dev.jtwisted.internet;

import java.security.cert.X509Certificate;

/**
 * A transport that can run TLS: what it knows of the TLS session. Every stream connection of the
 * Netty reactor is one; until TLS runs on it (from the start, or after {@code startTLS}),
 * {@link #TLS()} is false and the other methods return null.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.ISSLTransport} with {@code INegotiated}, and
 * {@code tcp.Connection.TLS}.
 */
public interface ISSLTransport extends ITCPTransport {
    /** Whether TLS runs on this connection (its handshake may still be going on). */
    boolean TLS();

    /**
     * The certificate the peer presented, once the handshake has completed; null before, without
     * TLS, or if the peer presented none (a client a server did not ask).
     */
    X509Certificate getPeerCertificate();

    /**
     * The protocol ALPN selected, once the handshake has completed; null before, without TLS, or
     * if none was negotiated. Twisted: {@code INegotiated.negotiatedProtocol} (as text here).
     */
    String negotiatedProtocol();
}
