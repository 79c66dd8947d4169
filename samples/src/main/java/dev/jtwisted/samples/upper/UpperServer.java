package dev.jtwisted.samples.upper;

import dev.jtwisted.internet.Factory;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.samples.ServerSample;
import dev.jtwisted.samples.TcpServerSample;

/**
 * The training's first servers, one sample each, made by the factory methods here: they differ
 * only in the factory they serve. Each listens on {@code --interface} (127.0.0.1 by default)
 * and {@code --port} (8000; 0 for any free port), prints {@code NAME listening on HOST:PORT},
 * and serves until Ctrl-C; each is also a {@code twistd} plugin of the same name.
 *
 * <p>Twisted: the EuroPython 2012 training, part 1: {@code factory = protocol.ServerFactory();
 * factory.protocol = UpperProtocol}, listened on with an endpoint
 * ({@code endpoints.serverFromString(reactor, "tcp:8000")}), then {@code reactor.run()}. The
 * training recommends the endpoint over {@code listenTCP}: going from TCP to SSL or a UNIX
 * socket is a change of the string, not of the code.
 */
public final class UpperServer {
    private UpperServer() {}

    /**
     * {@code null}: accepts connections and ignores everything, with a factory whose protocol
     * is the base {@link Protocol}, which implements no event. Twisted: the training's first
     * server, {@code factory.protocol = protocol.Protocol}.
     */
    public static ServerSample nothing() {
        return TcpServerSample.of("null", "Do-nothing server: accepts connections and ignores everything (training)",
                8000, (args, reactor) -> Factory.forProtocol(Protocol::new));
    }

    /** {@code upper}: sends back what it receives in upper case and closes. Twisted: {@code upperserver.py}. */
    public static ServerSample upper() {
        return TcpServerSample.of("upper", "Uppercase server: sends back what it receives in upper case (training)",
                8000, (args, reactor) -> ServerFactory.forProtocol(UpperProtocol::new));
    }

    /**
     * {@code counting}: the upper server whose factory counts the clients and tells each one how
     * many are connected. Twisted: the training's exercise on {@code upperserver.py}.
     */
    public static ServerSample counting() {
        return TcpServerSample.of("counting",
                "Counting server: tells each client how many clients are connected, then uppercases (training)",
                8000, (args, reactor) -> new CountingFactory());
    }
}
