/**
 * Line, netstring and length-prefixed protocols, parsed without Netty.
 * Twisted: {@code twisted.protocols.basic}.
 */
package dev.jtwisted.protocols.basic;
