/**
 * Stand-ins for testing resources without a reactor or a socket: {@link
 * dev.jtwisted.web.test.DummyRequest} records what a resource writes. It ships in the main jar,
 * next to the reactor test kit ({@code dev.jtwisted.internet.testing}), as Twisted ships its own;
 * the package keeps Twisted's module name so that ported tests import it from the same place.
 *
 * <p>Twisted: {@code twisted.web.test.requesthelper}.
 */
package dev.jtwisted.web.test;
