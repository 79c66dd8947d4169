package dev.jtwisted.samples.echo;

import dev.jtwisted.internet.Factory;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.IStreamServerEndpoint;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.samples.ServerSample;
import dev.jtwisted.samples.Serving;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An echo server: listens on {@code --interface} (127.0.0.1 by default) and {@code --port}
 * (8000; 0 for any free port), prints {@code NAME listening on HOST:PORT}, and echoes until
 * Ctrl-C. One sample per framing, each made by a factory method here; they differ only in the
 * protocol their factory builds. Each is also a {@code twistd} plugin of the same name
 * ({@code twistd echo-line --port 8000}).
 *
 * <p>Twisted: {@code echoserv.py} from Twisted's examples: a {@code Factory} whose
 * {@code protocol} is {@code Echo}, {@code listenTCP(8000, f)}, {@code reactor.run()}. Here the
 * port comes from an endpoint string ({@code serverFromString(reactor, "tcp:8000:interface=...")}),
 * as the training recommends, so the address is configuration.
 */
public final class EchoServer extends ServerSample {
    private final String name;
    private final String description;
    private final Supplier<? extends Protocol> protocol;

    private EchoServer(String name, String description, Supplier<? extends Protocol> protocol) {
        this.name = name;
        this.description = description;
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    /** {@code echo}: writes back every byte. Twisted: {@code echoserv.py} itself. */
    public static EchoServer raw() {
        return new EchoServer("echo", "Echo server: writes back whatever bytes arrive (Twisted's echoserv.py)",
                Echo::new);
    }

    /** {@code echo-line}: a {@code LineReceiver} sending back each line with {@code sendLine}. */
    public static EchoServer lines() {
        return new EchoServer("echo-line", "Line echo server: a LineReceiver sends back each line", LineEcho::new);
    }

    /** {@code echo-netstring}: a {@code NetstringReceiver} sending back each netstring. */
    public static EchoServer netstrings() {
        return new EchoServer("echo-netstring", "Netstring echo server: a NetstringReceiver sends back each netstring",
                NetstringEcho::new);
    }

    /** {@code echo-int32}: an {@code Int32StringReceiver} sending back each length-prefixed string. */
    public static EchoServer int32Strings() {
        return new EchoServer("echo-int32",
                "Length-prefixed echo server: an Int32StringReceiver sends back each string", Int32Echo::new);
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
        return Serving.listen(name, endpoint, Factory.forProtocol(protocol));
    }

    @Override
    public String toString() {
        return "EchoServer(" + name + ")";
    }
}
