package dev.jtwisted.internet.internal;

/**
 * A transport that knows which TLS role {@code startTLS} gives it by default: the client for a
 * connection this side made, the server for one it accepted. What lets a TLS wrapper that is
 * told its role ({@code TLSMemoryBIOFactory}'s {@code isClient}) ask for that role.
 *
 * <p>Twisted: {@code _tlsClientDefault} of {@code tcp.Client} and {@code tcp.Server}.
 */
public interface TLSClientDefault {
    /** Whether {@code startTLS(ctx, normal=true)} makes this side the TLS client. */
    boolean tlsClientDefault();
}
