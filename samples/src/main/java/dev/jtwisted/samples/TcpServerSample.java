package dev.jtwisted.samples;

import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The commonest server sample: one factory on one TCP port, {@code --port} (0 for any free
 * port) and {@code --interface} (127.0.0.1 unless given), plus any options of its own. The echo
 * servers, the training's first servers and the URL proxies are each one of these, made by a
 * factory method that says what it serves.
 *
 * <pre>{@code
 * ServerSample echo = TcpServerSample.of("echo", "Echo server", 8000,
 *         (args, reactor) -> Factory.forProtocol(Echo::new));
 * }</pre>
 *
 * <p>Twisted: {@code endpoints.serverFromString(reactor, "tcp:8000").listen(factory)} then
 * {@code reactor.run()}, the shape of the training's servers.
 */
public final class TcpServerSample extends ServerSample {
    private final String name;
    private final String description;
    private final int defaultPort;
    private final List<Option> ownOptions;
    private final BiFunction<Args, IReactor, ? extends IProtocolFactory> factory;

    private TcpServerSample(String name, String description, int defaultPort, List<Option> ownOptions,
            BiFunction<Args, IReactor, ? extends IProtocolFactory> factory) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.defaultPort = defaultPort;
        this.ownOptions = List.copyOf(ownOptions);
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * A sample serving what {@code factory} makes from the command line and the reactor, once
     * per run.
     */
    public static TcpServerSample of(String name, String description, int defaultPort,
            BiFunction<Args, IReactor, ? extends IProtocolFactory> factory) {
        return new TcpServerSample(name, description, defaultPort, List.of(), factory);
    }

    /** The same sample with {@code options} after {@code --port} and {@code --interface}. */
    public TcpServerSample withOptions(Option... options) {
        List<Option> all = new ArrayList<>(ownOptions);
        all.addAll(List.of(options));
        return new TcpServerSample(name, description, defaultPort, all, factory);
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
        List<Option> options = new ArrayList<>(
                List.of(Option.port(defaultPort), Option.interfaceAddress("127.0.0.1")));
        options.addAll(ownOptions);
        return options;
    }

    @Override
    protected Serving serving(Args args, IReactor reactor) {
        return Serving.listen(name, tcpEndpoint(reactor, args), factory.apply(args, reactor));
    }

    @Override
    public String toString() {
        return "TcpServerSample(" + name + ")";
    }
}
