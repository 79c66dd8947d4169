/**
 * The echo server, the first program of every networking tutorial, in four framings: raw bytes
 * ({@code echo}), lines ({@code echo-line}), netstrings ({@code echo-netstring}) and strings
 * with a 32-bit length prefix ({@code echo-int32}). The framed ones show the rules of the
 * {@code protocols.basic} receivers on a real socket: frames split or packed any way, empty
 * frames, and a connection lost on a frame too long or malformed.
 * Twisted: {@code echoserv.py} from Twisted's examples, on {@code twisted.internet.protocol} and
 * {@code twisted.protocols.basic}.
 */
package dev.jtwisted.samples.echo;
