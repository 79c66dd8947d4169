/**
 * The training's simple clients, four steps from printing whatever comes back to matching each
 * answer to its request, stopping when all are in, and timing them: one connection per word,
 * all in parallel, to the uppercase server.
 * Twisted: the EuroPython 2012 Twisted training, part 2 ({@code simpleclient.py} to
 * {@code simpleclient4.py}), on {@code twisted.internet.protocol}, {@code endpoints} and
 * {@code defer}.
 */
package dev.jtwisted.samples.simpleclient;
