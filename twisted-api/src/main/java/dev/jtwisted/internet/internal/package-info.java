/**
 * Not API: building blocks shared by jtwisted's own reactors (the Netty reactor in netty-bridge
 * and {@code MemoryReactor} in the test kit). They may change in any release; applications use
 * the interfaces of {@code dev.jtwisted.internet} instead.
 * Twisted: the private parts of {@code twisted.internet.base}.
 */
package dev.jtwisted.internet.internal;
