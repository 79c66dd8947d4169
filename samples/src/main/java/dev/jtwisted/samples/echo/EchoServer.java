package dev.jtwisted.samples.echo;

import dev.jtwisted.internet.Factory;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.samples.ServerSample;
import dev.jtwisted.samples.TcpServerSample;
import java.util.function.Supplier;

/**
 * An echo server: listens on {@code --interface} (127.0.0.1 by default) and {@code --port}
 * (8000; 0 for any free port), prints {@code NAME listening on HOST:PORT}, and echoes until
 * Ctrl-C. One sample per framing, each made by a factory method here (a
 * {@link TcpServerSample}); they differ only in the protocol their factory builds. Each is also
 * a {@code twistd} plugin of the same name ({@code twistd echo-line --port 8000}).
 *
 * <p>Twisted: {@code echoserv.py} from Twisted's examples: a {@code Factory} whose
 * {@code protocol} is {@code Echo}, {@code listenTCP(8000, f)}, {@code reactor.run()}. Here the
 * port comes from an endpoint string ({@code serverFromString(reactor, "tcp:8000:interface=...")}),
 * as the training recommends, so the address is configuration.
 */
public final class EchoServer {
    private EchoServer() {}

    private static ServerSample echo(String name, String description, Supplier<? extends Protocol> protocol) {
        return TcpServerSample.of(name, description, 8000, (args, reactor) -> Factory.forProtocol(protocol));
    }

    /** {@code echo}: writes back every byte. Twisted: {@code echoserv.py} itself. */
    public static ServerSample raw() {
        return echo("echo", "Echo server: writes back whatever bytes arrive (Twisted's echoserv.py)", Echo::new);
    }

    /** {@code echo-line}: a {@code LineReceiver} sending back each line with {@code sendLine}. */
    public static ServerSample lines() {
        return echo("echo-line", "Line echo server: a LineReceiver sends back each line", LineEcho::new);
    }

    /** {@code echo-netstring}: a {@code NetstringReceiver} sending back each netstring. */
    public static ServerSample netstrings() {
        return echo("echo-netstring", "Netstring echo server: a NetstringReceiver sends back each netstring",
                NetstringEcho::new);
    }

    /** {@code echo-int32}: an {@code Int32StringReceiver} sending back each length-prefixed string. */
    public static ServerSample int32Strings() {
        return echo("echo-int32", "Length-prefixed echo server: an Int32StringReceiver sends back each string",
                Int32Echo::new);
    }
}
