/**
 * The {@code web} plugin of the twistd runner: serves a directory or a resource class on an
 * endpoint. Twisted: {@code twisted.web.tap}.
 */
package dev.jtwisted.web.tap;
