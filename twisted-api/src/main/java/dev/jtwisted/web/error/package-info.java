/**
 * The errors of the web server and client: what resources raise to the server
 * ({@code UnsupportedMethod}), and what the client reports about a response ({@code Error},
 * {@code PageRedirect}, {@code InfiniteRedirection}, {@code RedirectWithNoLocation}).
 *
 * <p>Twisted: {@code twisted.web.error}.
 */
package dev.jtwisted.web.error;
