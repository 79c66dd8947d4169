package dev.jtwisted.internet.ssl;

/**
 * A TLS connection failed: the handshake (an untrusted or expired certificate, a host name the
 * certificate does not name, a missing client certificate, no common protocol or cipher, a peer
 * that does not speak TLS) or a record after it. The message names the problem; the cause is the
 * JDK's {@code SSLException} when there is one. It reaches a client's {@code connect} Deferred (or
 * {@code clientConnectionFailed}) when the handshake of {@code connectSSL} fails, and
 * {@code connectionLost} otherwise.
 *
 * <p>Twisted: {@code OpenSSL.SSL.Error}, which Twisted's TLS failures carry.
 */
public class SSLError extends RuntimeException {
    public SSLError(String message) {
        super(message);
    }

    public SSLError(String message, Throwable cause) {
        super(message, cause);
    }
}
