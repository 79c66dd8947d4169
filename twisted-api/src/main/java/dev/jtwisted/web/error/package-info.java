/**
 * The errors resources raise to the server.
 *
 * <p>Twisted: {@code twisted.web.error}.
 */
package dev.jtwisted.web.error;
