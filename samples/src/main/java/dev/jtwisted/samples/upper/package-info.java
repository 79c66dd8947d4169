/**
 * The training's first servers, each one step on from the last: a server that accepts
 * connections and does nothing ({@code null}), one that sends back what it receives in upper
 * case ({@code upper}), and one whose factory counts the clients connected and tells each new
 * one ({@code counting}).
 * Twisted: the EuroPython 2012 Twisted training, part 1 ({@code upperserver.py} and its
 * counting exercise), on {@code twisted.internet.protocol}.
 */
package dev.jtwisted.samples.upper;
