/**
 * The HTTP client: {@link dev.jtwisted.web.client.Agent} makes requests over any stream
 * transport (TCP, TLS, UNIX sockets, in-memory ones), {@link dev.jtwisted.web.client.HTTPConnectionPool}
 * keeps connections alive, the redirect agents follow redirects, and
 * {@link dev.jtwisted.web.client.Client} has {@code readBody} and {@code getPage}. The HTTP/1.1
 * protocol is written here in plain Java, without Netty.
 *
 * <p>Twisted: {@code twisted.web.client}, with {@code twisted.web._newclient} and
 * {@code twisted.web.iweb}'s client interfaces.
 */
package dev.jtwisted.web.client;
