package dev.jtwisted.internet.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.IReactorThreads;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.python.threadpool.ThreadPool;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Ports the behaviours of Twisted's {@code test_threads}: DeferToThreadPoolTests and friends. */
@Timeout(10)
class ThreadsTest {
    /** A reactor thread (one executor thread) and a pool, enough for these functions. */
    static final class ThreadedReactor implements IReactorThreads {
        private volatile Thread reactorThread;
        final ExecutorService loop = Executors.newSingleThreadExecutor(r -> {
            reactorThread = new Thread(r, "fake-reactor");
            return reactorThread;
        });
        final ThreadPool pool = new ThreadPool(0, 4, "fake-reactor-pool");

        ThreadedReactor() {
            pool.start();
        }

        @Override
        public void callFromThread(Runnable callable) {
            loop.execute(callable);
        }

        @Override
        public void callInThread(Runnable callable) {
            pool.callInThread(callable);
        }

        @Override
        public void suggestThreadPoolSize(int size) {
            pool.adjustPoolsize(size);
        }

        @Override
        public boolean isInIOThread() {
            return Thread.currentThread() == reactorThread;
        }

        void close() throws InterruptedException {
            pool.stop();
            loop.shutdown();
            assertTrue(loop.awaitTermination(5, TimeUnit.SECONDS));
        }
    }

    private final ThreadedReactor reactor = new ThreadedReactor();

    @AfterEach
    void close() throws InterruptedException {
        reactor.close();
    }

    /** What the Deferred made on the reactor thread fires with, and on which thread. */
    private Object[] outcomeOf(Supplier<Deferred<?>> makeOnReactor) throws Exception {
        CompletableFuture<Object[]> outcome = new CompletableFuture<>();
        reactor.callFromThread(() -> makeOnReactor.get().addBoth(result -> {
            outcome.complete(new Object[] {result, Thread.currentThread()});
            return null;
        }));
        return outcome.get(5, TimeUnit.SECONDS);
    }

    @Nested
    class DeferToThread {
        @Test // Twisted: DeferToThreadPoolTests.test_deferredResult
        void firesOnTheReactorThreadWithTheResult() throws Exception {
            CompletableFuture<Thread> ranOn = new CompletableFuture<>();
            Object[] outcome = outcomeOf(() -> Threads.deferToThread(reactor, () -> {
                ranOn.complete(Thread.currentThread());
                return 42;
            }));
            assertEquals(42, outcome[0]);
            assertSame(reactor.reactorThread, outcome[1]);
            assertNotSame(reactor.reactorThread, ranOn.get());
        }

        @Test // Twisted: DeferToThreadPoolTests.test_deferredFailure
        void failsOnTheReactorThreadWithWhatWasThrown() throws Exception {
            Object[] outcome = outcomeOf(() -> Threads.deferToThread(reactor, () -> {
                throw new IOException("in thread");
            }));
            Failure failure = assertInstanceOf(Failure.class, outcome[0]);
            assertInstanceOf(IOException.class, failure.value());
            assertSame(reactor.reactorThread, outcome[1]);
        }

        @Test
        void aGivenPoolRunsTheCall() throws Exception {
            ThreadPool db = new ThreadPool(0, 1, "db");
            db.start();
            try {
                Object[] outcome = outcomeOf(
                        () -> Threads.deferToThreadPool(reactor, db, () -> Thread.currentThread().getName()));
                assertEquals("PoolThread-db-0", outcome[0]);
                assertSame(reactor.reactorThread, outcome[1]);
            } finally {
                db.stop();
            }
        }

        @Test
        void aStoppedPoolFailsTheDeferredInsteadOfLeavingItUnfired() throws Exception {
            ThreadPool stopped = new ThreadPool(0, 1, "gone");
            stopped.start();
            stopped.stop();
            Object[] outcome = outcomeOf(() -> Threads.deferToThreadPool(reactor, stopped, () -> "never"));
            assertInstanceOf(IllegalStateException.class, ((Failure) outcome[0]).value());
        }

        @Test // Twisted: DeferredResultTests.test_callMultiple
        void callMultipleInThreadRunsTheCallsInOrderOnOneThread() throws Exception {
            List<String> threads = Collections.synchronizedList(new ArrayList<>());
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Void> done = new CompletableFuture<>();
            List<Runnable> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                calls.add(() -> {
                    order.add(n);
                    threads.add(Thread.currentThread().getName());
                });
            }
            calls.add(() -> done.complete(null));
            Threads.callMultipleInThread(reactor, calls);
            done.get(5, TimeUnit.SECONDS);
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), order);
            assertEquals(1, threads.stream().distinct().count());
        }
    }

    @Nested
    class BlockingCallFromThread {
        @Test // Twisted: ThreadsTests.test_blockingCallFromThread
        void returnsWhatTheCallableReturnsOnTheReactorThread() throws Exception {
            String result = Threads.blockingCallFromThread(reactor, () -> Thread.currentThread().getName());
            assertEquals("fake-reactor", result);
        }

        @Test // Twisted: ThreadsTests.test_asyncBlockingCallFromThread
        void waitsForAReturnedDeferred() throws Exception {
            Callable<Deferred<String>> later = () -> {
                Deferred<String> d = new Deferred<>();
                reactor.callFromThread(() -> d.callback("later"));
                return d;
            };
            String result = Threads.blockingCallFromThreadDeferring(reactor, later);
            assertEquals("later", result);
        }

        @Test // Twisted: ThreadsTests.test_errorBlockingCallFromThread
        void rethrowsWhatTheCallableThrowsUnchanged() {
            IOException e = assertThrows(IOException.class, () -> Threads.blockingCallFromThread(reactor, () -> {
                throw new IOException("sync failure");
            }));
            assertEquals("sync failure", e.getMessage());
        }

        @Test // Twisted: ThreadsTests.test_asyncErrorBlockingCallFromThread
        void rethrowsTheFailureOfAReturnedDeferred() {
            Callable<Deferred<String>> failing = () -> {
                Deferred<String> d = new Deferred<>();
                reactor.callFromThread(() -> d.errback(new IOException("async failure")));
                return d;
            };
            IOException e = assertThrows(IOException.class,
                    () -> Threads.blockingCallFromThreadDeferring(reactor, failing));
            assertEquals("async failure", e.getMessage());
        }

        @Test
        void refusesToRunOnTheReactorThreadItself() throws Exception {
            CompletableFuture<Throwable> refused = new CompletableFuture<>();
            reactor.callFromThread(() -> {
                try {
                    Threads.blockingCallFromThread(reactor, () -> "deadlock");
                    refused.complete(null);
                } catch (Throwable t) {
                    refused.complete(t);
                }
            });
            Throwable t = refused.get(5, TimeUnit.SECONDS);
            assertInstanceOf(IllegalStateException.class, t);
            assertTrue(t.getMessage().contains("reactor thread"), t.getMessage());
        }
    }
}
