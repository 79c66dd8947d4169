package dev.jtwisted.benchmarks;

import dev.jtwisted.internet.defer.Callback;
import dev.jtwisted.internet.defer.Deferred;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Time to build, fire and read a 10-step callback chain on one thread: Deferred, CompletableFuture
 * and Netty's DefaultPromise, each with the source fired last (callbacks wait) and first (run now).
 * Tells us what a Deferred costs against the two futures a Netty or JDK user would reach for.
 *
 * <p>Equal work in every variant: the same ten {@code x -> x + 1} steps on a boxed
 * {@link Integer}; every step checks the failure path the way its framework does (the Deferred
 * looks for a {@code Failure}, the CompletableFuture for an exceptional result, the Netty
 * listener calls {@code isSuccess()} and would propagate the cause); each step's result is
 * visible to the next on the same thread before the method returns; the final value is read
 * synchronously and consumed. The values stay in 1..11, inside the {@code Integer} cache, so
 * the arithmetic allocates nothing and the score is the framework's own cost. All the step
 * functions are non-capturing constants, except Netty's listener, which has to capture the next
 * promise: that is how a chain of promises is built, and mirrors the dependent node
 * CompletableFuture allocates internally per {@code thenApply}. The chain objects each framework
 * allocates (one Deferred and its slot array; eleven CompletableFutures; eleven promises and ten
 * listeners) are part of what is measured.
 *
 * <p>Netty caveat: each promise notification looks up Netty's per-thread listener depth, which on
 * a plain thread such as JMH's goes through a JDK ThreadLocal rather than the fast path of an
 * event-loop thread, and past a nesting depth of 8 it hands the rest to the executor
 * ({@code ImmediateEventExecutor} still runs it before {@code setSuccess} returns). Both are
 * part of what a DefaultPromise costs off the event loop; on it, expect somewhat less.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CallbackChainBenchmark {
    /** Chain length. */
    static final int STEPS = 10;

    private static final Callback<Integer, Integer> DEFERRED_STEP = x -> x + 1;
    private static final Function<Integer, Integer> FUTURE_STEP = x -> x + 1;

    /** First value of every chain; a field, so that the JIT cannot fold the chain to a constant. */
    public int start = 1;

    /**
     * Runs every variant once and checks it yields {@code start + STEPS}.
     * A benchmark that silently computes something else measures nothing.
     */
    @Setup
    public void checkVariants() {
        int expected = start + STEPS;
        check("deferredFireLast", deferredFireLast(), expected);
        check("futureFireLast", futureFireLast(), expected);
        check("nettyFireLast", nettyFireLast(), expected);
        check("deferredFireFirst", deferredFireFirst(), expected);
        check("futureFireFirst", futureFireFirst(), expected);
        check("nettyFireFirst", nettyFireFirst(), expected);
    }

    private static void check(String variant, Integer actual, int expected) {
        if (actual == null || actual != expected) {
            throw new IllegalStateException(variant + " gave " + actual + ", expected " + expected);
        }
    }

    // ------------------------------------------------------------ source fired after the chain is built

    /** Deferred: add ten callbacks, then fire; the chain runs inside {@code callback}. */
    @Benchmark
    public void fireLastDeferred(Blackhole bh) {
        bh.consume(deferredFireLast());
    }

    /** CompletableFuture: ten {@code thenApply}, then {@code complete}. */
    @Benchmark
    public void fireLastCompletableFuture(Blackhole bh) {
        bh.consume(futureFireLast());
    }

    /** Netty: eleven promises linked by ten listeners, then {@code setSuccess} on the first. */
    @Benchmark
    public void fireLastNettyPromise(Blackhole bh) {
        bh.consume(nettyFireLast());
    }

    // ------------------------------------------------------------ source fired before the chain is built

    /** Deferred: fire, then add ten callbacks, each of which runs as it is added. */
    @Benchmark
    public void fireFirstDeferred(Blackhole bh) {
        bh.consume(deferredFireFirst());
    }

    /** CompletableFuture: {@code completedFuture}, then ten {@code thenApply}, each run at once. */
    @Benchmark
    public void fireFirstCompletableFuture(Blackhole bh) {
        bh.consume(futureFireFirst());
    }

    /** Netty: {@code setSuccess} on the first promise, then ten listeners, each run as added. */
    @Benchmark
    public void fireFirstNettyPromise(Blackhole bh) {
        bh.consume(nettyFireFirst());
    }

    // ------------------------------------------------------------ the variants

    private Integer deferredFireLast() {
        Deferred<Integer> source = new Deferred<>();
        Deferred<Integer> chain = source;
        for (int i = 0; i < STEPS; i++) {
            chain = chain.addCallback(DEFERRED_STEP);
        }
        source.callback(start);
        return (Integer) chain.result();
    }

    private Integer deferredFireFirst() {
        Deferred<Integer> chain = new Deferred<>();
        chain.callback(start);
        for (int i = 0; i < STEPS; i++) {
            chain = chain.addCallback(DEFERRED_STEP);
        }
        return (Integer) chain.result();
    }

    private Integer futureFireLast() {
        CompletableFuture<Integer> source = new CompletableFuture<>();
        CompletableFuture<Integer> chain = source;
        for (int i = 0; i < STEPS; i++) {
            chain = chain.thenApply(FUTURE_STEP);
        }
        source.complete(start);
        return chain.getNow(null);
    }

    private Integer futureFireFirst() {
        CompletableFuture<Integer> chain = CompletableFuture.completedFuture(start);
        for (int i = 0; i < STEPS; i++) {
            chain = chain.thenApply(FUTURE_STEP);
        }
        return chain.getNow(null);
    }

    private Integer nettyFireLast() {
        Promise<Integer> source = new DefaultPromise<>(ImmediateEventExecutor.INSTANCE);
        Promise<Integer> chain = source;
        for (int i = 0; i < STEPS; i++) {
            Promise<Integer> next = new DefaultPromise<>(ImmediateEventExecutor.INSTANCE);
            chain.addListener(new NettyStep(next));
            chain = next;
        }
        source.setSuccess(start);
        return chain.getNow();
    }

    private Integer nettyFireFirst() {
        Promise<Integer> chain = new DefaultPromise<>(ImmediateEventExecutor.INSTANCE);
        chain.setSuccess(start);
        for (int i = 0; i < STEPS; i++) {
            Promise<Integer> next = new DefaultPromise<>(ImmediateEventExecutor.INSTANCE);
            chain.addListener(new NettyStep(next));
            chain = next;
        }
        return chain.getNow();
    }

    /**
     * One link of a Netty promise chain: completes the next promise with {@code x + 1}.
     * Netty has no {@code thenApply}; a listener that completes the next promise is the idiom.
     */
    private static final class NettyStep implements GenericFutureListener<Future<Integer>> {
        private final Promise<Integer> next;

        NettyStep(Promise<Integer> next) {
            this.next = next;
        }

        @Override
        public void operationComplete(Future<Integer> future) {
            if (future.isSuccess()) {
                next.setSuccess(future.getNow() + 1);
            } else {
                next.setFailure(future.cause());
            }
        }
    }
}
