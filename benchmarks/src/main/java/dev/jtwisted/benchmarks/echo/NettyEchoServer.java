package dev.jtwisted.benchmarks.echo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;

/**
 * The baseline of the echo benchmark: a plain Netty echo handler, written as Netty's own echo
 * example writes it (write each buffer back, flush when the read burst ends). It is what a Netty
 * user would write by hand, so jtwisted's echo is measured against the fair, idiomatic thing.
 *
 * <p>With {@code --framing line|netstring|int32} it echoes frames instead: Netty's
 * {@code LineBasedFrameDecoder}, a netstring decoder, or {@code LengthFieldBasedFrameDecoder} with
 * {@code LengthFieldPrepender}, and a handler that writes each frame back in the same framing,
 * flushing once per read burst: the plain Netty way to write what {@code protocols.basic} does.
 *
 * <p>With {@code --tls-cert CERT.pem --tls-key KEY.pem} every connection gets an {@code SslHandler}
 * first (the JDK's provider), as a Netty user adds TLS: the baseline of the TLS echo rows.
 *
 * <p>Prints {@code LISTENING <port>} once bound and serves until killed.
 *
 * <pre>
 * java -cp benchmarks.jar dev.jtwisted.benchmarks.echo.NettyEchoServer \
 *     [--host 127.0.0.1] [--port 0] [--threads N] [--transport auto|epoll|nio] [--framing raw]
 *     [--tls-cert CERT.pem --tls-key KEY.pem]
 * </pre>
 * {@code --threads} defaults to the processors this process may run on (1 under
 * {@code taskset -c 0}).
 */
public final class NettyEchoServer {
    private NettyEchoServer() {}

    /**
     * Writes back every buffer it reads (raw), or every frame its decoder produces in the same
     * framing; flushes once per read burst.
     */
    @Sharable
    static final class EchoHandler extends ChannelInboundHandlerAdapter {
        private final Framing framing;

        EchoHandler(Framing framing) {
            this.framing = framing;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            framing.writeFrame(ctx, (ByteBuf) msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // The load tool resets its connections when a run ends; anything else is news.
            if (!(cause instanceof IOException)) {
                System.err.println("NettyEchoServer: closing " + ctx.channel() + ": " + cause);
            }
            ctx.close();
        }
    }

    public static void main(String[] args) throws Exception {
        Flags flags = Flags.parse(args, Set.of("host", "port", "threads", "transport", "framing", "tls-cert",
                "tls-key"));
        String host = flags.string("host", "127.0.0.1");
        int port = flags.integer("port", 0, 0);
        int threads = flags.integer("threads", Runtime.getRuntime().availableProcessors(), 1);
        Transports transport = Transports.named(flags.string("transport", "auto"));
        Framing framing = Framing.named(flags.string("framing", "raw"));
        SslContext tls = flags.has("tls-cert")
                ? SslContextBuilder.forServer(new File(flags.string("tls-cert", null)),
                        new File(flags.string("tls-key", flags.string("tls-cert", null))))
                        .sslProvider(SslProvider.JDK).build()
                : null;

        EventLoopGroup group = transport.group(threads);
        Runtime.getRuntime().addShutdownHook(new Thread(group::shutdownGracefully, "echo-shutdown"));
        EchoHandler echoHandler = new EchoHandler(framing);
        ChannelHandler echo = framing == Framing.RAW && tls == null ? echoHandler : new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                if (tls != null) {
                    ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                }
                framing.addCodec(ch.pipeline());
                ch.pipeline().addLast(echoHandler);
            }
        };
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(echo)
                .bind(host, port)
                .sync()
                .channel();
        System.err.println("NettyEchoServer: " + transport + ", " + threads + " event loop thread(s), framing "
                + framing + (tls == null ? "" : ", TLS"));
        System.out.println("LISTENING " + ((InetSocketAddress) server.localAddress()).getPort());
        server.closeFuture().sync();
    }
}
