/**
 * {@link dev.jtwisted.python.failure.Failure}: an exception travelling down a Deferred's errback chain.
 * Twisted: {@code twisted.python.failure}.
 */
package dev.jtwisted.python.failure;
