/**
 * An HTTP client written by hand on a {@code Protocol}: the request is a few lines written on
 * connect, and the response is everything read until the server closes the connection.
 * Twisted: {@code httpget.py}, exercise 3 of the EuroPython 2012 Twisted training, part 2 (the
 * training's own {@code getPage}), on {@code twisted.internet.protocol} and {@code defer}.
 */
package dev.jtwisted.samples.httpget;
