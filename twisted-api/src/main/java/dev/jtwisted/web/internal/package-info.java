/**
 * Not API: the HTTP server's connection state machine ({@code ServerConnection}) and the
 * interface through which the reactor's bridge drives it ({@code ResponseSink}). The Netty
 * reactor parses requests with Netty's codec and hands them over here; everything about
 * responses (order, framing, keep-alive, finishing) is decided here, without Netty, so it can be
 * tested with fakes. May change in any release.
 *
 * <p>Twisted: the connection half of {@code twisted.web.http.HTTPChannel}.
 */
package dev.jtwisted.web.internal;
