/**
 * In-memory stand-ins for the reactor and transports, for tests.
 * Twisted: {@code twisted.internet.testing}.
 *
 * <p>They ship in the main jar, as Twisted ships them, so that any module's tests (and
 * twisted-api's own) can use them without a test-jar dependency. Not thread-safe: use them from
 * the test's thread.
 */
package dev.jtwisted.internet.testing;
