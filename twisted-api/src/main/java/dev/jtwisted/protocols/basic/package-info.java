/**
 * Line, netstring and length-prefixed protocols, parsed without Netty.
 * Twisted: {@code twisted.protocols.basic}.
 *
 * <p>The receivers deliver and send bytes, as Twisted's do. For text, each has a protected
 * {@code charset} (UTF-8 unless a subclass sets another), a {@code String} twin of its send
 * method ({@code sendLine(String)}, {@code sendString(String)}) and a {@code decode(byte[])}
 * helper to call from the callback; the callbacks themselves take only {@code byte[]}, so
 * there is never a question of which overload runs.
 */
package dev.jtwisted.protocols.basic;
