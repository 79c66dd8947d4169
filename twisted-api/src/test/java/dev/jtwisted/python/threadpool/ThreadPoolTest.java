package dev.jtwisted.python.threadpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Ports the behaviours of Twisted's {@code test_threadpool.ThreadPoolTests}. */
@Timeout(10)
class ThreadPoolTest {
    private final List<ThreadPool> pools = new ArrayList<>();

    private ThreadPool pool(int min, int max) {
        ThreadPool pool = new ThreadPool(min, max, "test-" + pools.size());
        pools.add(pool);
        return pool;
    }

    @BeforeEach
    void clearLog() {
        LogCapture.clear();
    }

    @AfterEach
    void stopPools() {
        pools.forEach(ThreadPool::stop);
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(5, TimeUnit.SECONDS), "timed out waiting for " + latch);
    }

    @Nested
    class Sizes {
        @Test // Twisted: ThreadPoolTests.test_attributes
        void minAndMaxAreThoseGiven() {
            ThreadPool pool = pool(12, 22);
            assertEquals(12, pool.min());
            assertEquals(22, pool.max());
        }

        @Test
        void aNegativeMinimumOrOneAboveTheMaximumIsRefused() {
            assertThrows(IllegalArgumentException.class, () -> new ThreadPool(-1, 3, "x"));
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> new ThreadPool(4, 3, "x"));
            assertTrue(e.getMessage().contains("(4)") && e.getMessage().contains("(3)"), e.getMessage());
        }

        @Test // Twisted: ThreadPoolTests.test_start
        void startCreatesTheMinimumNumberOfThreads() {
            ThreadPool none = pool(0, 5);
            none.start();
            assertEquals(0, none.threads().size());

            ThreadPool three = pool(3, 10);
            assertEquals(0, three.threads().size());
            three.start();
            assertEquals(3, three.threads().size());
        }

        @Test // Twisted: ThreadPoolTests.test_adjustingWhenPoolStopped
        void adjustingAStoppedPoolStartsNoThreads() {
            ThreadPool pool = pool(0, 5);
            pool.start();
            pool.stop();
            pool.adjustPoolsize(2, 5);
            assertEquals(0, pool.threads().size());
        }

        @Test
        void raisingTheMinimumOfARunningPoolStartsThreadsAtOnce() {
            ThreadPool pool = pool(0, 5);
            pool.start();
            pool.adjustPoolsize(3, 5);
            assertEquals(3, pool.workers());
            assertEquals(3, pool.threads().size());
        }

        @Test
        void loweringTheMaximumRetiresBusyWorkersOnceTheyAreIdle() throws Exception {
            ThreadPool pool = pool(0, 4);
            pool.start();
            CountDownLatch running = new CountDownLatch(4);
            CountDownLatch release = new CountDownLatch(1);
            for (int i = 0; i < 4; i++) {
                pool.callInThread(() -> {
                    running.countDown();
                    awaitQuietly(release);
                });
            }
            await(running);
            assertEquals(4, pool.workers());
            assertEquals(4, pool.working());

            pool.adjustPoolsize(1);
            assertEquals(1, pool.workers());
            assertEquals(0, pool.min());
            release.countDown();
            pool.stop();
            assertEquals(List.of(), pool.threads());
        }

        @Test // Twisted: ThreadPoolTests.test_workBeforeStarting
        void workQueuedBeforeStartGetsAThreadEach() {
            ThreadPool pool = pool(0, 10);
            for (int i = 0; i < 5; i++) {
                pool.callInThread(() -> { });
            }
            assertEquals(0, pool.threads().size());
            pool.start();
            assertEquals(5, pool.threads().size());
        }

        @Test // Twisted: ThreadPoolTests.test_tooMuchWorkBeforeStarting
        void moreWorkBeforeStartThanTheMaximumStartsOnlyTheMaximum() {
            ThreadPool pool = pool(0, 10);
            for (int i = 0; i < 50; i++) {
                pool.callInThread(() -> { });
            }
            pool.start();
            assertEquals(10, pool.threads().size());
        }

        @Test
        void threadsAreNamedAfterThePool() throws Exception {
            ThreadPool pool = new ThreadPool(0, 1, "db");
            pools.add(pool);
            pool.start();
            CompletableFuture<String> name = new CompletableFuture<>();
            pool.callInThread(() -> name.complete(Thread.currentThread().getName()));
            assertEquals("PoolThread-db-0", name.get(5, TimeUnit.SECONDS));
        }
    }

    @Nested
    class Work {
        @Test // Twisted: ThreadPoolTests.test_existingWork
        void workGivenBeforeStartRunsOnceStarted() throws Exception {
            ThreadPool pool = pool(0, 1);
            CountDownLatch done = new CountDownLatch(1);
            pool.callInThread(done::countDown);
            pool.start();
            await(done);
        }

        @Test // Twisted: ThreadPoolTests.test_callInThreadException
        void anExceptionFromCallInThreadIsLoggedWithThePoolName() throws Exception {
            ThreadPool pool = pool(0, 1);
            pool.callInThread(() -> {
                throw new IllegalStateException("boom in pool");
            });
            pool.start();
            pool.stop();
            List<LogCapture.LogEvent> logged = LogCapture.containing("Unhandled error in ThreadPool test-0");
            assertEquals(1, logged.size(), LogCapture.events().toString());
            assertEquals("boom in pool", logged.get(0).throwable().getMessage());
        }

        @Test // Twisted: ThreadPoolTests.test_callInThreadWithCallback
        void onResultGetsTrueAndTheValue() throws Exception {
            ThreadPool pool = pool(0, 1);
            CompletableFuture<List<Object>> got = new CompletableFuture<>();
            pool.callInThreadWithCallback((ok, result) -> got.complete(List.of(ok, result)), () -> "test");
            pool.start();
            assertEquals(List.of(true, "test"), got.get(5, TimeUnit.SECONDS));
        }

        @Test // Twisted: ThreadPoolTests.test_callInThreadWithCallbackExceptionInCallback
        void onResultGetsFalseAndAFailureOfWhatWasThrown() throws Exception {
            ThreadPool pool = pool(0, 1);
            CompletableFuture<Object[]> got = new CompletableFuture<>();
            pool.callInThreadWithCallback((ok, result) -> got.complete(new Object[] {ok, result}), () -> {
                throw new java.io.IOException("disk gone");
            });
            pool.start();
            Object[] outcome = got.get(5, TimeUnit.SECONDS);
            assertFalse((Boolean) outcome[0]);
            Failure failure = assertInstanceOf(Failure.class, outcome[1]);
            assertInstanceOf(java.io.IOException.class, failure.value());
        }

        @Test // Twisted: ThreadPoolTests.test_callInThreadWithCallbackExceptionInOnResult
        void anExceptionFromOnResultIsLogged() throws Exception {
            ThreadPool pool = pool(0, 1);
            pool.callInThreadWithCallback((ok, result) -> {
                throw new IllegalArgumentException("bad onResult");
            }, () -> null);
            pool.start();
            pool.stop();
            assertEquals(1, LogCapture.containing("onResult").size(), LogCapture.events().toString());
        }

        @Test // Twisted: ThreadPoolTests.test_callbackThread
        void onResultRunsOnTheThreadThatDidTheWork() throws Exception {
            ThreadPool pool = pool(0, 1);
            pool.start();
            CompletableFuture<Thread> worker = new CompletableFuture<>();
            CompletableFuture<Thread> reporter = new CompletableFuture<>();
            pool.callInThreadWithCallback((ok, result) -> reporter.complete(Thread.currentThread()), () -> {
                worker.complete(Thread.currentThread());
                return null;
            });
            assertSame(worker.get(5, TimeUnit.SECONDS), reporter.get(5, TimeUnit.SECONDS));
        }

        @Test
        void oneThreadRunsWorkInTheOrderGiven() throws Exception {
            ThreadPool pool = pool(0, 1);
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 100; i++) {
                int n = i;
                pool.callInThread(() -> order.add(n));
            }
            pool.start();
            pool.stop();
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                expected.add(i);
            }
            assertEquals(expected, order);
        }

        @Test
        void workBeyondTheMaximumWaitsForAFreeThread() throws Exception {
            ThreadPool pool = pool(0, 2);
            pool.start();
            CountDownLatch running = new CountDownLatch(2);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger ran = new AtomicInteger();
            for (int i = 0; i < 5; i++) {
                pool.callInThread(() -> {
                    running.countDown();
                    awaitQuietly(release);
                    ran.incrementAndGet();
                });
            }
            await(running);
            assertEquals(2, pool.threads().size());
            assertEquals(3, pool.backlog());
            release.countDown();
            pool.stop();
            assertEquals(5, ran.get());
        }
    }

    @Nested
    class Stopping {
        @Test
        void stopLetsQueuedWorkFinishThenJoinsTheThreads() throws Exception {
            ThreadPool pool = pool(0, 1);
            pool.start();
            AtomicInteger ran = new AtomicInteger();
            for (int i = 0; i < 3; i++) {
                pool.callInThread(ran::incrementAndGet);
            }
            List<Thread> threads = pool.threads();
            pool.stop();
            assertEquals(3, ran.get());
            assertEquals(List.of(), pool.threads());
            for (Thread t : threads) {
                assertFalse(t.isAlive(), t + " is still alive");
            }
            assertTrue(pool.joined());
            assertFalse(pool.started());
        }

        @Test
        void quitReturnsAtOnceAndAwaitTerminationWaitsForTheThreads() throws Exception {
            ThreadPool pool = pool(2, 2);
            pool.start();
            CountDownLatch release = new CountDownLatch(1);
            pool.callInThread(() -> awaitQuietly(release));
            pool.quit();
            assertFalse(pool.awaitTermination(Duration.ZERO));
            release.countDown();
            assertTrue(pool.awaitTermination(Duration.ofSeconds(5)));
            assertEquals(List.of(), pool.threads());
        }

        @Test
        void workGivenAfterStopIsRefusedAndLogged() {
            ThreadPool pool = pool(0, 1);
            pool.start();
            pool.stop();
            pool.callInThread(() -> { });
            assertEquals(1, LogCapture.containing("ThreadPool test-0 is stopped; dropping").size());
        }

        @Test
        void onResultHearsAtOnceThatAStoppedPoolRefusedTheWork() {
            ThreadPool pool = pool(0, 1);
            pool.start();
            pool.stop();
            Object[] outcome = new Object[2];
            pool.callInThreadWithCallback((ok, result) -> {
                outcome[0] = ok;
                outcome[1] = result;
            }, () -> "never");
            assertEquals(false, outcome[0]);
            assertInstanceOf(IllegalStateException.class, ((Failure) outcome[1]).value());
        }

        @Test
        void aStoppedPoolDoesNotRestart() {
            ThreadPool pool = pool(0, 1);
            pool.start();
            pool.stop();
            assertThrows(IllegalStateException.class, pool::start);
        }

        @Test
        void stopFromAPoolThreadWaitsForTheOthersOnly() throws Exception {
            ThreadPool pool = pool(0, 1);
            pool.start();
            CompletableFuture<Boolean> stopped = new CompletableFuture<>();
            pool.callInThread(() -> {
                pool.stop();
                stopped.complete(pool.joined());
            });
            assertTrue(stopped.get(5, TimeUnit.SECONDS));
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released: " + latch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + latch, e);
        }
    }
}
