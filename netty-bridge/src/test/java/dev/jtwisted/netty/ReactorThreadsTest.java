package dev.jtwisted.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.threads.Threads;
import dev.jtwisted.python.threadpool.ThreadPool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Threads around the reactor: callFromThread, the thread pools, deferToThread. */
@Timeout(20)
class ReactorThreadsTest {
    private final Reactors reactors = new Reactors();

    @AfterEach
    void stop() throws Exception {
        reactors.close();
    }

    @Nested
    class CallFromThread {
        @Test // Twisted: test_threads.ThreadsTests.test_callFromThread, at scale
        void callsFromManyThreadsRunOnTheReactorThreadInEachThreadsOrder() throws Exception {
            NettyReactor reactor = reactors.started();
            int threads = 8;
            int perThread = 2000;
            List<List<Integer>> seen = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                seen.add(new ArrayList<>());
            }
            boolean[] offLoop = {false};
            CountDownLatch done = new CountDownLatch(threads);
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                callers.add(new Thread(() -> {
                    for (int n = 0; n < perThread; n++) {
                        int value = n;
                        reactor.callFromThread(() -> {
                            offLoop[0] |= !reactor.isInIOThread();
                            seen.get(me).add(value);
                        });
                    }
                    reactor.callFromThread(done::countDown);
                }));
            }
            callers.forEach(Thread::start);
            assertTrue(done.await(10, TimeUnit.SECONDS));
            Reactors.on(reactor, () -> {
                for (List<Integer> values : seen) {
                    assertEquals(perThread, values.size());
                    for (int n = 0; n < perThread; n++) {
                        assertEquals(n, values.get(n));
                    }
                }
                assertFalse(offLoop[0]);
                return null;
            });
        }
    }

    @Nested
    class Pools {
        @Test
        void deferToThreadRunsOnThePoolAndFiresOnTheReactorThread() throws Exception {
            NettyReactor reactor = reactors.started(NettyReactor.builder().name("pooled"));
            Object[] outcome = Reactors.onDeferred(reactor, () -> Threads.deferToThread(reactor,
                    () -> Thread.currentThread().getName())
                    .addCallback(name -> new Object[] {name, reactor.isInIOThread()}));
            assertTrue(((String) outcome[0]).startsWith("PoolThread-pooled-"), (String) outcome[0]);
            assertEquals(true, outcome[1]);
        }

        @Test
        void blockingCallFromThreadWaitsForADeferredAndRefusesTheReactorThread() throws Exception {
            NettyReactor reactor = reactors.started();
            String result = Threads.blockingCallFromThreadDeferring(reactor, () -> {
                Deferred<String> d = new Deferred<>();
                reactor.callLater(0.01, () -> d.callback("waited"));
                return d;
            });
            assertEquals("waited", result);
            CompletableFuture<Throwable> refused = new CompletableFuture<>();
            reactor.callFromThread(() -> {
                try {
                    Threads.blockingCallFromThread(reactor, () -> "deadlock");
                    refused.complete(null);
                } catch (Throwable t) {
                    refused.complete(t);
                }
            });
            assertInstanceOf(IllegalStateException.class, refused.get(5, TimeUnit.SECONDS));
        }

        @Test // Twisted: test_threads.ThreadsTests.test_suggestThreadPoolSize
        void suggestThreadPoolSizeSetsTheDefaultPoolsMaximum() throws Exception {
            NettyReactor reactor = reactors.started();
            reactor.suggestThreadPoolSize(3);
            ThreadPool pool = reactor.getThreadPool();
            assertEquals(3, pool.max());
            CountDownLatch three = new CountDownLatch(3);
            CountDownLatch release = new CountDownLatch(1);
            for (int i = 0; i < 4; i++) {
                reactor.callInThread(() -> {
                    three.countDown();
                    await(release);
                });
            }
            assertTrue(three.await(5, TimeUnit.SECONDS));
            assertEquals(3, pool.threads().size());
            assertEquals(1, pool.backlog());
            release.countDown();
        }

        @Test
        void workGivenBeforeTheReactorRunsWaitsForIt() throws Exception {
            NettyReactor reactor = reactors.create();
            CountDownLatch ran = new CountDownLatch(1);
            reactor.callInThread(ran::countDown);
            assertFalse(reactor.getThreadPool().started());
            reactor.start();
            assertTrue(ran.await(5, TimeUnit.SECONDS));
        }

        @Test
        void thePoolsStopWithTheReactor() throws Exception {
            NettyReactor reactor = reactors.started();
            ThreadPool db = reactor.newThreadPool("db", 1, 2);
            ThreadPool main = reactor.getThreadPool();
            CountDownLatch ran = new CountDownLatch(2);
            reactor.callInThread(ran::countDown);
            db.callInThread(ran::countDown);
            assertTrue(ran.await(5, TimeUnit.SECONDS));
            List<Thread> threads = new ArrayList<>(main.threads());
            threads.addAll(db.threads());
            assertFalse(threads.isEmpty());
            Reactors.stopAndWait(reactor);
            assertTrue(main.joined() && db.joined());
            for (Thread t : threads) {
                t.join(5000);
                assertFalse(t.isAlive(), t + " outlived its reactor");
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released: " + latch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
