/**
 * The interfaces resources see: {@link dev.jtwisted.web.iweb.IRequest}.
 *
 * <p>Twisted: {@code twisted.web.iweb}.
 */
package dev.jtwisted.web.iweb;
