package dev.jtwisted.internet.defer;

import java.util.List;

/** Placeholder being replaced by the DeferredList implementation. */
public final class DeferredList {
    private DeferredList() {}

    static <T> Deferred<List<T>> gather(List<? extends Deferred<? extends T>> deferreds, boolean consumeErrors) {
        throw new UnsupportedOperationException();
    }
}
