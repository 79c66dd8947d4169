package dev.jtwisted.internet.threads;

import dev.jtwisted.internet.IReactorThreads;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.python.threadpool.ThreadPool;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Blocking code and the reactor thread, both ways: run a callable on a pool and get its result
 * as a Deferred on the reactor thread, or run a callable on the reactor thread and wait for it
 * from another one.
 *
 * <p>Twisted: {@code twisted.internet.threads}.
 */
public final class Threads {
    private Threads() {}

    /**
     * Runs {@code f} on the reactor's thread pool; the returned Deferred fires on the reactor
     * thread with its result, or fails with what it threw.
     *
     * <p>Twisted: {@code threads.deferToThread}.
     */
    public static <T> Deferred<T> deferToThread(IReactorThreads reactor, Callable<? extends T> f) {
        Objects.requireNonNull(reactor, "reactor");
        Objects.requireNonNull(f, "f");
        Deferred<T> d = new Deferred<>();
        reactor.callInThread(new Runnable() {
            @Override
            public void run() {
                T result;
                try {
                    result = f.call();
                } catch (Throwable t) {
                    Failure failure = new Failure(t);
                    reactor.callFromThread(() -> d.errback(failure));
                    return;
                }
                reactor.callFromThread(() -> d.callback(result));
            }

            @Override
            public String toString() {
                return "deferToThread(" + f + ")";
            }
        });
        return d;
    }

    /**
     * Runs {@code f} on {@code threadpool}; the returned Deferred fires on the reactor thread
     * with its result, or fails with what it threw (or with {@link IllegalStateException} if the
     * pool is stopped).
     *
     * <p>Twisted: {@code threads.deferToThreadPool}.
     */
    public static <T> Deferred<T> deferToThreadPool(
            IReactorThreads reactor, ThreadPool threadpool, Callable<? extends T> f) {
        Objects.requireNonNull(reactor, "reactor");
        Objects.requireNonNull(threadpool, "threadpool");
        Objects.requireNonNull(f, "f");
        Deferred<T> d = new Deferred<>();
        threadpool.callInThreadWithCallback((success, result) -> {
            if (success) {
                @SuppressWarnings("unchecked")
                T value = (T) result;
                reactor.callFromThread(() -> d.callback(value));
            } else {
                Failure failure = (Failure) result;
                reactor.callFromThread(() -> d.errback(failure));
            }
        }, f);
        return d;
    }

    /**
     * Runs {@code calls} one after another on a single thread of the reactor's pool; an
     * exception stops the rest and is logged by the pool.
     *
     * <p>Twisted: {@code threads.callMultipleInThread}.
     */
    public static void callMultipleInThread(IReactorThreads reactor, List<? extends Runnable> calls) {
        Objects.requireNonNull(reactor, "reactor");
        List<Runnable> copy = List.copyOf(calls);
        reactor.callInThread(new Runnable() {
            @Override
            public void run() {
                for (Runnable call : copy) {
                    call.run();
                }
            }

            @Override
            public String toString() {
                return "callMultipleInThread(" + copy + ")";
            }
        });
    }

    /**
     * Runs {@code f} on the reactor thread and waits, on this thread, for its result; when
     * {@code f} returns a Deferred, waits for that Deferred's result. What {@code f} throws, or
     * the Deferred fails with, is rethrown here unchanged.
     *
     * <p>A callable that returns a Deferred should go through
     * {@link #blockingCallFromThreadDeferring}, which types the result; this form still waits for
     * it, but then returns its result typed as the Deferred itself.
     *
     * @throws IllegalStateException if called on the reactor's own thread, where it could only
     *     deadlock (known from {@link IReactorThreads#isInIOThread()})
     * @throws InterruptedException if this thread is interrupted while waiting
     *
     * <p>Twisted: {@code threads.blockingCallFromThread}.
     */
    public static <T> T blockingCallFromThread(IReactorThreads reactor, Callable<? extends T> f)
            throws Exception {
        Objects.requireNonNull(reactor, "reactor");
        Objects.requireNonNull(f, "f");
        if (reactor.isInIOThread()) {
            throw new IllegalStateException("blockingCallFromThread(" + f
                    + ") called on the reactor thread of " + reactor + ": it would wait for itself");
        }
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        reactor.callFromThread(() -> Defer.maybeDeferred(f).addBoth(result -> {
            outcome.complete(result);
            return null;
        }));
        Object result;
        try {
            result = outcome.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("blockingCallFromThread outcome failed: " + f, e.getCause());
        }
        if (result instanceof Failure) {
            throw ((Failure) result).raiseException();
        }
        @SuppressWarnings("unchecked")
        T value = (T) result;
        return value;
    }

    /**
     * {@link #blockingCallFromThread} for a callable that returns a Deferred: waits for that
     * Deferred and returns its result.
     */
    @SuppressWarnings("unchecked")
    public static <T> T blockingCallFromThreadDeferring(
            IReactorThreads reactor, Callable<? extends Deferred<? extends T>> f) throws Exception {
        return (T) blockingCallFromThread(reactor, (Callable<Object>) (Callable<?>) f);
    }
}
