package dev.jtwisted.netty;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringDomainSocketChannel;
import io.netty.channel.uring.IoUringServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.util.Locale;

/**
 * Which Netty transport a {@link NettyReactor} runs on: Linux epoll, Linux io_uring, or Java NIO
 * (everywhere). Chosen with {@link NettyReactor.Builder#backend} or the system property
 * {@value #PROPERTY}; by default the best available: epoll, else NIO. io_uring is used only when
 * asked for, since many kernels and container sandboxes restrict it.
 *
 * <p>Twisted: the choice between {@code epollreactor}, {@code pollreactor} and
 * {@code selectreactor}.
 */
public enum IoBackend {
    /** Java NIO selectors: every platform. */
    NIO,
    /** Linux epoll through Netty's native transport. */
    EPOLL,
    /** Linux io_uring through Netty's native transport. */
    IO_URING;

    /** The system property naming the backend: {@code epoll}, {@code io_uring} or {@code nio}. */
    public static final String PROPERTY = "jtwisted.reactor";

    /** Whether this backend can run here (native library loaded, kernel support). */
    public boolean isAvailable() {
        switch (this) {
            case EPOLL:
                return Epoll.isAvailable();
            case IO_URING:
                return IoUring.isAvailable();
            default:
                return true;
        }
    }

    /** Why this backend cannot run here, or null if it can. */
    public Throwable unavailabilityCause() {
        switch (this) {
            case EPOLL:
                return Epoll.unavailabilityCause();
            case IO_URING:
                return IoUring.unavailabilityCause();
            default:
                return null;
        }
    }

    /** The best backend available: epoll, else NIO. */
    public static IoBackend best() {
        return EPOLL.isAvailable() ? EPOLL : NIO;
    }

    /**
     * The backend named by {@value #PROPERTY}, else {@link #best()}.
     *
     * @throws IllegalArgumentException if the property names no backend
     */
    public static IoBackend fromSystemProperty() {
        String name = System.getProperty(PROPERTY);
        if (name == null || name.isBlank()) {
            return best();
        }
        return parse(name);
    }

    /**
     * The backend called {@code name}: {@code epoll}, {@code io_uring} (or {@code iouring}),
     * {@code nio}, case-insensitive.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static IoBackend parse(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "epoll":
                return EPOLL;
            case "io_uring":
            case "iouring":
            case "io-uring":
                return IO_URING;
            case "nio":
                return NIO;
            default:
                throw new IllegalArgumentException(
                        PROPERTY + " must be epoll, io_uring or nio: " + name);
        }
    }

    IoHandlerFactory handlerFactory() {
        switch (this) {
            case EPOLL:
                return EpollIoHandler.newFactory();
            case IO_URING:
                return IoUringIoHandler.newFactory();
            default:
                return NioIoHandler.newFactory();
        }
    }

    ServerChannel newServerChannel(boolean ipv6) {
        SocketProtocolFamily family = ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
        switch (this) {
            case EPOLL:
                return new EpollServerSocketChannel(family);
            case IO_URING:
                return new IoUringServerSocketChannel();
            default:
                return new NioServerSocketChannel(SelectorProvider.provider(), family);
        }
    }

    SocketChannel newSocketChannel(boolean ipv6) {
        SocketProtocolFamily family = ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
        switch (this) {
            case EPOLL:
                return new EpollSocketChannel(family);
            case IO_URING:
                return new IoUringSocketChannel();
            default:
                return new NioSocketChannel(SelectorProvider.provider(), family);
        }
    }

    DatagramChannel newDatagramChannel(boolean ipv6) {
        SocketProtocolFamily family = ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
        switch (this) {
            case EPOLL:
                return new EpollDatagramChannel(family);
            case IO_URING:
                return new IoUringDatagramChannel(family);
            default:
                return new NioDatagramChannel(SelectorProvider.provider(), family);
        }
    }

    /** A listening UNIX-domain stream socket: the native ones, or the JDK's (16+) for NIO. */
    ServerChannel newServerDomainChannel() {
        switch (this) {
            case EPOLL:
                return new EpollServerDomainSocketChannel();
            case IO_URING:
                return new IoUringServerDomainSocketChannel();
            default:
                return new NioServerDomainSocketChannel(SelectorProvider.provider());
        }
    }

    Channel newDomainSocketChannel() {
        switch (this) {
            case EPOLL:
                return new EpollDomainSocketChannel();
            case IO_URING:
                return new IoUringDomainSocketChannel();
            default:
                return new NioDomainSocketChannel(SelectorProvider.provider());
        }
    }

    /** {@code path} as the address type this backend's domain sockets take. */
    SocketAddress domainAddress(String path) {
        return this == NIO ? UnixDomainSocketAddress.of(path) : new DomainSocketAddress(path);
    }
}
