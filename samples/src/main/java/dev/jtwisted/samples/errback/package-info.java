/**
 * The errback demo: how a Deferred's chain switches between its callbacks and its errbacks.
 * Twisted: the errback demo of the EuroPython 2012 Twisted training (part 2), on
 * {@code twisted.internet.defer}.
 */
package dev.jtwisted.samples.errback;
