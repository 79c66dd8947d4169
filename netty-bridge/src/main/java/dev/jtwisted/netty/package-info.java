/**
 * The bridge from jtwisted's Twisted-shaped API to Netty: the reactor, transports, endpoints,
 * TLS and HTTP on Netty channels, event loops and promises. Nothing else depends on Netty.
 * Twisted: the reactor implementations of {@code twisted.internet}.
 */
package dev.jtwisted.netty;
