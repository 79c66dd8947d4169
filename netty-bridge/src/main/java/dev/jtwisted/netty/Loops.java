package dev.jtwisted.netty;

import dev.jtwisted.internet.internal.BodyThreads;
import io.netty.util.concurrent.EventExecutor;

/**
 * Hands work to an event loop from code that is not running on it.
 *
 * <p>An {@code inlineCallbacks} body runs on a thread of its own while the thread that resumed
 * it waits; when that thread is this loop, the body stands in for it. What the body asks of a
 * transport bound to the loop (a write, a close) then runs on the loop the moment the body hands
 * the turn back, ahead of anything else, so it keeps its place among the writes of the code
 * around the body, as in Twisted, where the body is the loop's own code.
 */
final class Loops {
    private Loops() {}

    /**
     * Runs {@code task} on {@code loop}, called from a thread that is not the loop: when the body
     * of an {@code inlineCallbacks} driven by the loop ends its turn, or else as a task of the
     * loop's queue.
     *
     * @throws java.util.concurrent.RejectedExecutionException if the loop has shut down
     */
    static void later(EventExecutor loop, Runnable task) {
        if (loop.inEventLoop(BodyThreads.root()) && BodyThreads.runWhenTurnEnds(task)) {
            return;
        }
        loop.execute(task);
    }
}
