package dev.jtwisted.interop;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.ReactorNotRunning;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes, runs and stops the jtwisted reactor the interop tests use: the one place that knows
 * how.
 *
 * <p>Everything else is written against {@link IReactor} alone: {@link #start()} runs
 * {@link IReactor#run()} on a thread of its own, as a Twisted program runs its reactor on the
 * main thread, and {@link Running#close()} calls {@link IReactor#stop()}.
 */
final class Reactors {
    private Reactors() {}

    /** A new reactor, not yet running. */
    static IReactor newReactor() {
        return dev.jtwisted.netty.NettyReactor.builder().name("interop").build();
    }

    /** A new reactor, running on its own thread; close it to stop it. */
    static Running start() {
        return new Running(newReactor());
    }

    /** A reactor running on a thread of its own, named {@code interop-reactor}. */
    static final class Running implements AutoCloseable {
        private static final Duration STARTUP = Duration.ofSeconds(10);
        private static final Duration SHUTDOWN = Duration.ofSeconds(10);

        final IReactor reactor;
        private final Thread thread;
        private final AtomicReference<Throwable> runFailure = new AtomicReference<>();

        private Running(IReactor reactor) {
            this.reactor = reactor;
            CountDownLatch running = new CountDownLatch(1);
            reactor.callWhenRunning(running::countDown);
            thread = new Thread(() -> {
                try {
                    reactor.run();
                } catch (Throwable t) {
                    runFailure.set(t);
                } finally {
                    running.countDown();
                }
            }, "interop-reactor");
            thread.setDaemon(true);
            thread.start();
            try {
                if (!running.await(STARTUP.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError(reactor + " did not start running within " + STARTUP);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + reactor + " to run", e);
            }
            if (runFailure.get() != null) {
                throw new AssertionError(reactor + ".run() failed", runFailure.get());
            }
        }

        /**
         * Runs {@code callable} on the reactor thread and returns its result: the way a test
         * thread calls {@code listenTCP}, {@code connectTCP} and the like.
         *
         * @throws AssertionError if it throws, or takes more than 10 s
         */
        <T> T call(Callable<T> callable) {
            CompletableFuture<T> result = new CompletableFuture<>();
            reactor.callFromThread(() -> {
                try {
                    result.complete(callable.call());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
            try {
                return result.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("failed on the reactor thread: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new AssertionError("the reactor thread did not run a call within 10 s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for the reactor thread", e);
            }
        }

        /**
         * Stops the reactor and waits for {@code run()} to return.
         *
         * @throws AssertionError if it does not within 10 s, or {@code run()} failed
         */
        @Override
        public void close() {
            try {
                reactor.stop();
            } catch (ReactorNotRunning e) {
                // Stopped already, by the test itself: just wait for run() to return.
            }
            try {
                thread.join(SHUTDOWN.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + reactor + " to stop", e);
            }
            if (thread.isAlive()) {
                throw new AssertionError(reactor + ".run() has not returned " + SHUTDOWN + " after stop()");
            }
            if (runFailure.get() != null) {
                throw new AssertionError(reactor + ".run() failed", runFailure.get());
            }
        }
    }
}
