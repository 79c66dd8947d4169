package dev.jtwisted.samples.notify;

import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.protocols.basic.LineReceiver;
import dev.jtwisted.python.failure.Failure;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public interface of the notification protocol ({@link NotifyProtocol}): requests that
 * return Deferreds, and notifications dispatched to methods a subclass overrides. The protocol
 * author parses every line here, so user code "only focuses on processing the events".
 *
 * <ul>
 *   <li>{@link #random()} and {@link #classified()} send a request and return a Deferred of its
 *       answer; several may be in flight, answered in order, so the pending Deferreds wait in a
 *       queue. An {@code error: ...} answer fails the request with a {@link NotifyError};
 *       a lost connection fails every pending request.
 *   <li>{@link #startNotify()} and {@link #stopNotify()} switch the server's notification mode.
 *   <li>A {@code notif: random} line calls {@link #randomAvailable()}, {@code notif: classified}
 *       calls {@link #classifiedAvailable()}; both do nothing unless overridden. Notifications
 *       that arrive after {@link #stopNotify()} (sent before the server read it) are dropped.
 * </ul>
 * An answer with no request pending, or a notification of an unknown kind, means the server is
 * not speaking this protocol: the connection is dropped.
 *
 * <p>Threads: as every protocol, use it on its reactor thread, or from an
 * {@code inlineCallbacks} body started there.
 *
 * <p>Twisted: the talk's {@code Client(basic.LineReceiver)} with {@code classified()},
 * {@code random()} ({@code command("random?").addCallback(gotRandom)}), {@code notify()},
 * {@code stopNotify()} and the dispatching {@code lineReceived}. Java's {@code Object.notify()}
 * is final, so {@code notify()} is {@link #startNotify()} here; and the talk's single
 * {@code self.d} is a queue, so that requests may overlap.
 */
public class NotificationClient extends LineReceiver {
    private static final Logger log = LoggerFactory.getLogger(NotificationClient.class);

    private final Deque<Deferred<String>> pending = new ArrayDeque<>();
    private boolean notifying;
    private Failure lost;

    /** Asks for a classified ad. Twisted: {@code Client.classified}. */
    public Deferred<String> classified() {
        return command("classified?");
    }

    /**
     * Asks for a random number. Twisted: {@code Client.random}, whose {@code gotRandom}
     * callback turns the line into an {@code int}.
     *
     * @return fails with {@code NumberFormatException} if the answer is not a number
     */
    public Deferred<Integer> random() {
        return command("random?").addCallback(Integer::parseInt);
    }

    /**
     * Asks the server to switch to notification mode. Twisted: {@code Client.notify}, "request the
     * server to switch to notification mode".
     */
    public void startNotify() {
        notifying = true;
        sendLine("notify");
    }

    /** Asks the server to switch back to requests only. Twisted: {@code Client.stopNotify}. */
    public void stopNotify() {
        notifying = false;
        sendLine("stop");
    }

    /** Whether notifications are wanted: after {@link #startNotify()}, until {@link #stopNotify()}. */
    public boolean notifying() {
        return notifying;
    }

    /** Called when a {@code notif: random} arrives: a random number is available. */
    protected void randomAvailable() {}

    /** Called when a {@code notif: classified} arrives: a classified ad is available. */
    protected void classifiedAvailable() {}

    /** Sends {@code cmd} and queues the Deferred of its answer. Twisted: {@code Client.command}. */
    private Deferred<String> command(String cmd) {
        if (lost != null) {
            return Defer.fail(new ConnectionDone("the connection is closed: " + lost.getErrorMessage(),
                    lost.value()));
        }
        if (transport == null) {
            return Defer.fail(new IllegalStateException("not connected yet: " + this));
        }
        Deferred<String> d = new Deferred<>();
        pending.add(d);
        sendLine(cmd);
        return d;
    }

    /** Dispatches a notification, or fires the oldest pending request. Twisted: {@code Client.lineReceived}. */
    @Override
    public void lineReceived(byte[] bytes) {
        String line = decode(bytes);
        if (line.startsWith("notif:")) {
            String kind = line.substring("notif:".length()).strip();
            if (!kind.equals("random") && !kind.equals("classified")) {
                log.warn("{}: unknown notification '{}'; disconnecting", this, line);
                transport.loseConnection();
            } else if (!notifying) {
                log.debug("{}: '{}' after stop; dropped", this, line);
            } else if (kind.equals("random")) {
                randomAvailable();
            } else {
                classifiedAvailable();
            }
            return;
        }
        Deferred<String> d = pending.poll();
        if (d == null) {
            log.warn("{}: answer '{}' with no request pending; disconnecting", this, line);
            transport.loseConnection();
        } else if (line.startsWith("error: ")) {
            d.errback(new NotifyError(line.substring("error: ".length())));
        } else {
            d.callback(line);
        }
    }

    /** Fails every pending request with {@code reason}, oldest first. */
    @Override
    public void connectionLost(Failure reason) {
        lost = reason;
        List<Deferred<String>> failing = new ArrayList<>(pending);
        pending.clear();
        for (Deferred<String> d : failing) {
            d.errback(reason);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + (transport == null ? "not connected" : transport.getPeer())
                + ", " + pending.size() + " pending" + (notifying ? ", notifying" : "") + ")";
    }
}
