/**
 * A pool of threads to hand blocking work to, away from the reactor thread.
 * Twisted: {@code twisted.python.threadpool}.
 */
package dev.jtwisted.python.threadpool;
