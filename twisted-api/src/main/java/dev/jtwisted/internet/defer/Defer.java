package dev.jtwisted.internet.defer;

import dev.jtwisted.python.failure.Failure;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The functions of Twisted's {@code twisted.internet.defer} module: {@code succeed}, {@code fail},
 * {@code maybeDeferred}, {@code execute}, {@code gatherResults}, {@code inlineCallbacks} and
 * {@code await}.
 *
 * <p>Twisted: {@code twisted.internet.defer}.
 */
public final class Defer {
    private static final Logger log = LoggerFactory.getLogger(Defer.class);

    private Defer() {}

    /** A Deferred that has already fired with {@code result}. Twisted: {@code defer.succeed}. */
    public static <T> Deferred<T> succeed(T result) {
        Deferred<T> d = new Deferred<>();
        d.callback(result);
        return d;
    }

    /** A Deferred that has already failed with {@code error}. Twisted: {@code defer.fail}. */
    public static <T> Deferred<T> fail(Throwable error) {
        Deferred<T> d = new Deferred<>();
        d.errback(error);
        return d;
    }

    /** A Deferred that has already failed with {@code failure}. Twisted: {@code defer.fail}. */
    public static <T> Deferred<T> fail(Failure failure) {
        Deferred<T> d = new Deferred<>();
        d.errback(failure);
        return d;
    }

    /**
     * Calls {@code f} now and wraps what happened in a fired Deferred: its value, or its
     * exception as a failure.
     *
     * <p>Twisted: {@code defer.execute}.
     */
    public static <T> Deferred<T> execute(Callable<? extends T> f) {
        Objects.requireNonNull(f, "f");
        T value;
        try {
            value = f.call();
        } catch (Throwable t) {
            return fail(t);
        }
        return succeed(value);
    }

    /**
     * Calls {@code f}, which may or may not return a Deferred, and always gives back a Deferred:
     * the one it returned, or a fired one with its value, its returned {@link Failure} or its
     * exception.
     *
     * <p>Twisted: {@code defer.maybeDeferred}.
     */
    @SuppressWarnings("unchecked")
    public static <T> Deferred<T> maybeDeferred(Callable<? extends T> f) {
        Objects.requireNonNull(f, "f");
        Object value;
        try {
            value = f.call();
        } catch (Throwable t) {
            return fail(t);
        }
        if (value instanceof Deferred) {
            return (Deferred<T>) value;
        }
        if (value instanceof Failure) {
            return fail((Failure) value);
        }
        return succeed((T) value);
    }

    /** {@link #maybeDeferred} for a function typed to return a Deferred. */
    @SuppressWarnings("unchecked")
    public static <T> Deferred<T> maybeDeferredDeferring(
            Callable<? extends Deferred<? extends T>> f) {
        return (Deferred<T>) maybeDeferred((Callable<Object>) (Callable<?>) f);
    }

    /**
     * An errback that logs the failure through SLF4J and passes it on.
     *
     * <p>Twisted: {@code defer.logError}.
     */
    public static <T> T logError(Failure failure) {
        log.error("Unhandled error in Deferred chain", failure.value());
        throw failure.raiseException();
    }

    /** The identity callback. Twisted: {@code defer.passthru}. */
    public static <T> T passthru(T result) {
        return result;
    }

    /** Same as {@link Deferred#setDebugging}. Twisted: {@code defer.setDebugging}. */
    public static void setDebugging(boolean on) {
        Deferred.setDebugging(on);
    }

    /** Same as {@link Deferred#getDebugging}. Twisted: {@code defer.getDebugging}. */
    public static boolean getDebugging() {
        return Deferred.getDebugging();
    }

    /**
     * A Deferred of the results of {@code deferreds}, in their order, once all have succeeded;
     * fails with {@link FirstError} as soon as one fails. The other failures stay unhandled
     * (and are logged) unless {@code consumeErrors} is set.
     *
     * <p>Twisted: {@code defer.gatherResults}.
     */
    public static <T> Deferred<List<T>> gatherResults(
            List<? extends Deferred<? extends T>> deferreds, boolean consumeErrors) {
        return DeferredList.gather(deferreds, consumeErrors);
    }

    /** {@link #gatherResults(List, boolean)} without consuming errors. */
    public static <T> Deferred<List<T>> gatherResults(List<? extends Deferred<? extends T>> deferreds) {
        return gatherResults(deferreds, false);
    }

    /**
     * Runs {@code body} as sequential-looking code: inside it, {@link #await} waits for a
     * Deferred and returns its result (or throws its exception, so {@code try/catch} works), and
     * returning a value fires the Deferred this method returns.
     *
     * <p>The body runs at once, on its own thread, while the calling thread waits; when it awaits
     * an unfired Deferred, the caller goes on, and the body resumes inside whatever later fires
     * that Deferred, which in turn waits. So the body never runs at the same time as the reactor
     * code around it, as in Twisted. Cancelling the returned Deferred cancels the awaited one.
     * The body's thread is virtual on JDKs that have them (21+), a platform thread otherwise; it
     * ends with the body. A body whose awaited Deferred never fires keeps its thread.
     *
     * <p>Twisted: {@code defer.inlineCallbacks}; {@code returnValue(x)} is {@code return x}.
     */
    public static <T> Deferred<T> inlineCallbacks(Callable<T> body) {
        return InlineCallbacks.start(body);
    }

    /**
     * Waits for {@code d} inside an {@link #inlineCallbacks} body and returns its result; a
     * failure is thrown as its original exception.
     *
     * <p>Declared to throw {@code Exception} so that a body can catch the checked exceptions
     * of the Deferreds it awaits; the body is a {@link Callable}, so it may let them through.
     *
     * @throws Exception the exception the awaited Deferred failed with, unwrapped
     * @throws IllegalStateException when called outside an {@code inlineCallbacks} body
     *
     * <p>Twisted: {@code yield d} in an {@code inlineCallbacks} generator.
     */
    public static <T> T await(Deferred<T> d) throws Exception {
        return InlineCallbacks.await(d);
    }
}
