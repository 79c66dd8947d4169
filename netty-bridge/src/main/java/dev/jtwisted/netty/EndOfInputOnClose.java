package dev.jtwisted.netty;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/**
 * Reports end of input for channels that close on it instead: Netty's NIO and io_uring UNIX
 * domain channels ignore {@code ALLOW_HALF_CLOSURE} (their configs are not socket configs) and
 * just close when the peer does. A close that nobody asked for (no {@code close()} went down the
 * pipeline) and no exception explains can only be that, so this fires
 * {@link ChannelInputShutdownEvent} just before the inactive event, and the transport reports a
 * clean close as {@code ConnectionDone}, as on TCP. Sits in front of the {@link ProtocolHandler}.
 * Not API.
 *
 * <p>What it cannot give back: a half-closed peer ends the whole connection on those channels.
 */
final class EndOfInputOnClose extends ChannelDuplexHandler {
    private boolean explained;

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        explained = true;
        ctx.close(promise);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        explained = true;
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownEvent.INSTANCE) {
            explained = true;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!explained) {
            explained = true;
            ctx.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        }
        ctx.fireChannelInactive();
    }
}
