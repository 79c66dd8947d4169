package dev.jtwisted.benchmarks.echo;

import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.netty.NettyReactor;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * The jtwisted side of the echo benchmark: Twisted's echo protocol on the jtwisted reactor, the
 * program whose throughput is compared with {@link NettyEchoServer}'s.
 *
 * <p>Prints {@code LISTENING <port>} once bound and serves until killed. {@code --event-loops N}
 * spreads the connections over N loop threads (the reactor's multi-loop mode). {@code --views true}
 * echoes through {@code dataReceived(ByteBuffer)} and {@code write(ByteBuffer)}, the zero-copy
 * path, instead of byte arrays.
 *
 * <pre>
 * java -cp benchmarks.jar dev.jtwisted.benchmarks.echo.JtwistedEchoServer \
 *     [--host 127.0.0.1] [--port 0] [--event-loops 1] [--views false]
 * </pre>
 *
 * <p>Twisted: {@code docs/core/examples/echoserv.py}.
 */
public final class JtwistedEchoServer {
    private JtwistedEchoServer() {}

    /** Writes back what it receives. Twisted: {@code Echo} in {@code echoserv.py}. */
    static final class Echo extends Protocol {
        @Override
        public void dataReceived(byte[] data) {
            transport.write(data);
        }
    }

    /** Writes back the read buffer's own view: no copy either way. */
    static final class ViewEcho extends Protocol {
        @Override
        public void dataReceived(ByteBuffer data) {
            transport.write(data);
        }
    }

    /**
     * A new reactor with {@code eventLoops} loop threads, on the best transport (epoll where
     * available, as {@link NettyEchoServer} uses) with TCP_NODELAY, the reactor's default.
     */
    static IReactor newReactor(int eventLoops) {
        return NettyReactor.builder().name("echo").eventLoops(eventLoops).build();
    }

    public static void main(String[] args) {
        Flags flags = Flags.parse(args, Set.of("host", "port", "event-loops", "views"));
        String host = flags.string("host", "127.0.0.1");
        int port = flags.integer("port", 0, 0);
        int eventLoops = flags.integer("event-loops", 1, 1);
        boolean views = flags.bool("views", false);

        IReactor reactor = newReactor(eventLoops);
        reactor.callWhenRunning(() -> {
            IListeningPort listening = reactor.listenTCP(port, views
                    ? ServerFactory.forProtocol(ViewEcho::new)
                    : ServerFactory.forProtocol(Echo::new), 1024, host);
            System.out.println("LISTENING " + ((IPv4Address) listening.getHost()).port());
        });
        reactor.run();
    }
}
