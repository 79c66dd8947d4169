package dev.jtwisted.samples.notify;

import dev.jtwisted.internet.ClientCreator;
import dev.jtwisted.internet.task.Task;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.samples.Context;
import dev.jtwisted.samples.HostPort;
import dev.jtwisted.samples.Sample;
import java.util.List;

/**
 * {@code notify-client}: the talk's notification client. Connects to a notification server at
 * {@code --server} (127.0.0.1:6789), prints a random number and a classified ad, switches to
 * notification mode, answers {@code --count} notifications (3) by fetching what each
 * announces, then closes the connection and exits:
 * <pre>
 * random: 46774
 * classified: nice flat in the 11e
 * notif: random
 * random: 8817
 * notif: classified
 * classified: bike for sale, barely ridden
 * notif: random
 * random: 1207
 * done after 3 notifications
 * </pre>
 * {@code --style callbacks} ({@link CallbacksClient}) and {@code --style inline}
 * ({@link InlineClient}) run the same protocol class and print the same lines; only the user
 * code differs. Exits with 1 if the server cannot be reached or closes the connection first.
 *
 * <p>Twisted: the talk's {@code factory = protocol.ClientFactory()},
 * {@code factory.protocol = MyClient}, {@code reactor.connectTCP("localhost", 6789, factory)},
 * {@code reactor.run()}.
 */
public final class NotifyClient implements Sample {
    /** Seconds to wait for the connection. */
    static final double CONNECT_TIMEOUT = 10;

    @Override
    public String name() {
        return "notify-client";
    }

    @Override
    public String description() {
        return "Notification client: random()/classified() Deferreds and notification callbacks, "
                + "in callback or inline style";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.value("server", "HOST:PORT", "the notification server to connect to",
                        "127.0.0.1:" + NotifyServer.DEFAULT_PORT),
                Option.choice("style", "STYLE", "how the user code is written: callbacks or inline",
                        "callbacks", List.of("callbacks", "inline")),
                Option.integer("count", "N", "notifications to handle before exiting", 3, 1, 1000));
    }

    @Override
    public void run(Args args, Context context) throws Exception {
        HostPort server = HostPort.parse("--server", args.value("server"));
        int count = args.intValue("count");
        MyClient client = args.value("style").equals("inline")
                ? new InlineClient(context.out(), count)
                : new CallbacksClient(context.out(), count);
        // Twisted's task.react: run the reactor until the Deferred fires, then stop it.
        Task.react(context.reactor(), reactor -> new ClientCreator<>(reactor, () -> client)
                .connectTCP(server.host(), server.port(), CONNECT_TIMEOUT)
                .addCallbackDeferring(connected -> connected.done()));
    }
}
