package dev.jtwisted.benchmarks.echo;

import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.internet.endpoints.Endpoints;
import dev.jtwisted.netty.NettyReactor;
import dev.jtwisted.protocols.basic.Int32StringReceiver;
import dev.jtwisted.protocols.basic.LineReceiver;
import dev.jtwisted.protocols.basic.NetstringReceiver;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * The jtwisted side of the echo benchmark: Twisted's echo protocol on the jtwisted reactor, the
 * program whose throughput is compared with {@link NettyEchoServer}'s.
 *
 * <p>Prints {@code LISTENING <port>} once bound and serves until killed. {@code --event-loops N}
 * spreads the connections over N loop threads (the reactor's multi-loop mode). {@code --views true}
 * echoes through {@code dataReceived(ByteBuffer)} and {@code write(ByteBuffer)}, the zero-copy
 * path, instead of byte arrays. {@code --framing line|netstring|int32} echoes frames with
 * {@code protocols.basic}'s receivers instead: {@code LineReceiver} (each line back with
 * {@code sendLine}), {@code NetstringReceiver} or {@code Int32StringReceiver}, as the Python row
 * does with Twisted's own. {@code --tls-cert CERT.pem --tls-key KEY.pem} listens with TLS,
 * through an {@code ssl:} endpoint description as a Twisted program would.
 *
 * <pre>
 * java -cp benchmarks.jar dev.jtwisted.benchmarks.echo.JtwistedEchoServer \
 *     [--host 127.0.0.1] [--port 0] [--event-loops 1] [--views false] [--framing raw]
 *     [--tls-cert CERT.pem --tls-key KEY.pem]
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

    /** Each line back with {@code sendLine}. Twisted: a {@code LineReceiver} echo. */
    static final class LineEcho extends LineReceiver {
        @Override
        public void lineReceived(byte[] line) {
            sendLine(line);
        }
    }

    static final class NetstringEcho extends NetstringReceiver {
        @Override
        public void stringReceived(byte[] string) {
            sendString(string);
        }
    }

    static final class Int32Echo extends Int32StringReceiver {
        @Override
        public void stringReceived(byte[] string) {
            sendString(string);
        }
    }

    /** The echo protocol for {@code framing}, or the zero-copy raw one with {@code views}. */
    static IProtocolFactory factory(Framing framing, boolean views) {
        switch (framing) {
            case LINE:
                return ServerFactory.forProtocol(LineEcho::new);
            case NETSTRING:
                return ServerFactory.forProtocol(NetstringEcho::new);
            case INT32:
                return ServerFactory.forProtocol(Int32Echo::new);
            default:
                return views ? ServerFactory.forProtocol(ViewEcho::new) : ServerFactory.forProtocol(Echo::new);
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
        Flags flags = Flags.parse(args, Set.of("host", "port", "event-loops", "views", "framing", "tls-cert",
                "tls-key"));
        String host = flags.string("host", "127.0.0.1");
        int port = flags.integer("port", 0, 0);
        int eventLoops = flags.integer("event-loops", 1, 1);
        boolean views = flags.bool("views", false);
        Framing framing = Framing.named(flags.string("framing", "raw"));
        if (views && framing != Framing.RAW) {
            throw new IllegalArgumentException("--views true echoes raw bytes; it takes no --framing");
        }
        IProtocolFactory factory = factory(framing, views);

        IReactor reactor = newReactor(eventLoops);
        if (flags.has("tls-cert")) {
            String cert = flags.string("tls-cert", null);
            String description = "ssl:" + port + ":interface=" + Endpoints.quoteStringArgument(host) + ":backlog=1024"
                    + ":certKey=" + Endpoints.quoteStringArgument(cert)
                    + ":privateKey=" + Endpoints.quoteStringArgument(flags.string("tls-key", cert));
            reactor.callWhenRunning(() -> Endpoints.serverFromString(reactor, description).listen(factory)
                    .addCallback(listening -> {
                        System.out.println("LISTENING " + ((IPv4Address) listening.getHost()).port());
                        return null;
                    })
                    .addErrback(failure -> {
                        System.err.println("JtwistedEchoServer: cannot listen: " + failure.getErrorMessage());
                        reactor.stop();
                        return null;
                    }));
        } else {
            reactor.callWhenRunning(() -> {
                IListeningPort listening = reactor.listenTCP(port, factory, 1024, host);
                System.out.println("LISTENING " + ((IPv4Address) listening.getHost()).port());
            });
        }
        reactor.run();
    }
}
