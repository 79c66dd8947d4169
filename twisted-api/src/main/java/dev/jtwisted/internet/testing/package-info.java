/**
 * In-memory stand-ins for the reactor and transports, for tests.
 * Twisted: {@code twisted.internet.testing}.
 */
package dev.jtwisted.internet.testing;
