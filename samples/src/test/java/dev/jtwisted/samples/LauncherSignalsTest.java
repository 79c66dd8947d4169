package dev.jtwisted.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.netty.NettyReactor;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.scripts.StopOnSignal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The jar's Ctrl-C wiring ({@link Main}): the launcher running a sample on a real reactor, and
 * {@link StopOnSignal}'s hook, called directly instead of by a signal, with a halt that records
 * the status instead of ending the JVM. StopOnSignalTest covers the hook on its own;
 * SamplesJarIT sends the real SIGTERM.
 */
@Timeout(60)
class LauncherSignalsTest {
    private static final long WAIT_SECONDS = 10;

    private final NettyReactor reactor = NettyReactor.builder().name("test-signals").build();
    private final Captured io = new Captured();
    private final CompletableFuture<Integer> halted = new CompletableFuture<>();
    private final StopOnSignal signals = new StopOnSignal(Launcher.PROGRAM, () -> reactor, io.err::println,
            Duration.ofSeconds(WAIT_SECONDS), halted::complete);

    @AfterEach
    void endTheReactor() {
        reactor.close();
    }

    /** Runs {@code sample} as {@link Main} does, on a thread of its own; completes with its status. */
    private CompletableFuture<Integer> launch(Sample sample) {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread main = new Thread(() -> {
            int status = new Launcher(new Samples(sample.name(), List.of(sample)), io.out, io.err, signals::reactor)
                    .launch(sample.name());
            signals.finished(status);
            exit.complete(status);
        }, "test-main");
        main.setDaemon(true);
        main.start();
        return exit;
    }

    /** A sample that runs its reactor until stopped, once {@code go} opens; {@code after} runs after. */
    private static Sample server(CountDownLatch made, CountDownLatch go, CountDownLatch running, Runnable after) {
        return new Sample() {
            @Override
            public String name() {
                return "server";
            }

            @Override
            public String description() {
                return "Runs its reactor until stopped";
            }

            @Override
            public void run(Args args, Context context) throws Exception {
                IReactor r = context.reactor();
                made.countDown();
                assertTrue(go.await(WAIT_SECONDS, TimeUnit.SECONDS), "go");
                r.callWhenRunning(running::countDown);
                r.run();
                after.run();
            }
        };
    }

    private static CountDownLatch open() {
        return new CountDownLatch(0);
    }

    @Nested
    class WhileTheReactorRuns {
        @Test
        void stopsItAndHaltsWithTheSamplesStatusZero() throws Exception {
            CountDownLatch running = new CountDownLatch(1);
            CompletableFuture<Integer> exit = launch(server(open(), open(), running, () -> { }));
            assertTrue(running.await(WAIT_SECONDS, TimeUnit.SECONDS));

            signals.onShutdown();

            assertEquals(0, halted.getNow(null));
            assertEquals(0, exit.get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertTrue(reactor.isTerminated());
            assertEquals("jtwisted-samples: shutting down; stopping the reactor\n", io.err());
        }

        @Test
        void haltsWithTheStatusOfASampleThatFailsAfterwards() throws Exception {
            CountDownLatch running = new CountDownLatch(1);
            launch(server(open(), open(), running, () -> {
                throw new IllegalStateException("could not save the state");
            }));
            assertTrue(running.await(WAIT_SECONDS, TimeUnit.SECONDS));

            signals.onShutdown();

            assertEquals(1, halted.getNow(null));
            assertTrue(io.err().contains("jtwisted-samples server: failed: java.lang.IllegalStateException: "
                    + "could not save the state\n"), io.err());
        }
    }

    @Nested
    class BeforeTheReactorRuns {
        @Test
        void stopsItAsSoonAsItRuns() throws Exception {
            CountDownLatch made = new CountDownLatch(1);
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Integer> exit = launch(server(made, go, new CountDownLatch(1), () -> { }));
            assertTrue(made.await(WAIT_SECONDS, TimeUnit.SECONDS));

            CompletableFuture<Void> hook = CompletableFuture.runAsync(signals::onShutdown);
            go.countDown();

            hook.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(0, halted.getNow(null));
            assertEquals(0, exit.get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
    }
}
