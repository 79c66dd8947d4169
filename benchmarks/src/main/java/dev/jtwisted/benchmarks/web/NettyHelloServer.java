package dev.jtwisted.benchmarks.web;

import dev.jtwisted.benchmarks.echo.Flags;
import dev.jtwisted.benchmarks.echo.Transports;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The baseline of the web benchmark: Netty's own "hello world" HTTP server, as its example
 * ({@code io.netty.example.http.helloworld}) writes it: {@code HttpServerCodec}, the
 * 100-continue handler, and a handler that answers each request with a full response
 * ({@code Content-Type}, {@code Content-Length}, keep-alive as the request asks), flushing once
 * per read burst.
 *
 * <p>Prints {@code LISTENING <port>} once bound and serves until killed.
 *
 * <pre>
 * java -cp benchmarks.jar dev.jtwisted.benchmarks.web.NettyHelloServer \
 *     [--host 127.0.0.1] [--port 0] [--threads N] [--transport auto|epoll|nio]
 * </pre>
 */
public final class NettyHelloServer {
    private static final byte[] CONTENT = "hello".getBytes(StandardCharsets.US_ASCII);

    private NettyHelloServer() {}

    static final class HelloHandler extends SimpleChannelInboundHandler<HttpObject> {
        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (!(msg instanceof HttpRequest)) {
                return;
            }
            HttpRequest req = (HttpRequest) msg;
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            FullHttpResponse response = new DefaultFullHttpResponse(req.protocolVersion(), HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(CONTENT));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            if (keepAlive) {
                if (!req.protocolVersion().isKeepAliveDefault()) {
                    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                }
            } else {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            if (keepAlive) {
                ctx.write(response);
            } else {
                ctx.write(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!(cause instanceof IOException)) {
                System.err.println("NettyHelloServer: closing " + ctx.channel() + ": " + cause);
            }
            ctx.close();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Flags flags = Flags.parse(args, Set.of("host", "port", "threads", "transport"));
        String host = flags.string("host", "127.0.0.1");
        int port = flags.integer("port", 0, 0);
        int threads = flags.integer("threads", Runtime.getRuntime().availableProcessors(), 1);
        Transports transport = Transports.named(flags.string("transport", "auto"));

        EventLoopGroup group = transport.group(threads);
        Runtime.getRuntime().addShutdownHook(new Thread(group::shutdownGracefully, "hello-shutdown"));
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpServerExpectContinueHandler(),
                                new HelloHandler());
                    }
                })
                .bind(host, port)
                .sync()
                .channel();
        System.err.println("NettyHelloServer: " + transport + ", " + threads + " event loop thread(s)");
        System.out.println("LISTENING " + ((InetSocketAddress) server.localAddress()).getPort());
        server.closeFuture().sync();
    }
}
