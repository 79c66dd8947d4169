package dev.jtwisted.interop;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * What a test extension started and must end after each test (child processes): ended newest
 * first, every one of them even if ending one fails, the first failure thrown at the end with
 * the others suppressed in it.
 */
final class Started<T> {
    private final Deque<T> started = new ArrayDeque<>();

    /** Adds {@code t}, to be ended by the next {@link #endAll}. */
    T add(T t) {
        synchronized (started) {
            started.push(t);
        }
        return t;
    }

    /** Ends everything added so far with {@code end}, newest first. */
    void endAll(Consumer<? super T> end) {
        AssertionError failure = null;
        while (true) {
            T t;
            synchronized (started) {
                t = started.poll();
            }
            if (t == null) {
                break;
            }
            try {
                end.accept(t);
            } catch (AssertionError e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
