/**
 * The web server: resource trees ({@code resource}), the site and its requests ({@code server}),
 * HTTP itself ({@code http}, {@code http_headers}), static files ({@code static_}) and a
 * request stand-in for resource tests ({@code test}). Parsing and the wire are the reactor's
 * business (netty-bridge parses with Netty's HTTP codec); everything here is Netty-free.
 *
 * <p>Twisted: {@code twisted.web}.
 */
package dev.jtwisted.web;
