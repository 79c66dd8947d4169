/**
 * The errback demo again, written as sequential code with {@code inlineCallbacks}: awaits in
 * place of callbacks, {@code try/catch} in place of errbacks.
 * Twisted: the inline-callbacks examples of the EuroPython 2012 Twisted training, on
 * {@code twisted.internet.defer.inlineCallbacks}.
 */
package dev.jtwisted.samples.inline;
