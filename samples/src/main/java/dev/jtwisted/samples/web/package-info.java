/**
 * The training's web examples: a resource tree ({@code web-tree}), a response written a piece
 * at a time over a few seconds ({@code web-slow}), and Fibonacci numbers computed in a thread
 * pool without blocking the server ({@code fib}).
 * Twisted: {@code web2.py}, {@code web3.py} and {@code web5.py} of the EuroPython 2012 Twisted
 * training, part 2, on {@code twisted.web.resource} and {@code twisted.web.server}.
 */
package dev.jtwisted.samples.web;
