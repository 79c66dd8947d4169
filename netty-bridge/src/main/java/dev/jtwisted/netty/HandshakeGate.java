package dev.jtwisted.netty;

import dev.jtwisted.internet.ssl.SSLError;
import dev.jtwisted.python.failure.Failure;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a TLS client connection back from its {@link ProtocolHandler} until the handshake has
 * completed: "active" is passed on only then, so the protocol is built on a connection whose
 * server has been verified, and a failed handshake is reported to the connector as a failed
 * connection (through {@code failed}) rather than as a lost one. Sits between the
 * {@code SslHandler} and the {@code ProtocolHandler}. Not API.
 *
 * <p>Threads: the channel's event loop.
 */
final class HandshakeGate extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(HandshakeGate.class);

    private final Consumer<Failure> failed;
    private boolean open;
    private boolean reported;
    /** Reads that came before the handshake's completion event, if any: passed on after it. */
    private ArrayDeque<Object> held;

    /** @param failed told once, on the event loop, if the handshake does not complete */
    HandshakeGate(Consumer<Failure> failed) {
        this.failed = failed;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (open) {
            ctx.fireChannelActive();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (open) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (evt instanceof SslHandshakeCompletionEvent) {
            SslHandshakeCompletionEvent done = (SslHandshakeCompletionEvent) evt;
            if (done.isSuccess()) {
                open = true;
                ctx.fireChannelActive();
                ctx.fireUserEventTriggered(evt);
                if (held != null) {
                    while (!held.isEmpty() && ctx.channel().isOpen()) {
                        ctx.fireChannelRead(held.poll());
                    }
                    releaseHeld();
                    ctx.fireChannelReadComplete();
                }
            } else {
                report(ctx, Tls.handshakeFailure(done.cause()));
            }
            return;
        }
        if (evt == ChannelInputShutdownEvent.INSTANCE) {
            report(ctx, new Failure(new SSLError(
                    "TLS handshake failed: the server closed the connection during the handshake")));
            return;
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (open) {
            ctx.fireChannelRead(msg);
        } else if (reported) {
            ReferenceCountUtil.release(msg);
        } else {
            if (held == null) {
                held = new ArrayDeque<>();
            }
            held.add(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (open) {
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (open) {
            ctx.fireChannelWritabilityChanged();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (open) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        // The handshake's completion event carries the same problem to the connector.
        log.debug("{} failed during the TLS handshake: {}", ctx.channel(), cause.toString());
        report(ctx, Tls.handshakeFailure(cause));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!open) {
            report(ctx, new Failure(new SSLError(
                    "TLS handshake failed: the connection closed during the handshake")));
            releaseHeld();
        }
        ctx.fireChannelInactive();
    }

    private void report(ChannelHandlerContext ctx, Failure reason) {
        if (reported) {
            return;
        }
        reported = true;
        releaseHeld();
        ctx.close();
        failed.accept(reason);
    }

    private void releaseHeld() {
        if (held != null) {
            while (!held.isEmpty()) {
                ReferenceCountUtil.release(held.poll());
            }
            held = null;
        }
    }
}
