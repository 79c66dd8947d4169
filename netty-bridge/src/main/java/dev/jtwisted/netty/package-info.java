/**
 * The reactor on Netty: {@link dev.jtwisted.netty.NettyReactor} runs Twisted's event loop,
 * timers, threads and TCP on Netty event loops (epoll, io_uring or NIO, see
 * {@link dev.jtwisted.netty.IoBackend}), and is the global reactor through
 * {@link dev.jtwisted.netty.NettyReactorProvider}. Everything else here is the bridge: a
 * {@code ProtocolHandler} drives a protocol from a channel's events and a
 * {@code ChannelTransport} is the protocol's transport over the channel. Nothing outside this
 * module depends on Netty.
 *
 * <p>Threads: a protocol, its transport and the Deferreds they fire live on one event loop
 * thread; see {@link dev.jtwisted.netty.NettyReactor} for what changes with several loops.
 *
 * <p>Twisted: the reactor implementations of {@code twisted.internet}
 * ({@code base}, {@code posixbase}, {@code tcp}, {@code abstract}).
 */
package dev.jtwisted.netty;
