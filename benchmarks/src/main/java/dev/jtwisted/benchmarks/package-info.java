/**
 * JMH benchmarks for the Deferred core and inlineCallbacks, against the JDK's and Netty's futures.
 * They give the numbers behind design choices (and catch regressions), so they are built only
 * with {@code -Pbench} and run with {@code benchmarks/run.sh}, never by the test build.
 *
 * <p>{@link dev.jtwisted.benchmarks.CallbackChainBenchmark}: a 10-step chain on one thread, as
 * a Deferred, a {@link java.util.concurrent.CompletableFuture} and a Netty
 * {@link io.netty.util.concurrent.DefaultPromise}.
 * {@link dev.jtwisted.benchmarks.InlineCallbacksBenchmark}: the cost of one
 * {@link dev.jtwisted.internet.defer.Defer#await} with and without a thread handoff, on platform
 * and virtual threads.
 */
package dev.jtwisted.benchmarks;
