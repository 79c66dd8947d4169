/**
 * Tests against real Python Twisted peers: jtwisted servers driven by Twisted clients, and the
 * reverse, with the Twisted programs run as child processes. Twisted: none (the peers are it).
 */
package dev.jtwisted.interop;
