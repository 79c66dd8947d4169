package dev.jtwisted.benchmarks.echo;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The Netty transport the benchmark programs use: epoll where the native library loads, NIO
 * elsewhere, or the one named by {@code --transport}. One choice for the load tool and the
 * baseline server, as the jtwisted reactor makes the same one.
 */
public enum Transports {
    EPOLL, NIO;

    /**
     * {@code auto}: epoll when available, else NIO; or exactly {@code epoll} or {@code nio}.
     *
     * @throws IllegalArgumentException for another name, or epoll where it does not load
     */
    public static Transports named(String name) {
        switch (name) {
            case "auto":
                return Epoll.isAvailable() ? EPOLL : NIO;
            case "epoll":
                Epoll.ensureAvailability();
                return EPOLL;
            case "nio":
                return NIO;
            default:
                throw new IllegalArgumentException("--transport must be auto, epoll or nio: " + name);
        }
    }

    public EventLoopGroup group(int threads) {
        return new MultiThreadIoEventLoopGroup(threads,
                this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    public Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends SocketChannel> channel() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
