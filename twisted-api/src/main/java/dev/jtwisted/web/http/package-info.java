/**
 * HTTP itself: status codes and dates ({@link dev.jtwisted.web.http.Http}) and the protocol of
 * a server connection ({@link dev.jtwisted.web.http.HTTPChannel}).
 *
 * <p>Twisted: {@code twisted.web.http}.
 */
package dev.jtwisted.web.http;
