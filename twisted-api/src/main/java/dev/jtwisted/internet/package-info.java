/**
 * The reactor's interfaces, the protocol base classes and the errors they raise.
 * Twisted: {@code twisted.internet.interfaces}, {@code twisted.internet.protocol},
 * {@code twisted.internet.error}.
 *
 * <p>Threads: everything here is called on the reactor thread unless its Javadoc says otherwise.
 */
package dev.jtwisted.internet;
