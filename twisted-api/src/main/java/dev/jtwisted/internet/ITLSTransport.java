package dev.jtwisted.internet;

import dev.jtwisted.internet.ssl.IContextFactory;

/**
 * A TCP (or UNIX) transport that can switch to TLS mid-stream, for STARTTLS protocols (SMTP,
 * IMAP, XMPP...): what was written before {@code startTLS} goes out in clear, what is written
 * after it goes out encrypted, and the protocol reads and writes plaintext throughout. Once TLS
 * has started the transport's {@link ISSLTransport} side reports on it.
 *
 * <pre>{@code
 * public void lineReceived(byte[] line) {
 *     if (decode(line).equals("STARTTLS")) {
 *         sendLine("220 go ahead");                                  // in clear
 *         ((ITLSTransport) transport).startTLS(serverOptions);       // then TLS
 *     }
 * }
 * }</pre>
 *
 * <p>Bytes the peer sent after its STARTTLS command and before this side's answer (a client
 * that starts its handshake without waiting) have already been read as plaintext: the peer must
 * wait for the answer, as every STARTTLS protocol requires.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.ITLSTransport}.
 */
public interface ITLSTransport extends ITCPTransport {
    /**
     * Starts TLS on this connection, with this side as TLS client if it made the connection and
     * as TLS server if it accepted it, unless {@code contextFactory} is a
     * {@link dev.jtwisted.internet.ssl.ClientTLSOptions}, which is always the client. The
     * handshake runs in the background; a failed one reaches {@code connectionLost} with an
     * {@link dev.jtwisted.internet.ssl.SSLError}, and a protocol that is an
     * {@link IHandshakeListener} hears of a successful one.
     *
     * @throws IllegalStateException if TLS has already started on this connection
     * @throws IllegalArgumentException if {@code contextFactory} cannot play its role here (a
     *     server side without a certificate)
     */
    void startTLS(IContextFactory contextFactory);

    /**
     * {@link #startTLS(IContextFactory)}, with the roles swapped when {@code normal} is false:
     * the side that made the connection is then the TLS server.
     *
     * <p>Twisted: {@code startTLS(ctx, normal)} of {@code tcp.Connection}.
     */
    void startTLS(IContextFactory contextFactory, boolean normal);
}
