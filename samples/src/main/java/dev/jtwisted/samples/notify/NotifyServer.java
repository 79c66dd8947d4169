package dev.jtwisted.samples.notify;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.IStreamServerEndpoint;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.samples.Seconds;
import dev.jtwisted.samples.ServerSample;
import dev.jtwisted.samples.Serving;
import java.util.List;
import java.util.Random;

/**
 * {@code notify-server}: the server of the talk's notification client. Listens on
 * {@code --interface} (127.0.0.1) and {@code --port} (6789, the talk's), answers
 * {@code random?} and {@code classified?}, and in notification mode pushes a notification every
 * {@code --interval} seconds (1) ({@link NotifyProtocol}). Try it with {@code nc -C 127.0.0.1
 * 6789}; also the {@code twistd notify-server} plugin.
 *
 * <p>Twisted: the server the talk's client connects to with {@code reactor.connectTCP(
 * "localhost", 6789, factory)}.
 */
public final class NotifyServer extends ServerSample {
    /** The talk's port. */
    public static final int DEFAULT_PORT = 6789;

    @Override
    public String name() {
        return "notify-server";
    }

    @Override
    public String description() {
        return "Notification server: answers random? and classified?, pushes notif: lines in notify mode";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.port(DEFAULT_PORT), Option.interfaceAddress("127.0.0.1"),
                Option.value("interval", "SECONDS", "seconds between two notifications; fractions allowed", "1"));
    }

    @Override
    protected Serving serving(Args args, IReactor reactor) {
        double interval = Seconds.parse("--interval", args.value("interval"));
        IStreamServerEndpoint endpoint = tcpEndpoint(reactor, args);
        return Serving.listen(name(), endpoint, new NotifyFactory(reactor, interval, new Random()));
    }

    @Override
    public String toString() {
        return "NotifyServer(notify-server)";
    }
}
