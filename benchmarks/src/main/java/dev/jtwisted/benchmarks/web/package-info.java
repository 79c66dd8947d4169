/**
 * The web-server benchmark: {@code wrk} loads a "hello" resource served by a plain Netty HTTP
 * handler ({@link dev.jtwisted.benchmarks.web.NettyHelloServer}), by a jtwisted {@code Site}
 * ({@link dev.jtwisted.benchmarks.web.JtwistedHelloServer}) and by Python Twisted's {@code Site},
 * in the same run on the same machine. Run outside the tests with {@code benchmarks/web.sh}.
 *
 * <p>Twisted: {@code twisted.web.server.Site} serving a {@code Resource}.
 */
package dev.jtwisted.benchmarks.web;
