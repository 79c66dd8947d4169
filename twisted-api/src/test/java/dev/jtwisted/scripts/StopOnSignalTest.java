package dev.jtwisted.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.testing.MemoryReactor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shutdown hook, called directly instead of by a signal, with a halt that records the status
 * instead of ending the JVM. The hook runs on a thread of its own, as the JVM runs it; the test's
 * thread plays the program. The samples' tests run it with a real reactor, and their jar test
 * and the runner's send the real SIGTERM.
 */
@Timeout(60)
class StopOnSignalTest {
    private static final long WAIT_SECONDS = 10;

    private final MemoryReactor reactor = new MemoryReactor();
    private final List<String> said = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> halted = new CompletableFuture<>();
    private final StopOnSignal signals =
            new StopOnSignal("prog", () -> reactor, said::add, Duration.ofSeconds(WAIT_SECONDS), halted::complete);

    @Nested
    class WhileTheReactorRuns {
        private final CompletableFuture<Void> shutDown = new CompletableFuture<>();

        private CompletableFuture<Void> runUntilTheHookStopsIt() throws Exception {
            assertSame(reactor, signals.reactor());
            reactor.addSystemEventTrigger("after", "shutdown", () -> shutDown.complete(null));
            reactor.startRunning();
            CompletableFuture<Void> hook = CompletableFuture.runAsync(signals::onShutdown);
            shutDown.get(WAIT_SECONDS, TimeUnit.SECONDS);
            return hook;
        }

        @Test
        void stopsItAndHaltsWithTheProgramsStatusOnceItHasFinished() throws Exception {
            CompletableFuture<Void> hook = runUntilTheHookStopsIt();
            assertTrue(reactor.hasStopped());
            assertFalse(halted.isDone(), "halted before the program finished");

            signals.finished(0);

            hook.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(0, halted.getNow(null));
            assertEquals(List.of("prog: shutting down; stopping the reactor"), said);
        }

        @Test
        void haltsWithTheStatusOfAProgramThatFailsAfterwards() throws Exception {
            CompletableFuture<Void> hook = runUntilTheHookStopsIt();

            signals.finished(1);

            hook.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(1, halted.getNow(null));
        }
    }

    @Nested
    class DoingNothing {
        @Test
        void whenTheProgramMadeNoReactor() {
            signals.onShutdown();
            assertFalse(halted.isDone());
            assertEquals(List.of(), said);
        }

        @Test
        void whenTheProgramHasFinishedAndSystemExitIsRunningTheHooks() {
            signals.reactor();
            signals.finished(0);
            signals.onShutdown();
            assertFalse(halted.isDone());
            assertEquals(List.of(), said);
        }

        @Test
        void butSayingSoWhenTheProgramDoesNotFinishWithinItsPatience() {
            StopOnSignal impatient =
                    new StopOnSignal("prog", () -> reactor, said::add, Duration.ofMillis(50), halted::complete);
            impatient.reactor();

            impatient.onShutdown();

            assertFalse(halted.isDone());
            assertEquals(List.of("prog: shutting down; stopping the reactor",
                    "prog: the program did not finish within PT0.05S of the reactor being stopped; exiting anyway"),
                    said);
        }
    }

    @Test
    void namesTheHookThreadAfterTheProgram() {
        assertEquals("prog-shutdown", signals.hook().getName());
    }
}
