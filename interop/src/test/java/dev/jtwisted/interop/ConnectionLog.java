package dev.jtwisted.interop;

import dev.jtwisted.python.failure.Failure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What the connections of a jtwisted server (or of a client's connections) did: bytes echoed,
 * the reason each was lost, and the receiver's complaint about its peer. The reactor thread
 * records; the test thread waits for connections to be made or closed, then asserts.
 *
 * <p>Threads: any; a monitor guards it.
 */
final class ConnectionLog {
    /**
     * One closed connection: how many bytes it echoed, why it was lost, and what its receiver
     * made of a peer that broke the framing (as {@code echo_server.py} names it), or null.
     */
    record Closed(int id, long bytes, Class<? extends Throwable> reason, String message, String error) {}

    private final List<Closed> closed = new ArrayList<>();
    private int made;

    /** Records a new connection; returns its id for {@link #lost}. Reactor thread. */
    synchronized int made() {
        notifyAll();
        return made++;
    }

    /** Records that connection {@code id} echoed {@code bytes} in all and was lost. Reactor thread. */
    void lost(int id, long bytes, Failure reason) {
        lost(id, bytes, reason, null);
    }

    /** {@link #lost(int, long, Failure)}, with the receiver's {@code error} (may be null). */
    synchronized void lost(int id, long bytes, Failure reason, String error) {
        closed.add(new Closed(id, bytes, reason.type(), reason.getErrorMessage(), error));
        notifyAll();
    }

    /**
     * Waits until at least {@code n} connections were made.
     *
     * @throws AssertionError if that does not happen within {@code timeout}
     */
    synchronized void awaitMade(int n, Duration timeout) {
        awaitUntil(() -> made >= n, timeout, "wanted " + n + " made");
    }

    /**
     * Waits until at least {@code n} connections were closed.
     *
     * @throws AssertionError if that does not happen within {@code timeout}
     */
    synchronized void awaitClosed(int n, Duration timeout) {
        awaitUntil(() -> closed.size() >= n, timeout, "wanted " + n + " closed");
    }

    /**
     * Waits until at least {@code atLeast} connections were made and every one made is closed.
     *
     * @return the closed connections, in the order they closed
     * @throws AssertionError if that does not happen within {@code timeout}
     */
    synchronized List<Closed> awaitAllClosed(int atLeast, Duration timeout) {
        awaitUntil(() -> made >= atLeast && closed.size() >= made, timeout,
                "wanted " + atLeast + " made, and all closed");
        return List.copyOf(closed);
    }

    /** The closed connections so far, in the order they were made (by id). */
    synchronized List<Closed> closedById() {
        return closed.stream().sorted(Comparator.comparingInt(Closed::id)).toList();
    }

    /** Waits on this monitor, which the caller holds, until {@code done}; bounded by {@code timeout}. */
    private void awaitUntil(BooleanSupplier done, Duration timeout, String wanted) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("after " + timeout + ": " + made + " connections made, "
                            + closed.size() + " closed (" + wanted + "): " + closed);
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for connections (" + wanted + ")", e);
        }
    }
}
