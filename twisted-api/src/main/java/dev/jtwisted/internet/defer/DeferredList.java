package dev.jtwisted.internet.defer;

import dev.jtwisted.python.failure.Failure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Deferred that fires once all the Deferreds of a list have fired, with one {@link Outcome}
 * per Deferred, in the list's order: a "join" of several asynchronous operations.
 *
 * <p>Use it to wait for several operations and look at each one's success or failure; use
 * {@link Defer#gatherResults} instead when any failure should fail the whole.
 *
 * <p>It works by adding a callback and errback to each Deferred of the list, so callbacks added
 * to them before see their results first, and callbacks added after see what the list's
 * callbacks return: the same result, or, for a failure with {@link Options#consumeErrors}, null.
 * Without {@code consumeErrors} a failure stays on its Deferred, and is logged as
 * "Unhandled error in Deferred" when that Deferred is garbage-collected unless something
 * handles it.
 *
 * <p>Reading the outcomes:
 *
 * <pre>{@code
 * new DeferredList<>(List.of(fetchA(), fetchB())).addCallback(outcomes -> {
 *     for (DeferredList.Outcome<String> o : outcomes) {
 *         if (o.success()) {
 *             use(o.result());
 *         } else {
 *             report(o.index(), o.failure());
 *         }
 *     }
 *     return null;
 * });
 * }</pre>
 *
 * <p>The one deliberate difference from Twisted: with {@link Options#fireOnOneCallback}, Twisted
 * fires with a {@code (result, index)} tuple; this class, whose result type is always a list,
 * fires with a one-element list holding that Deferred's {@link Outcome}, which carries the result
 * and the index. If every Deferred fails, it fires with the full list, as Twisted does.
 *
 * <p>Threads: no locks; like {@link Deferred}, it and its Deferreds belong to one thread at a
 * time, normally the reactor's.
 *
 * <p>Twisted: {@code twisted.internet.defer.DeferredList}.
 *
 * @param <T> the result type of the Deferreds in the list
 */
public final class DeferredList<T> extends Deferred<List<DeferredList.Outcome<T>>> {
    private static final Logger log = LoggerFactory.getLogger(DeferredList.class);

    private final List<Deferred<? extends T>> deferredList;
    private final Outcome<T>[] resultList;
    private final boolean fireOnOneCallback;
    private final boolean fireOnOneErrback;
    private final boolean consumeErrors;
    private int finishedCount;

    /**
     * A list that fires once every Deferred in {@code deferreds} has fired, with their outcomes.
     * An empty list fires at once with an empty list.
     *
     * <p>Twisted: {@code DeferredList(deferredList)}.
     *
     * @throws NullPointerException if {@code deferreds} or one of its elements is null
     */
    public DeferredList(List<? extends Deferred<? extends T>> deferreds) {
        this(deferreds, new Options());
    }

    /**
     * A list that fires as {@code options} say; see {@link Options}. The options are read now:
     * changing them later does not affect this list. An empty list fires at once with an empty
     * list, except with {@code fireOnOneCallback}, where, as in Twisted, it never fires.
     *
     * <p>Twisted: {@code DeferredList(deferredList, fireOnOneCallback=..., fireOnOneErrback=...,
     * consumeErrors=...)}.
     *
     * @throws NullPointerException if {@code deferreds}, one of its elements or {@code options}
     *     is null
     */
    @SuppressWarnings("unchecked")
    public DeferredList(List<? extends Deferred<? extends T>> deferreds, Options options) {
        Objects.requireNonNull(deferreds, "deferreds");
        Objects.requireNonNull(options, "options");
        List<Deferred<? extends T>> copy = new ArrayList<>(deferreds);
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i) == null) {
                throw new NullPointerException("deferreds[" + i + "] is null");
            }
        }
        this.deferredList = copy;
        this.resultList = (Outcome<T>[]) new Outcome<?>[copy.size()];
        this.fireOnOneCallback = options.fireOnOneCallback;
        this.fireOnOneErrback = options.fireOnOneErrback;
        this.consumeErrors = options.consumeErrors;
        if (copy.isEmpty() && !fireOnOneCallback) {
            callback(List.of());
        }
        // The fields above are set before watching: already fired Deferreds call back at once.
        for (int i = 0; i < copy.size(); i++) {
            watch(copy.get(i), i);
        }
    }

    private <U extends T> void watch(Deferred<U> deferred, int index) {
        Callback<U, Object> onResult = result -> {
            finished(new Outcome<T>(true, result, index));
            return result;
        };
        Callback<Failure, Object> onFailure = failure -> {
            finished(new Outcome<T>(false, failure, index));
            return consumeErrors ? null : failure;
        };
        deferred.addCallbacks(onResult, onFailure);
    }

    /** One Deferred has fired. Twisted: {@code DeferredList._cbDeferred}. */
    private void finished(Outcome<T> outcome) {
        resultList[outcome.index()] = outcome;
        finishedCount++;
        if (called()) {
            return;
        }
        if (outcome.success() && fireOnOneCallback) {
            callback(List.of(outcome));
        } else if (!outcome.success() && fireOnOneErrback) {
            errback(new Failure(new FirstError((Failure) outcome.value(), outcome.index())));
        } else if (finishedCount == resultList.length) {
            callback(Collections.unmodifiableList(Arrays.asList(resultList.clone())));
        }
    }

    /**
     * If this list has not fired yet, cancels every Deferred in it (one already fired ignores
     * it); the list then fires as their cancellations make it. An exception thrown by one of
     * their cancellers is logged and the others are still cancelled. Once the list has fired
     * (including through {@code fireOnOneCallback} or {@code fireOnOneErrback}), does nothing.
     *
     * <p>Twisted: {@code DeferredList.cancel}.
     */
    @Override
    public void cancel() {
        if (called()) {
            return;
        }
        for (Deferred<? extends T> deferred : deferredList) {
            try {
                deferred.cancel();
            } catch (Throwable t) {
                log.error("Exception raised from user supplied canceller of {}", deferred, t);
            }
        }
    }

    /**
     * {@link Defer#gatherResults}: the results of {@code deferreds} in order once all have
     * succeeded, or a {@link FirstError} as soon as one fails. Cancelling the returned Deferred
     * cancels the list.
     *
     * <p>Twisted: {@code defer.gatherResults}.
     */
    static <T> Deferred<List<T>> gather(
            List<? extends Deferred<? extends T>> deferreds, boolean consumeErrors) {
        DeferredList<T> list = new DeferredList<>(
                deferreds, new Options().fireOnOneErrback(true).consumeErrors(consumeErrors));
        return list.addCallback(outcomes -> {
            List<T> results = new ArrayList<>(outcomes.size());
            for (Outcome<T> outcome : outcomes) {
                results.add(outcome.result());
            }
            return Collections.unmodifiableList(results);
        });
    }

    /**
     * How a {@link DeferredList} fires; by default, once all its Deferreds have fired, leaving
     * their failures on them. The setters use Twisted's keyword names and return this options
     * object, to chain.
     *
     * <p>Twisted: the keyword arguments of {@code DeferredList}.
     */
    public static final class Options {
        private boolean fireOnOneCallback;
        private boolean fireOnOneErrback;
        private boolean consumeErrors;

        /** All options off: fire once every Deferred has fired. */
        public Options() {}

        /**
         * Fire as soon as one Deferred succeeds, with a one-element list holding its
         * {@link Outcome} (Twisted fires with a {@code (result, index)} tuple instead).
         *
         * <p>Twisted: {@code fireOnOneCallback}.
         */
        public Options fireOnOneCallback(boolean on) {
            fireOnOneCallback = on;
            return this;
        }

        /**
         * Errback as soon as one Deferred fails, with a {@link FirstError} holding its failure
         * and index.
         *
         * <p>Twisted: {@code fireOnOneErrback}.
         */
        public Options fireOnOneErrback(boolean on) {
            fireOnOneErrback = on;
            return this;
        }

        /**
         * Once the list has seen a Deferred's failure, that Deferred goes on with null, so the
         * failure is not passed to its later errbacks nor logged as unhandled.
         *
         * <p>Twisted: {@code consumeErrors}.
         */
        public Options consumeErrors(boolean on) {
            consumeErrors = on;
            return this;
        }

        /**
         * Whether {@link #fireOnOneCallback(boolean)} is on, for code that passes options along.
         *
         * <p>Twisted: {@code DeferredList.fireOnOneCallback}.
         */
        public boolean fireOnOneCallback() {
            return fireOnOneCallback;
        }

        /**
         * Whether {@link #fireOnOneErrback(boolean)} is on, for code that passes options along.
         *
         * <p>Twisted: {@code DeferredList.fireOnOneErrback}.
         */
        public boolean fireOnOneErrback() {
            return fireOnOneErrback;
        }

        /**
         * Whether {@link #consumeErrors(boolean)} is on, for code that passes options along.
         *
         * <p>Twisted: {@code DeferredList.consumeErrors}.
         */
        public boolean consumeErrors() {
            return consumeErrors;
        }

        @Override
        public String toString() {
            return "DeferredList.Options[fireOnOneCallback=" + fireOnOneCallback
                    + ", fireOnOneErrback=" + fireOnOneErrback + ", consumeErrors=" + consumeErrors
                    + "]";
        }
    }

    /**
     * How one Deferred of a {@link DeferredList} fired: {@code success} and its result, or not
     * and its {@link Failure}, with its position in the list.
     *
     * <p>Read it with {@link #result()} or {@link #failure()} after checking {@link #success()}.
     *
     * <p>Twisted: the {@code (success, result)} pairs of a {@code DeferredList}'s result, plus
     * the index.
     *
     * @param success true if the Deferred succeeded
     * @param value its result (a {@code T}) on success, its {@link Failure} otherwise
     * @param index its position in the list given to the {@link DeferredList}
     * @param <T> the result type of the Deferreds in the list
     */
    public record Outcome<T>(boolean success, Object value, int index) {
        /**
         * An outcome; a failed one must hold a {@link Failure}.
         *
         * @throws IllegalArgumentException if {@code success} is false and {@code value} is not
         *     a {@link Failure}, or {@code index} is negative
         */
        public Outcome {
            if (!success && !(value instanceof Failure)) {
                throw new IllegalArgumentException("a failed Outcome must hold a Failure, got " + value);
            }
            if (index < 0) {
                throw new IllegalArgumentException("Outcome index must be >= 0, got " + index);
            }
        }

        /**
         * The result the Deferred succeeded with.
         *
         * <p>Twisted: the second element of a {@code (True, result)} pair.
         *
         * @throws IllegalStateException if it failed; the wrapped exception is the cause
         */
        @SuppressWarnings("unchecked")
        public T result() {
            if (!success) {
                Failure failure = (Failure) value;
                throw new IllegalStateException("the Deferred at index " + index
                        + " failed, it has no result: " + failure.value(), failure.value());
            }
            return (T) value;
        }

        /**
         * The failure the Deferred failed with.
         *
         * <p>Twisted: the second element of a {@code (False, failure)} pair.
         *
         * @throws IllegalStateException if it succeeded
         */
        public Failure failure() {
            if (success) {
                throw new IllegalStateException("the Deferred at index " + index
                        + " succeeded with " + value + ", it has no failure");
            }
            return (Failure) value;
        }
    }
}
