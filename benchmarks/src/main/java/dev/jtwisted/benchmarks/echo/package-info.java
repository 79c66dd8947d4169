/**
 * The echo-server benchmark: a Netty load tool, {@link dev.jtwisted.benchmarks.echo.EchoLoad},
 * measures the echo throughput of a plain Netty handler
 * ({@link dev.jtwisted.benchmarks.echo.NettyEchoServer}), of a jtwisted {@code Protocol}
 * ({@link dev.jtwisted.benchmarks.echo.JtwistedEchoServer}) and of Python Twisted, in the same
 * run on the same machine, so that jtwisted's overhead over Netty is a ratio, not a guess.
 * Run outside the tests with {@code benchmarks/echo.sh}.
 *
 * <p>Twisted: the echo server of Twisted's examples ({@code echoserv.py}).
 */
package dev.jtwisted.benchmarks.echo;
