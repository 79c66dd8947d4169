/**
 * TLS settings without Netty: certificates and keys (read from PEM files, or given as JDK
 * {@code X509Certificate}, {@code PrivateKey} and {@code KeyStore}), trust roots, client
 * certificates, ALPN and protocol versions, gathered into the context factories that
 * {@code listenSSL}, {@code connectSSL}, {@code startTLS} and the {@code ssl:}/{@code tls:}
 * endpoints take. The reactor turns them into its own TLS engine (netty-bridge: Netty's
 * {@code SslHandler} on the JDK's provider).
 *
 * <p>Twisted: {@code twisted.internet.ssl} (and {@code twisted.internet._sslverify}).
 */
package dev.jtwisted.internet.ssl;
