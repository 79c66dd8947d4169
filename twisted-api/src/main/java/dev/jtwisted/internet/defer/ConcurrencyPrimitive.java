package dev.jtwisted.internet.defer;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The acquire-run-release logic shared by {@link DeferredLock} and {@link DeferredSemaphore}.
 *
 * <p>Kept package-private, as Twisted keeps its base class private: users only see the lock and
 * the semaphore.
 *
 * <p>Twisted: {@code twisted.internet.defer._ConcurrencyPrimitive.run}.
 */
final class ConcurrencyPrimitive {
    private ConcurrencyPrimitive() {}

    /**
     * Checks {@code f} (before acquiring, so a bad call leaves nothing held), then acquires;
     * once that fires, calls {@code f} (which may return a Deferred) and calls
     * {@code release} when its result, success or failure, is there; the returned Deferred then
     * fires with that result.
     */
    @SuppressWarnings("unchecked")
    static <R> Deferred<R> run(Supplier<? extends Deferred<?>> acquire, Runnable release, Callable<?> f) {
        Objects.requireNonNull(f, "f");
        return acquire.get().addCallbackDeferring(ignored -> Defer.maybeDeferred(f).addBoth(result -> {
            release.run();
            return (R) result;
        }));
    }
}
