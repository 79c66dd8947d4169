package dev.jtwisted.interop;

import dev.jtwisted.python.failure.Failure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the connections of a jtwisted server did: bytes echoed and the reason each was lost.
 * The reactor thread records; the test thread waits for every connection to close, then
 * asserts.
 *
 * <p>Threads: any; a monitor guards it.
 */
final class ConnectionLog {
    /** One closed connection: how many bytes it echoed, and why it was lost. */
    record Closed(int id, long bytes, Class<? extends Throwable> reason, String message) {}

    private final List<Closed> closed = new ArrayList<>();
    private int made;

    /** Records a new connection; returns its id for {@link #lost}. Reactor thread. */
    synchronized int made() {
        return made++;
    }

    /** Records that connection {@code id} echoed {@code bytes} in all and was lost. Reactor thread. */
    synchronized void lost(int id, long bytes, Failure reason) {
        closed.add(new Closed(id, bytes, reason.type(), reason.getErrorMessage()));
        notifyAll();
    }

    /**
     * Waits until at least {@code atLeast} connections were made and every one made is closed.
     *
     * @return the closed connections, in the order they closed
     * @throws AssertionError if that does not happen within {@code timeout}
     */
    synchronized List<Closed> awaitAllClosed(int atLeast, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (made < atLeast || closed.size() < made) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("after " + timeout + ": " + made + " connections made (wanted "
                            + atLeast + "), " + closed.size() + " closed: " + closed);
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for connections to close", e);
        }
        return List.copyOf(closed);
    }
}
