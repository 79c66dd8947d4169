/**
 * TLS for any protocol over any stream transport that can start TLS: a factory wrapper whose
 * connections switch to TLS the moment they are made, before a byte is exchanged. On the Netty
 * reactor this means "put an {@code SslHandler} on this connection" ({@code startTLS}); no
 * TLS engine runs here.
 * Twisted: {@code twisted.protocols.tls}.
 */
package dev.jtwisted.protocols.tls;
