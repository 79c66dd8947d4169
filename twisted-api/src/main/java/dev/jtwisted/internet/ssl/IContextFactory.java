package dev.jtwisted.internet.ssl;

/**
 * How to set up TLS for a connection: a {@link CertificateOptions} (a server's key and
 * certificate, or a client's settings without host name checks) or a {@link ClientTLSOptions}
 * (a client that verifies the server's name; see {@link SSL#optionsForClientTLS}). What
 * {@code listenSSL}, {@code connectSSL} and {@code startTLS} take. Immutable, so one can serve
 * any number of connections and threads; a reactor builds its TLS engine settings from one once
 * and reuses them.
 *
 * <p>Sealed: a reactor must understand every kind, and these two are the ones Twisted's own
 * documentation recommends.
 *
 * <p>Twisted: {@code IOpenSSLContextFactory}, {@code IOpenSSLClientConnectionCreator} and
 * {@code IOpenSSLServerConnectionCreator}, named here without "OpenSSL" since the JDK's TLS
 * runs them.
 */
public sealed interface IContextFactory permits CertificateOptions, ClientTLSOptions {}
