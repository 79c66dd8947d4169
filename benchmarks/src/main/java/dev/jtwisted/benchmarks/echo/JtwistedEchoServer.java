package dev.jtwisted.benchmarks.echo;

import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.ServerFactory;
import java.util.Set;

/**
 * The jtwisted side of the echo benchmark: Twisted's echo protocol on the jtwisted reactor, the
 * program whose throughput is compared with {@link NettyEchoServer}'s.
 *
 * <p>Prints {@code LISTENING <port>} once bound and serves until killed. Exits with status 3,
 * saying why, while the reactor is not there yet.
 *
 * <pre>
 * java -cp benchmarks.jar dev.jtwisted.benchmarks.echo.JtwistedEchoServer \
 *     [--host 127.0.0.1] [--port 0]
 * </pre>
 *
 * <p>Twisted: {@code docs/core/examples/echoserv.py}.
 */
public final class JtwistedEchoServer {
    /** The exit status that says "no reactor yet", so that echo.sh reports it as such. */
    static final int NO_REACTOR = 3;

    private JtwistedEchoServer() {}

    /** Writes back what it receives. Twisted: {@code Echo} in {@code echoserv.py}. */
    static final class Echo extends Protocol {
        @Override
        public void dataReceived(byte[] data) {
            transport.write(data);
        }
    }

    /**
     * A new reactor, not yet running.
     * THE line to change when netty-bridge's reactor lands (e.g. {@code return
     * NettyReactor.builder().build();}); give it the same transport and TCP_NODELAY as
     * {@link NettyEchoServer} (epoll where available), so that the comparison stays fair.
     */
    static IReactor newReactor() {
        return dev.jtwisted.netty.NettyReactor.builder().name("echo").build();
    }

    public static void main(String[] args) {
        Flags flags = Flags.parse(args, Set.of("host", "port"));
        String host = flags.string("host", "127.0.0.1");
        int port = flags.integer("port", 0, 0);

        IReactor reactor;
        try {
            reactor = newReactor();
        } catch (UnsupportedOperationException e) {
            System.err.println("JtwistedEchoServer: jtwisted reactor not available: " + e.getMessage());
            System.exit(NO_REACTOR);
            return;
        }
        reactor.callWhenRunning(() -> {
            IListeningPort listening = reactor.listenTCP(port, ServerFactory.forProtocol(Echo::new), 1024, host);
            System.out.println("LISTENING " + ((IPv4Address) listening.getHost()).port());
        });
        reactor.run();
    }
}
