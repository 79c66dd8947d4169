/**
 * Running blocking code on thread pools and getting its result back on the reactor thread as a
 * Deferred, and the way back: calling the reactor from another thread and waiting for it.
 * Twisted: {@code twisted.internet.threads}.
 */
package dev.jtwisted.internet.threads;
