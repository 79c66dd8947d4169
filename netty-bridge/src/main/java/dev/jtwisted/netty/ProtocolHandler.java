package dev.jtwisted.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * Drives one {@link dev.jtwisted.internet.IProtocol} from a Netty channel's events, through the
 * channel's {@link ChannelTransport}: active builds the protocol and makes the connection, reads
 * become {@code dataReceived}, end of input (or TLS's {@code close_notify}) becomes
 * {@code readConnectionLost} (or a clean close), a TLS handshake becomes
 * {@code handshakeCompleted}, inactive becomes {@code connectionLost}. The last handler of the pipeline: it passes
 * nothing on. Not API.
 *
 * <p>The channel needs {@code ALLOW_HALF_CLOSURE} for end of input to reach it as an event.
 */
final class ProtocolHandler extends ChannelInboundHandlerAdapter {
    private final ConnectionOwner owner;
    private ChannelTransport transport;

    ProtocolHandler(ConnectionOwner owner) {
        this.owner = owner;
    }

    /** This channel's transport; null until the handler is added to a pipeline. */
    ChannelTransport transport() {
        return transport;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        transport = new ChannelTransport(ctx.channel(), owner);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        transport.onActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        transport.onRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        transport.onReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownEvent.INSTANCE) {
            transport.onInputShutdown();
        } else if (evt instanceof SslHandshakeCompletionEvent) {
            transport.onHandshake((SslHandshakeCompletionEvent) evt);
        } else if (evt == SslCloseCompletionEvent.SUCCESS) {
            // The peer's close_notify: the end of its TLS stream, as a FIN ends a TCP stream.
            transport.onInputShutdown();
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        transport.onWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset peer, or a bug below us: this connection closes with it as the reason.
        transport.onException(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        transport.onInactive();
    }
}
