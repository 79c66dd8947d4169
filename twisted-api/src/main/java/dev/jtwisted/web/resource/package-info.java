/**
 * Resource trees: a {@link dev.jtwisted.web.resource.Resource} renders a request or hands it to
 * a child, found by the next path segment; error pages are resources too.
 *
 * <p>Twisted: {@code twisted.web.resource}.
 */
package dev.jtwisted.web.resource;
