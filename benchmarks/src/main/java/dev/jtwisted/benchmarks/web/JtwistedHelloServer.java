package dev.jtwisted.benchmarks.web;

import dev.jtwisted.benchmarks.echo.Flags;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.endpoints.Endpoints;
import dev.jtwisted.netty.NettyReactor;
import dev.jtwisted.web.iweb.IRequest;
import dev.jtwisted.web.resource.Resource;
import dev.jtwisted.web.server.Site;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The jtwisted side of the web benchmark: a {@link Site} whose {@code /hello} resource renders
 * {@code hello}, on the jtwisted reactor, as Twisted's {@code web_server.py} does in Python.
 * Every response carries the {@code Server}, {@code Date}, {@code Content-Type} and
 * {@code Content-Length} headers a Twisted Site sends; the access log goes to SLF4J, which this
 * jar leaves unbound (so it is off, as for the other rows).
 *
 * <p>Prints {@code LISTENING <port>} once bound and serves until killed.
 *
 * <pre>
 * java -cp benchmarks.jar dev.jtwisted.benchmarks.web.JtwistedHelloServer \
 *     [--host 127.0.0.1] [--port 0] [--event-loops 1]
 * </pre>
 */
public final class JtwistedHelloServer {
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    private JtwistedHelloServer() {}

    /** Renders {@code hello}. Twisted: a {@code Resource} with {@code isLeaf} and {@code render_GET}. */
    static final class Hello extends Resource {
        Hello() {
            isLeaf = true;
        }

        public byte[] render_GET(IRequest request) {
            return HELLO;
        }
    }

    public static void main(String[] args) {
        Flags flags = Flags.parse(args, Set.of("host", "port", "event-loops"));
        String host = flags.string("host", "127.0.0.1");
        int port = flags.integer("port", 0, 0);
        int eventLoops = flags.integer("event-loops", 1, 1);

        Resource root = new Resource();
        root.putChild("hello", new Hello());
        IReactor reactor = NettyReactor.builder().name("web").eventLoops(eventLoops).build();
        reactor.callWhenRunning(() -> Endpoints.serverFromString(reactor,
                        "tcp:" + port + ":interface=" + host + ":backlog=1024")
                .listen(new Site(root))
                .addCallbacks(listening -> {
                    System.out.println("LISTENING " + ((IPv4Address) ((IListeningPort) listening).getHost()).port());
                    return null;
                }, failure -> {
                    System.err.println("JtwistedHelloServer: cannot listen: " + failure.getErrorMessage());
                    reactor.stop();
                    return null;
                }));
        reactor.run();
    }
}
