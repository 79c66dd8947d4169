package dev.jtwisted.samples.notify;

import dev.jtwisted.internet.task.LoopingCall;
import dev.jtwisted.protocols.basic.LineReceiver;
import dev.jtwisted.python.failure.Failure;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification server's side of a connection. Requests, each answered with one line:
 * <pre>
 * random?       -> 46774
 * classified?   -> nice flat in the 11e
 * </pre>
 * and two that switch modes and are not answered: {@code notify} starts the notification mode,
 * in which the server pushes a notification every interval, {@code notif: random} and
 * {@code notif: classified} in turn, saying that a new one is available; {@code stop} ends it.
 * Requests are answered in both modes. Anything else gets one line
 * {@code error: unknown command '...'; try random?, classified?, notify or stop}, and the
 * connection stays open.
 *
 * <p>The notifications come from a {@link LoopingCall} on the factory's clock, started by
 * {@code notify}, stopped by {@code stop} and when the connection is lost.
 *
 * <p>Twisted: the server of the talk's notification client (the talk shows only its exchanges:
 * {@code "random?\n"} answered {@code "46774\n"}, {@code "classified?\n"} answered
 * {@code "nice flat in the 11e\n"}, and {@code notify}, {@code notif: random}, {@code stop}).
 */
final class NotifyProtocol extends LineReceiver {
    private static final Logger log = LoggerFactory.getLogger(NotifyProtocol.class);

    private final NotifyFactory factory;
    /** Pushes the notifications while in notification mode; null otherwise. */
    private LoopingCall notifier;
    /** How many notifications this connection got, to alternate their kinds. */
    private int sent;

    NotifyProtocol(NotifyFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public void lineReceived(byte[] bytes) {
        String line = decode(bytes);
        switch (line) {
            case "random?" -> sendLine(Integer.toString(factory.random()));
            case "classified?" -> sendLine(factory.classified());
            case "notify" -> startNotifying();
            case "stop" -> stopNotifying();
            default -> sendLine("error: unknown command '" + abbreviate(line)
                    + "'; try random?, classified?, notify or stop");
        }
    }

    /** Whether the connection is in notification mode. */
    boolean notifying() {
        return notifier != null;
    }

    private void startNotifying() {
        if (notifier != null) {
            return;
        }
        LoopingCall loop = new LoopingCall(this::pushNotification);
        loop.setClock(factory.clock());
        notifier = loop;
        loop.start(factory.interval(), false).addErrback((Failure f) -> {
            log.error("{}: the notifications stopped on an error; closing the connection", this, f.value());
            transport.loseConnection();
            return null;
        });
    }

    private void stopNotifying() {
        if (notifier != null) {
            LoopingCall loop = notifier;
            notifier = null;
            loop.stop();
        }
    }

    private void pushNotification() {
        sendLine(sent++ % 2 == 0 ? "notif: random" : "notif: classified");
    }

    @Override
    public void connectionLost(Failure reason) {
        stopNotifying();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
