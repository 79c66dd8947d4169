package dev.jtwisted.samples.upper;

import dev.jtwisted.internet.Factory;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.IStreamServerEndpoint;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.samples.ServerSample;
import dev.jtwisted.samples.Serving;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

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
public final class UpperServer extends ServerSample {
    private final String name;
    private final String description;
    private final Supplier<? extends IProtocolFactory> factory;

    private UpperServer(String name, String description, Supplier<? extends IProtocolFactory> factory) {
        this.name = name;
        this.description = description;
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * {@code null}: accepts connections and ignores everything, with a factory whose protocol
     * is the base {@link Protocol}, which implements no event. Twisted: the training's first
     * server, {@code factory.protocol = protocol.Protocol}.
     */
    public static UpperServer nothing() {
        return new UpperServer("null", "Do-nothing server: accepts connections and ignores everything (training)",
                () -> Factory.forProtocol(Protocol::new));
    }

    /** {@code upper}: sends back what it receives in upper case and closes. Twisted: {@code upperserver.py}. */
    public static UpperServer upper() {
        return new UpperServer("upper", "Uppercase server: sends back what it receives in upper case (training)",
                () -> ServerFactory.forProtocol(UpperProtocol::new));
    }

    /**
     * {@code counting}: the upper server whose factory counts the clients and tells each one how
     * many are connected. Twisted: the training's exercise on {@code upperserver.py}.
     */
    public static UpperServer counting() {
        return new UpperServer("counting",
                "Counting server: tells each client how many clients are connected, then uppercases (training)",
                CountingFactory::new);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<Option> options() {
        return List.of(Option.port(8000), Option.interfaceAddress("127.0.0.1"));
    }

    @Override
    protected Serving serving(Args args, IReactor reactor) {
        IStreamServerEndpoint endpoint = tcpEndpoint(reactor, args);
        return Serving.listen(name, endpoint, factory.get());
    }

    @Override
    public String toString() {
        return "UpperServer(" + name + ")";
    }
}
