package dev.jtwisted.internet.defer;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Ports the behaviours of Twisted's {@code test_defer.DeferredFutureAdapterTests} to CompletionStage. */
class FutureInteropTest {

    @Nested
    class AsFuture {
        @Test // Twisted: test_asFuture
        void completesWithTheResultAndLeavesTheDeferredWithNull() throws Exception {
            Deferred<Integer> d = new Deferred<>();
            CompletableFuture<Integer> future = d.asFuture();
            assertFalse(future.isDone());
            d.callback(13);
            assertEquals(13, future.get(0, TimeUnit.SECONDS));
            assertNull(successResultOf(d));
        }

        @Test // Twisted: test_asFutureFailure
        void completesExceptionallyWithTheOriginalExceptionAndConsumesIt() {
            Deferred<Integer> d = new Deferred<>();
            CompletableFuture<Integer> future = d.asFuture();
            IOException error = new IOException("failed");
            d.errback(error);
            ExecutionException e = assertThrows(ExecutionException.class, future::get);
            assertSame(error, e.getCause());
            assertNull(successResultOf(d));
        }

        @Test // Twisted: test_asFutureCancelFuture
        void cancellingTheFutureCancelsTheDeferred() {
            List<String> calls = new ArrayList<>();
            Deferred<Integer> d = new Deferred<>(self -> calls.add("cancelled"));
            CompletableFuture<Integer> future = d.asFuture();
            assertTrue(future.cancel(false));
            assertEquals(List.of("cancelled"), calls);
            assertTrue(future.isCancelled());
            assertNull(successResultOf(d));
        }

        @Test // Twisted: test_asFutureSuccessCancel
        void cancellingTheDeferredCancelsTheFuture() {
            Deferred<Integer> d = new Deferred<>(self -> self.callback(null));
            CompletableFuture<Integer> future = new Deferred<Integer>().asFuture();
            assertFalse(future.isCancelled());
            Deferred<Integer> plain = new Deferred<>();
            CompletableFuture<Integer> f2 = plain.asFuture();
            plain.cancel();
            assertTrue(f2.isCancelled());
            assertThrows(CancellationException.class, f2::join);
            d.cancel();
        }
    }

    @Nested
    class FromFuture {
        @Test // Twisted: test_fromFuture
        void firesWhenTheFutureCompletes() {
            CompletableFuture<String> future = new CompletableFuture<>();
            Deferred<String> d = Deferred.fromFuture(future);
            assertNoResult(d);
            future.complete("done");
            assertEquals("done", successResultOf(d));
        }

        @Test
        void anAlreadyCompletedFutureGivesAFiredDeferred() {
            Deferred<String> d = Deferred.fromFuture(CompletableFuture.completedFuture("now"));
            assertEquals("now", successResultOf(d));
        }

        @Test
        void failsWithTheUnwrappedException() {
            IOException error = new IOException("io");
            CompletableFuture<String> future = CompletableFuture.<String>supplyAsync(() -> {
                throw new CompletionException(error);
            }, Runnable::run);
            Deferred<String> d = Deferred.fromFuture(future);
            assertSame(error, failureResultOf(d, IOException.class).value());
        }

        @Test // Twisted: test_fromFutureFutureCancelled
        void aCancelledFutureErrbacksWithCancelledError() {
            CompletableFuture<String> future = new CompletableFuture<>();
            Deferred<String> d = Deferred.fromFuture(future);
            future.cancel(false);
            CancelledError e = (CancelledError) failureResultOf(d, CancelledError.class).value();
            assertInstanceOf(CancellationException.class, e.getCause());
        }

        @Test // Twisted: test_fromFutureDeferredCancelled
        void cancellingTheDeferredCancelsTheFuture() {
            CompletableFuture<String> future = new CompletableFuture<>();
            Deferred<String> d = Deferred.fromFuture(future);
            d.cancel();
            assertTrue(future.isCancelled());
            failureResultOf(d, CancelledError.class);
        }

        @Test
        void firesThroughTheGivenExecutor() {
            List<Runnable> queued = new ArrayList<>();
            Executor queue = queued::add;
            CompletableFuture<String> future = new CompletableFuture<>();
            Deferred<String> d = Deferred.fromFuture(future, queue);
            future.complete("v");
            assertNoResult(d);
            assertEquals(1, queued.size());
            queued.get(0).run();
            assertEquals("v", successResultOf(d));
        }

        @Test
        void aLateCompletionAfterCancellingThroughAnExecutorIsDropped() {
            List<Runnable> queued = new ArrayList<>();
            CompletableFuture<String> future = new CompletableFuture<>();
            Deferred<String> d = Deferred.fromFuture(future, queued::add);
            d.cancel();
            failureResultOf(d, CancelledError.class);
            queued.forEach(Runnable::run); // the future's cancellation arrives late: ignored
        }

        @Test
        @Timeout(10)
        void aFutureCompletedOnAnotherThreadIsHandedBackThroughTheExecutor() throws Exception {
            // A one-thread "reactor" as executor: the Deferred fires on it, never on the pool.
            java.util.concurrent.ExecutorService reactor = java.util.concurrent.Executors.newSingleThreadExecutor(
                    r -> new Thread(r, "fake-reactor"));
            try {
                CompletableFuture<String> future = CompletableFuture.supplyAsync(() -> "from pool");
                CompletableFuture<String> firedOn = new CompletableFuture<>();
                reactor.submit(() -> Deferred.fromFuture(future, reactor).addCallback(v -> {
                    firedOn.complete(v + " on " + Thread.currentThread().getName());
                    return null;
                })).get();
                assertEquals("from pool on fake-reactor", firedOn.get(5, TimeUnit.SECONDS));
            } finally {
                reactor.shutdownNow();
            }
        }
    }
}
