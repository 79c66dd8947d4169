package dev.jtwisted.internet.defer;

import dev.jtwisted.internet.IDelayedCall;
import dev.jtwisted.internet.IReactorTime;
import dev.jtwisted.python.failure.Failure;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A result that is not there yet: a chain of callbacks and errbacks run, in order, once somebody
 * calls {@link #callback} or {@link #errback}.
 *
 * <p>Each callback gets the previous one's result. A callback that throws switches the chain to
 * the errbacks; an errback that returns a value switches it back. A callback that returns another
 * Deferred pauses this chain until that one has a result, then goes on with it. Chains of any
 * length, and Deferreds nested to any depth, run in a loop, never by recursion.
 *
 * <p>Types: {@code addCallback} returns this same Deferred, retyped to the callback's result, so
 * a chain reads {@code d.addCallback(s -> s.length()).addCallback(n -> n * 2)}. After that call
 * only use the returned reference: the old one still has the old type, and a callback added
 * through it receives a value of the new type (a {@code ClassCastException}, which becomes a
 * failure in the chain, as any exception from a callback does). A callback returning a Deferred is typed with the
 * {@code ...Deferring} twins ({@link #addCallbackDeferring}); the plain forms also wait for a
 * returned Deferred, as Twisted does, but type the result as the Deferred itself.
 *
 * <p>Threads: no locks. A Deferred belongs to one thread at a time (normally the reactor's);
 * callbacks run on whichever thread fires it or adds to an already fired one.
 *
 * <p>Twisted: {@code twisted.internet.defer.Deferred}.
 *
 * @param <T> the type of the current result
 */
public class Deferred<T> {
    private static final Logger log = LoggerFactory.getLogger(Deferred.class);

    /** The value of {@link #result} before the Deferred is fired. Never a real result. */
    private static final Object NO_RESULT = new Object() {
        @Override
        public String toString() {
            return "<no result>";
        }
    };

    private static volatile boolean debug;

    /**
     * Pending callbacks as pairs: {@code [callback, errback, callback, errback, ...]} from
     * {@link #head} to {@link #tail}. A slot holds an {@link Step}, null (pass the result
     * through), a {@link Deferred} (a continuation: hand it our result) or a {@link ChainTo}.
     */
    private Object[] callbacks;
    private int head;
    private int tail;

    private final Consumer<? super Deferred<T>> canceller;
    private Object result = NO_RESULT;
    private boolean called;
    private int paused;
    private boolean runningCallbacks;
    private boolean suppressAlreadyCalled;
    private Deferred<?> chainedTo;
    private DebugInfo debugInfo;

    /** A Deferred without a canceller: {@link #cancel()} errbacks it with {@link CancelledError}. */
    public Deferred() {
        this(null);
    }

    /**
     * A Deferred whose {@link #cancel()} first calls {@code canceller}, which should stop the
     * pending work and may fire the Deferred itself; if it does not, cancel errbacks with
     * {@link CancelledError}.
     *
     * @param canceller may be null
     */
    public Deferred(Consumer<? super Deferred<T>> canceller) {
        this.canceller = canceller;
        if (debug) {
            debugInfo = new DebugInfo();
            debugInfo.creator = new Throwable("Deferred was created");
        }
    }

    // ---------------------------------------------------------------- debugging

    /**
     * Turns debugging on or off for Deferreds created from now on: each records where it was
     * created and first fired, and prints both in {@link AlreadyCalledError} and in the
     * unhandled-error log. Costs a stack trace per Deferred.
     *
     * <p>Twisted: {@code defer.setDebugging}.
     */
    public static void setDebugging(boolean on) {
        debug = on;
    }

    /** Whether {@link #setDebugging} is on. Twisted: {@code defer.getDebugging}. */
    public static boolean getDebugging() {
        return debug;
    }

    // ---------------------------------------------------------------- adding callbacks

    /**
     * Adds a callback and an errback at the same level of the chain: exactly one of them runs.
     *
     * <p>Twisted: {@code Deferred.addCallbacks}.
     */
    public <R> Deferred<R> addCallbacks(
            Callback<? super T, ? extends R> callback,
            Callback<? super Failure, ? extends R> errback) {
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(errback, "errback");
        return append(callback, errback);
    }

    /**
     * Adds a callback; failures pass by it untouched.
     *
     * <p>Twisted: {@code Deferred.addCallback}.
     */
    public <R> Deferred<R> addCallback(Callback<? super T, ? extends R> callback) {
        Objects.requireNonNull(callback, "callback");
        return append(callback, null);
    }

    /**
     * Adds a callback that returns a Deferred; the chain waits for it and goes on with its result.
     *
     * <p>Twisted: {@code Deferred.addCallback} with a callback returning a Deferred.
     */
    public <R> Deferred<R> addCallbackDeferring(
            Callback<? super T, ? extends Deferred<? extends R>> callback) {
        Objects.requireNonNull(callback, "callback");
        return append(callback, null);
    }

    /** Adds a callback that is also given {@code arg}: Twisted's {@code addCallback(f, arg)}. */
    public <A, R> Deferred<R> addCallback(
            Callback2<? super T, ? super A, ? extends R> callback, A arg) {
        Objects.requireNonNull(callback, "callback");
        return append((Callback<T, R>) r -> callback.call(r, arg), null);
    }

    /** Adds a callback that is also given two arguments: {@code addCallback(f, a, b)}. */
    public <A, B, R> Deferred<R> addCallback(
            Callback3<? super T, ? super A, ? super B, ? extends R> callback, A arg1, B arg2) {
        Objects.requireNonNull(callback, "callback");
        return append((Callback<T, R>) r -> callback.call(r, arg1, arg2), null);
    }

    /**
     * Adds an errback; results pass by it untouched. Returning a value recovers; throwing (for
     * instance from {@link Failure#trap}) keeps the chain on the error path.
     *
     * <p>Twisted: {@code Deferred.addErrback}.
     */
    public Deferred<T> addErrback(Callback<? super Failure, ? extends T> errback) {
        Objects.requireNonNull(errback, "errback");
        return append(null, errback);
    }

    /** Adds an errback that recovers by returning a Deferred, which the chain waits for. */
    public Deferred<T> addErrbackDeferring(
            Callback<? super Failure, ? extends Deferred<? extends T>> errback) {
        Objects.requireNonNull(errback, "errback");
        return append(null, errback);
    }

    /** Adds an errback that is also given {@code arg}: Twisted's {@code addErrback(f, arg)}. */
    public <A> Deferred<T> addErrback(
            Callback2<? super Failure, ? super A, ? extends T> errback, A arg) {
        Objects.requireNonNull(errback, "errback");
        return append(null, (Callback<Failure, T>) f -> errback.call(f, arg));
    }

    /**
     * Adds the same function as callback and errback: it receives the result or the
     * {@link Failure}, and what it returns (or throws) goes on.
     *
     * <p>Twisted: {@code Deferred.addBoth}.
     */
    public <R> Deferred<R> addBoth(Callback<Object, ? extends R> callback) {
        Objects.requireNonNull(callback, "callback");
        return append(callback, callback);
    }

    /** {@link #addBoth} with an extra argument: Twisted's {@code addBoth(f, arg)}. */
    public <A, R> Deferred<R> addBoth(Callback2<Object, ? super A, ? extends R> callback, A arg) {
        Objects.requireNonNull(callback, "callback");
        Callback<Object, R> step = r -> callback.call(r, arg);
        return append(step, step);
    }

    /**
     * Makes {@code d} fire with this Deferred's result when it arrives; this Deferred's result
     * becomes null. Unlike Twisted's, a long chain of chained Deferreds runs without recursion.
     *
     * <p>Twisted: {@code Deferred.chainDeferred}.
     *
     * @return this Deferred, whose result is now null
     */
    public Deferred<Void> chainDeferred(Deferred<? super T> d) {
        Objects.requireNonNull(d, "d");
        d.chainedTo = this;
        ChainTo link = new ChainTo(d);
        return append(link, link);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <R> Deferred<R> append(Object callback, Object errback) {
        if (called && head == tail && paused == 0 && !runningCallbacks
                && !(result instanceof Deferred)) {
            // Fast path: fired, idle and nothing queued, so this step can run right here.
            Object item = result instanceof Failure ? errback : callback;
            if (item == null) {
                return (Deferred<R>) this; // passes the result through untouched
            }
            if (item instanceof Callback) {
                invoke(this, (Callback) item);
                settleDebugInfo();
                return (Deferred<R>) this;
            }
        }
        appendPair(callback, errback);
        if (called) {
            runCallbacks();
        }
        return (Deferred<R>) this;
    }

    private void appendPair(Object callback, Object errback) {
        Object[] slots = callbacks;
        if (slots == null) {
            slots = callbacks = new Object[4];
        } else if (tail + 2 > slots.length) {
            int live = tail - head;
            if (head > 0 && live + 2 <= slots.length / 2) {
                System.arraycopy(slots, head, slots, 0, live);
                Arrays.fill(slots, live, tail, null);
            } else {
                Object[] grown = new Object[Math.max(4, live * 2 + 2)];
                System.arraycopy(slots, head, grown, 0, live);
                slots = callbacks = grown;
            }
            head = 0;
            tail = live;
        }
        slots[tail] = callback;
        slots[tail + 1] = errback;
        tail += 2;
    }

    // ---------------------------------------------------------------- firing

    /**
     * Fires the chain with a successful result.
     *
     * @throws AlreadyCalledError if this Deferred was already fired
     * @throws IllegalArgumentException if {@code result} is a Deferred (return it from a callback,
     *     or use {@link #chainDeferred}, instead)
     *
     * <p>Twisted: {@code Deferred.callback}.
     */
    public void callback(T result) {
        if (result instanceof Deferred) {
            throw new IllegalArgumentException(
                    "callback() was given a Deferred (" + result + "); return it from a callback"
                            + " or use chainDeferred to wait for it");
        }
        startRunCallbacks(result);
    }

    /**
     * Fires the chain with an error.
     *
     * @throws AlreadyCalledError if this Deferred was already fired
     *
     * <p>Twisted: {@code Deferred.errback}.
     */
    public void errback(Throwable error) {
        startRunCallbacks(new Failure(Objects.requireNonNull(error, "error")));
    }

    /** Fires the chain with a {@link Failure}. Twisted: {@code Deferred.errback(failure)}. */
    public void errback(Failure failure) {
        startRunCallbacks(Objects.requireNonNull(failure, "failure"));
    }

    private void startRunCallbacks(Object firstResult) {
        if (called) {
            if (suppressAlreadyCalled) {
                suppressAlreadyCalled = false;
                return;
            }
            if (debugInfo != null && (debugInfo.creator != null || debugInfo.invoker != null)) {
                throw new AlreadyCalledError("\n" + debugInfo.tracebacks());
            }
            throw new AlreadyCalledError();
        }
        if (debug) {
            if (debugInfo == null) {
                debugInfo = new DebugInfo();
            }
            debugInfo.invoker = new Throwable("First Invoker was");
        }
        called = true;
        result = firstResult;
        runCallbacks();
    }

    /**
     * Fires this Deferred as if a callback had returned {@code inner}: it waits for {@code inner}
     * and goes on with its result. For cancelling {@code inlineCallbacks}, which Twisted does by
     * putting an errback in front of the chain that returns a fresh Deferred.
     */
    void callbackWaitingOn(Deferred<?> inner) {
        if (called) {
            throw new AlreadyCalledError();
        }
        called = true;
        result = inner;
        paused++;
        chainedTo = inner;
        inner.appendPair(this, this);
    }

    /**
     * Stops running callbacks until {@link #unpause()} is called as many times.
     *
     * <p>Twisted: {@code Deferred.pause}.
     */
    public void pause() {
        paused++;
    }

    /**
     * Undoes one {@link #pause()}; the last one runs the callbacks added meanwhile.
     *
     * <p>Twisted: {@code Deferred.unpause}.
     */
    public void unpause() {
        paused--;
        if (paused != 0) {
            return;
        }
        if (called) {
            runCallbacks();
        }
    }

    /**
     * Cancels the work behind this Deferred. Before it has fired: calls the canceller, and
     * errbacks with {@link CancelledError} unless the canceller fired it. While it waits on a
     * Deferred returned by a callback: cancels that one instead. Otherwise does nothing.
     * Without a canceller, the one later {@code callback} or {@code errback} of the real
     * producer is silently ignored.
     *
     * <p>Twisted: {@code Deferred.cancel}.
     */
    public void cancel() {
        if (!called) {
            if (canceller != null) {
                canceller.accept(this);
            } else {
                suppressAlreadyCalled = true;
            }
            if (!called) {
                errback(new Failure(new CancelledError()));
            }
        } else if (result instanceof Deferred) {
            ((Deferred<?>) result).cancel();
        }
    }

    /**
     * Errbacks with {@link TimeoutError} if no result has arrived {@code timeout} seconds from
     * now, by cancelling this Deferred (so its canceller runs). A result in time cancels the
     * timer.
     *
     * <p>Twisted: {@code Deferred.addTimeout}.
     */
    public Deferred<T> addTimeout(double timeout, IReactorTime clock) {
        return addTimeout(timeout, clock, null);
    }

    /** {@link #addTimeout(double, IReactorTime)} with a {@link Duration}. */
    public Deferred<T> addTimeout(Duration timeout, IReactorTime clock) {
        return addTimeout(timeout.toNanos() / 1e9, clock, null);
    }

    /**
     * {@link #addTimeout(double, IReactorTime)}, where {@code onTimeoutCancel} decides what a
     * timed-out chain holds instead of a {@link TimeoutError}: it receives the current result
     * (normally the {@link Failure} of the cancellation) and the timeout.
     *
     * @param onTimeoutCancel may be null for the default
     */
    public Deferred<T> addTimeout(
            double timeout, IReactorTime clock, OnTimeoutCancel<? extends T> onTimeoutCancel) {
        Objects.requireNonNull(clock, "clock");
        boolean[] timedOut = {false};
        IDelayedCall delayedCall = clock.callLater(timeout, () -> {
            timedOut[0] = true;
            cancel();
        });
        Callback<Object, Object> convertCancelled = value -> {
            if (!timedOut[0]) {
                return value;
            }
            if (onTimeoutCancel != null) {
                return onTimeoutCancel.onTimeout(value, timeout);
            }
            if (value instanceof Failure) {
                ((Failure) value).trap(CancelledError.class);
                throw new TimeoutError(timeout, "Deferred");
            }
            return value;
        };
        Callback<Object, Object> cancelTimeout = value -> {
            if (delayedCall.active()) {
                delayedCall.cancel();
            }
            return value;
        };
        append(convertCancelled, convertCancelled);
        return append(cancelTimeout, cancelTimeout);
    }

    /** What a timed-out Deferred holds instead of a {@link TimeoutError}. */
    @FunctionalInterface
    public interface OnTimeoutCancel<R> {
        /**
         * @param result the result when the timeout cancelled the chain, usually a {@link Failure}
         * @param timeout the timeout in seconds
         */
        R onTimeout(Object result, double timeout) throws Exception;
    }

    // ---------------------------------------------------------------- inspection

    /** True once {@code callback} or {@code errback} has been called. Twisted: {@code called}. */
    public boolean called() {
        return called;
    }

    /** How many {@link #pause()} calls are not yet undone. Twisted: {@code paused}. */
    public int paused() {
        return paused;
    }

    /**
     * True when fired, not paused and not waiting on another Deferred: a callback added now would
     * run at once.
     */
    public boolean hasResult() {
        return called && paused == 0 && !(result instanceof Deferred);
    }

    /**
     * The current result: a value, a {@link Failure}, or the Deferred this one waits on.
     * Twisted: {@code Deferred.result}. For tests and debugging; code adds callbacks instead.
     *
     * @throws IllegalStateException if not fired yet
     */
    public Object result() {
        if (!called) {
            throw new IllegalStateException(this + " has not been fired");
        }
        return result;
    }

    @Override
    public String toString() {
        String id = getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(this));
        if (chainedTo != null) {
            return "<" + id + " waiting on Deferred@"
                    + Integer.toHexString(System.identityHashCode(chainedTo)) + ">";
        }
        if (result == NO_RESULT) {
            return "<" + id + ">";
        }
        return "<" + id + " current result: " + result + ">";
    }

    // ---------------------------------------------------------------- CompletionStage interop

    /**
     * A Deferred that fires when {@code stage} completes, on the thread that completes it.
     * Cancelling the Deferred cancels the stage's future; a cancelled stage errbacks with
     * {@link CancelledError}. An exception is unwrapped from {@link CompletionException}.
     *
     * <p>Prefer {@link #fromFuture(CompletionStage, Executor)} with the reactor's
     * {@code callFromThread} when the stage completes on another thread.
     *
     * <p>Twisted: {@code Deferred.fromFuture}.
     */
    public static <T> Deferred<T> fromFuture(CompletionStage<? extends T> stage) {
        return fromFuture(stage, Runnable::run);
    }

    /**
     * A Deferred that fires, through {@code executor}, when {@code stage} completes. Pass the
     * reactor's {@code callFromThread} to fire it on the reactor thread.
     */
    public static <T> Deferred<T> fromFuture(CompletionStage<? extends T> stage, Executor executor) {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(executor, "executor");
        Deferred<T> d = new Deferred<>(self -> {
            try {
                stage.toCompletableFuture().cancel(false);
            } catch (UnsupportedOperationException e) {
                // This stage cannot be cancelled; cancel() still errbacks with CancelledError.
                log.debug("{} cannot be cancelled: {}", stage, e.toString());
            }
        });
        stage.whenComplete((value, error) -> executor.execute(() -> {
            if (d.called) {
                return; // cancelled first: the canceller's errback already fired it
            }
            if (error == null) {
                d.callback(value);
            } else {
                d.errback(translateFutureError(error));
            }
        }));
        return d;
    }

    private static Throwable translateFutureError(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CancellationException) {
            CancelledError cancelled = new CancelledError("future was cancelled");
            cancelled.initCause(cause);
            return cancelled;
        }
        return cause;
    }

    /**
     * A {@link CompletableFuture} completed with this Deferred's result. Like Twisted's, it
     * consumes the result: this Deferred goes on with null, and an error is handled (it is the
     * future's now). Cancelling the future cancels this Deferred; a {@link CancelledError}
     * cancels the future.
     *
     * <p>Cancel the future from this Deferred's thread: cancelling runs its errbacks.
     *
     * <p>Twisted: {@code Deferred.asFuture}.
     */
    public CompletableFuture<T> asFuture() {
        CompletableFuture<T> future = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                if (cancelled) {
                    Deferred.this.cancel();
                }
                return cancelled;
            }
        };
        Callback<T, Object> succeed = value -> {
            future.complete(value);
            return null;
        };
        Callback<Failure, Object> failed = failure -> {
            if (failure.check(CancelledError.class) != null) {
                future.cancel(false);
            } else {
                future.completeExceptionally(failure.value());
            }
            return null;
        };
        addCallbacks(succeed, failed);
        return future;
    }

    // ---------------------------------------------------------------- running the chain

    /**
     * Runs as much of the chain as can run now. Deferreds returned by callbacks, and chained
     * Deferreds, are followed with an explicit stack, so depth costs heap, not Java stack.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void runCallbacks() {
        if (runningCallbacks) {
            return; // already running further up this thread's stack; it will pick ours up
        }
        Deferred current = this;
        ArrayList<Deferred<?>> stack = null;
        while (true) {
            if (current.paused != 0) {
                return; // nothing up the stack can go on either
            }
            boolean finished = true;
            current.chainedTo = null;
            while (current.head < current.tail) {
                Object[] slots = current.callbacks;
                int i = current.head;
                Object item = current.result instanceof Failure ? slots[i + 1] : slots[i];
                slots[i] = null;
                slots[i + 1] = null;
                current.head = i + 2;
                if (item == null) {
                    continue; // pass-through half of addCallback/addErrback
                }
                if (item instanceof Deferred) {
                    // Continuation: the Deferred that waited on us takes our result.
                    Deferred chainee = (Deferred) item;
                    chainee.result = current.result;
                    current.result = null;
                    if (current.debugInfo != null) {
                        current.debugInfo.failResult = null;
                    }
                    chainee.paused--;
                    stack = push(stack, current);
                    current = chainee;
                    finished = false;
                    break;
                }
                if (item instanceof ChainTo) {
                    Deferred target = ((ChainTo) item).target;
                    if (!target.called) {
                        target.called = true;
                        if (debug) {
                            if (target.debugInfo == null) {
                                target.debugInfo = new DebugInfo();
                            }
                            target.debugInfo.invoker = new Throwable("First Invoker was");
                        }
                        target.result = current.result;
                        current.result = null;
                        if (current.debugInfo != null) {
                            current.debugInfo.failResult = null;
                        }
                        stack = push(stack, current);
                        current = target;
                        finished = false;
                        break;
                    }
                    Object value = current.result;
                    current.result = null;
                    try {
                        target.startRunCallbacks(value); // raises AlreadyCalledError
                    } catch (Throwable t) {
                        current.result = failureFor(value, t);
                    }
                    continue;
                }
                if (invoke(current, (Callback) item)) {
                    break; // current now waits on the Deferred its callback returned
                }
            }
            if (finished) {
                current.settleDebugInfo();
                if (stack == null || stack.isEmpty()) {
                    return;
                }
                current = stack.remove(stack.size() - 1);
            }
        }
    }

    /**
     * Runs one callback on {@code current}'s result and takes what it returns. A returned
     * Deferred that already has a result gives it up at once; one that has none makes
     * {@code current} pause and wait for it.
     *
     * @return true when {@code current} now waits on another Deferred
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean invoke(Deferred current, Callback item) {
        Object input = current.result;
        try {
            current.runningCallbacks = true;
            try {
                current.result = item.call(input);
            } finally {
                current.runningCallbacks = false;
            }
        } catch (Throwable t) {
            current.result = failureFor(input, t);
            return false;
        }
        if (!(current.result instanceof Deferred)) {
            return false;
        }
        Deferred inner = (Deferred) current.result;
        if (inner == current) {
            current.result = new Failure(new IllegalStateException(
                    "a callback returned the Deferred it was added to: Deferred@"
                            + Integer.toHexString(System.identityHashCode(current))));
            return false;
        }
        Object innerResult = inner.result;
        if (innerResult == NO_RESULT || innerResult instanceof Deferred || inner.paused != 0) {
            // Wait for it: pause and have it hand us its result.
            current.paused++;
            current.chainedTo = inner;
            inner.appendPair(current, current);
            return true;
        }
        // It has a result already: take it and go on.
        inner.result = null;
        if (inner.debugInfo != null) {
            inner.debugInfo.failResult = null;
        }
        current.result = innerResult;
        return false;
    }

    private static ArrayList<Deferred<?>> push(ArrayList<Deferred<?>> stack, Deferred<?> d) {
        if (stack == null) {
            stack = new ArrayList<>();
        }
        stack.add(d);
        return stack;
    }

    /** The failure for {@code thrown}; the same Failure when a callback rethrew its own input. */
    private static Failure failureFor(Object input, Throwable thrown) {
        if (input instanceof Failure && ((Failure) input).value() == thrown) {
            return (Failure) input;
        }
        return new Failure(thrown);
    }

    /** Remembers a failure left at the end of the chain, to log it if nobody ever handles it. */
    private void settleDebugInfo() {
        if (result instanceof Failure) {
            if (debugInfo == null) {
                debugInfo = new DebugInfo();
            }
            debugInfo.failResult = (Failure) result;
            debugInfo.watch(this);
        } else if (debugInfo != null) {
            debugInfo.failResult = null;
        }
    }

    /** A {@link #chainDeferred} link: fire {@code target} with the current result. */
    private static final class ChainTo {
        final Deferred<?> target;

        ChainTo(Deferred<?> target) {
            this.target = target;
        }
    }

    /**
     * What a Deferred knows about its own history, kept apart from it so that it can report an
     * unhandled failure after the Deferred itself has been garbage-collected.
     */
    private static final class DebugInfo implements Runnable {
        private static final Cleaner CLEANER = Cleaner.create(r -> {
            Thread t = new Thread(r, "jtwisted-unhandled-deferred-errors");
            t.setDaemon(true);
            return t;
        });

        volatile Failure failResult;
        Throwable creator;
        Throwable invoker;
        private boolean watched;

        void watch(Deferred<?> owner) {
            if (!watched) {
                watched = true;
                CLEANER.register(owner, this);
            }
        }

        String tracebacks() {
            StringBuilder info = new StringBuilder();
            appendStack(info, " C: Deferred was created:", " C:", creator);
            appendStack(info, " I: First Invoker was:", " I:", invoker);
            return info.toString();
        }

        private static void appendStack(StringBuilder out, String title, String prefix, Throwable at) {
            if (at == null) {
                return;
            }
            out.append(title).append('\n');
            StackTraceElement[] frames = at.getStackTrace();
            // Skip the frames inside Deferred itself: the caller is what matters.
            int first = 0;
            while (first < frames.length - 1
                    && frames[first].getClassName().equals(Deferred.class.getName())) {
                first++;
            }
            for (int i = first; i < frames.length; i++) {
                out.append(prefix).append("  at ").append(frames[i]).append('\n');
            }
        }

        /** Runs once the Deferred is unreachable. */
        @Override
        public void run() {
            Failure failure = failResult;
            if (failure == null) {
                return;
            }
            String debugText = creator != null || invoker != null
                    ? "\n(debug: " + tracebacks() + ")" : "";
            log.error("Unhandled error in Deferred:{}", debugText, failure.value());
        }
    }
}
