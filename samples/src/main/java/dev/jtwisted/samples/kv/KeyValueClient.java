package dev.jtwisted.samples.kv;

import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.ConnectionLost;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.protocols.basic.LineReceiver;
import dev.jtwisted.python.failure.Failure;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of the kv protocol ({@link KeyValueProtocol}): {@link #get}, {@link #set} and
 * {@link #delete} each send one line at once and return a Deferred of the reply, so any number
 * of requests can be in flight on one connection (pipelining). The server answers in order, so
 * the replies are matched to the requests by a queue: each reply fires the oldest pending
 * Deferred.
 *
 * <ul>
 *   <li>{@code not found} fails the request with {@link KeyNotFound};
 *   <li>{@code error: MESSAGE} fails it with a {@link KeyValueError} of the server's message;
 *   <li>losing the connection fails every pending request with the reason
 *       ({@code ConnectionDone} or {@code ConnectionLost}), and later requests at once;
 *   <li>a key with a space or a line break, or a value with a line break, would change what the
 *       line means, and a line longer than the server's {@code MAX_LENGTH} ({@value #SERVER_MAX_LENGTH}
 *       bytes) would make it drop the connection and every request in flight on it; such a
 *       request fails at once with an {@link IllegalArgumentException}, without sending
 *       anything. Other mistakes, such as an empty key, are the server's to refuse.
 * </ul>
 * A reply the request does not allow, or one with no request pending, means replies and
 * requests no longer match: the connection is dropped, and the request fails with
 * {@code ConnectionLost}.
 *
 * <p>Threads: as every protocol, use it on its reactor thread; its Deferreds fire there.
 *
 * <p>Twisted: the training's {@code keyvalue_client2.py}, whose protocol keeps lists of
 * Deferreds, pops the oldest in {@code lineReceived} and errbacks it when the key is not found
 * ("we very definitely pop it out of the list because we never want to call it twice").
 */
public class KeyValueClient extends LineReceiver {
    private static final Logger log = LoggerFactory.getLogger(KeyValueClient.class);

    /** The longest line the kv server accepts, in bytes: {@code LineReceiver}'s default. */
    public static final int SERVER_MAX_LENGTH = 16384;

    /** The requests sent and not answered yet, oldest first. */
    private final Deque<Pending> pending = new ArrayDeque<>();
    /** Why the connection ended, once it has; null while it lasts. */
    private Failure lost;

    /**
     * Asks for the value of {@code key}.
     *
     * @return fires with the value, or fails with {@link KeyNotFound}
     */
    public Deferred<String> get(String key) {
        return request("get", key, null, "get " + key);
    }

    /**
     * Stores {@code value} under {@code key}; the server keeps it for its ttl.
     *
     * @return fires with null once the server has stored it
     */
    public Deferred<Void> set(String key, String value) {
        Objects.requireNonNull(value, "value");
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            return Defer.fail(new IllegalArgumentException("a value may not contain a line break: "
                    + abbreviate(value)));
        }
        return request("set", key, KeyValueProtocol.STORED, "set " + key + " " + value)
                .addCallback(stored -> (Void) null);
    }

    /**
     * Deletes {@code key}.
     *
     * @return fires with null once deleted, or fails with {@link KeyNotFound}
     */
    public Deferred<Void> delete(String key) {
        return request("delete", key, KeyValueProtocol.DELETED, "delete " + key)
                .addCallback(deleted -> (Void) null);
    }

    /** How many requests wait for their reply. */
    public int pendingRequests() {
        return pending.size();
    }

    /**
     * Whether requests can be sent: connected and not lost. A connection that is lost fails
     * later requests at once; make a new one.
     */
    public boolean isConnected() {
        return transport != null && lost == null && !transport.disconnecting();
    }

    /**
     * Sends {@code line} and queues its Deferred.
     *
     * @param expected the one success reply other than a value ({@code stored}), or null for
     *     {@code get}, whose success is any line but {@code not found} and errors
     */
    private Deferred<String> request(String command, String key, String expected, String line) {
        Objects.requireNonNull(key, "key");
        if (key.indexOf(' ') >= 0 || key.indexOf('\r') >= 0 || key.indexOf('\n') >= 0) {
            return Defer.fail(new IllegalArgumentException("a key may not contain a space or a line break: "
                    + abbreviate(key)));
        }
        if (lost != null) {
            return Defer.fail(new ConnectionDone("the connection to the kv server is closed: "
                    + lost.getErrorMessage(), lost.value()));
        }
        if (transport == null) {
            return Defer.fail(new IllegalStateException("not connected yet: " + this));
        }
        byte[] bytes = line.getBytes(charset);
        if (bytes.length > SERVER_MAX_LENGTH) {
            return Defer.fail(new IllegalArgumentException("line length (" + bytes.length
                    + ") exceeds the kv server's MAX_LENGTH (" + SERVER_MAX_LENGTH + ")"));
        }
        Deferred<String> d = new Deferred<>();
        pending.add(new Pending(command, key, expected, d));
        sendLine(bytes);
        return d;
    }

    @Override
    public void lineReceived(byte[] bytes) {
        String line = decode(bytes);
        Pending request = pending.poll();
        if (request == null) {
            log.warn("{}: unexpected reply '{}' with no request pending; disconnecting", this,
                    abbreviate(line));
            transport.loseConnection();
            return;
        }
        if (line.equals(KeyValueProtocol.NOT_FOUND) && !request.command().equals("set")) {
            request.d().errback(new KeyNotFound(request.key()));
        } else if (line.startsWith("error: ")) {
            request.d().errback(new KeyValueError(line.substring("error: ".length())));
        } else if (request.expected() == null || line.equals(request.expected())) {
            request.d().callback(line);
        } else {
            // Replies no longer match requests: nothing after this one can be trusted.
            String problem = "unexpected reply '" + abbreviate(line) + "' to " + request.command() + " "
                    + request.key();
            log.warn("{}: {}; disconnecting", this, problem);
            transport.loseConnection();
            request.d().errback(new ConnectionLost("the kv server sent an " + problem + "; disconnected"));
        }
    }

    /** Fails every pending request with {@code reason}, oldest first. */
    @Override
    public void connectionLost(Failure reason) {
        lost = reason;
        List<Pending> failing = new ArrayList<>(pending);
        pending.clear();
        for (Pending request : failing) {
            request.d().errback(reason);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }

    @Override
    public String toString() {
        return "KeyValueClient(" + (transport == null ? "not connected" : transport.getPeer()) + ", "
                + pending.size() + " pending)";
    }

    /** One request awaiting its reply. */
    private record Pending(String command, String key, String expected, Deferred<String> d) {}
}
