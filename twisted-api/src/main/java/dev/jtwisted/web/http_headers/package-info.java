/**
 * HTTP header collections. The package keeps Twisted's module name, underscore included, so a
 * Twisted programmer finds {@code Headers} where they left it.
 *
 * <p>Twisted: {@code twisted.web.http_headers}.
 */
package dev.jtwisted.web.http_headers;
