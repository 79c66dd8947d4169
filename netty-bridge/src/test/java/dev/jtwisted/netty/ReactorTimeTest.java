package dev.jtwisted.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.AlreadyCalled;
import dev.jtwisted.internet.AlreadyCancelled;
import dev.jtwisted.internet.IDelayedCall;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.task.Task;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.testing.LogCapture;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** callLater and friends on a running reactor. Ports Twisted's test_base.DelayedCallTests' rules. */
@Timeout(20)
class ReactorTimeTest {
    private final Reactors reactors = new Reactors();
    private NettyReactor reactor;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        LogCapture.clear();
        reactor = reactors.started();
    }

    @AfterEach
    void stop() throws Exception {
        reactors.close();
    }

    /** Schedules a last call after {@code delay} and waits for it: everything due before has run. */
    private void waitPast(double delay) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        Reactors.on(reactor, () -> reactor.callLater(delay, done::countDown));
        assertTrue(done.await(10, TimeUnit.SECONDS));
    }

    @Nested
    class Ordering {
        @Test
        void callsRunInTimeOrderAndCallsDueTogetherInTheOrderMade() throws Exception {
            Reactors.on(reactor, () -> {
                reactor.callLater(0.03, () -> calls.add("c"));
                reactor.callLater(0.01, () -> calls.add("a"));
                IDelayedCall b1 = reactor.callLater(0.02, () -> calls.add("b1"));
                IDelayedCall b2 = reactor.callLater(0.02, () -> calls.add("b2"));
                b2.delay(b1.getTime() - b2.getTime());
                assertEquals(b1.getTime(), b2.getTime());
                return null;
            });
            waitPast(0.05);
            assertEquals(List.of("a", "b1", "b2", "c"), calls);
        }

        @Test
        void callsRunOnTheReactorThread() throws Exception {
            CompletableFuture<Boolean> onLoop = new CompletableFuture<>();
            reactor.callLater(0, () -> onLoop.complete(reactor.isInIOThread()));
            assertTrue(onLoop.get(5, TimeUnit.SECONDS));
        }

        @Test
        void aCallDoesNotRunBeforeItsTime() throws Exception {
            CompletableFuture<Double> ranAt = new CompletableFuture<>();
            double[] due = new double[1];
            Reactors.on(reactor, () -> {
                IDelayedCall call = reactor.callLater(0.05, () -> ranAt.complete(reactor.seconds()));
                due[0] = call.getTime();
                return null;
            });
            assertTrue(ranAt.get(5, TimeUnit.SECONDS) >= due[0]);
        }

        @Test
        void anExceptionFromACallIsLoggedWithTheCallAndTheReactorGoesOn() throws Exception {
            Reactors.on(reactor, () -> {
                reactor.callLater(0, () -> {
                    throw new IllegalStateException("timer broke");
                });
                reactor.callLater(0.001, () -> calls.add("next"));
                return null;
            });
            waitPast(0.01);
            assertEquals(List.of("next"), calls);
            List<LogCapture.LogEvent> logged = LogCapture.containing("Unhandled error in delayed call <DelayedCall");
            assertEquals(1, logged.size(), LogCapture.events().toString());
            assertEquals("timer broke", logged.get(0).throwable().getMessage());
        }
    }

    @Nested
    class DelayedCallRules {
        @Test // Twisted: test_base.DelayedCallTests / IDelayedCall.cancel
        void cancellingTwiceRaisesAlreadyCancelled() throws Exception {
            Reactors.on(reactor, () -> {
                IDelayedCall call = reactor.callLater(1, () -> calls.add("never"));
                assertTrue(call.active());
                call.cancel();
                assertFalse(call.active());
                assertThrows(AlreadyCancelled.class, call::cancel);
                assertThrows(AlreadyCancelled.class, () -> call.reset(1));
                assertThrows(AlreadyCancelled.class, () -> call.delay(1));
                return null;
            });
            assertEquals(List.of(), calls);
        }

        @Test
        void cancellingAfterTheCallRanRaisesAlreadyCalled() throws Exception {
            IDelayedCall call = Reactors.on(reactor, () -> reactor.callLater(0, () -> calls.add("ran")));
            waitPast(0.01);
            Reactors.on(reactor, () -> {
                assertFalse(call.active());
                assertThrows(AlreadyCalled.class, call::cancel);
                assertThrows(AlreadyCalled.class, () -> call.reset(1));
                assertThrows(AlreadyCalled.class, () -> call.delay(1));
                return null;
            });
            assertEquals(List.of("ran"), calls);
        }

        @Test
        void resetMovesACallLaterOrSooner() throws Exception {
            Reactors.on(reactor, () -> {
                IDelayedCall first = reactor.callLater(0.01, () -> calls.add("first"));
                reactor.callLater(0.02, () -> calls.add("second"));
                IDelayedCall soon = reactor.callLater(100, () -> calls.add("soon"));
                first.reset(0.03);
                soon.reset(0);
                return null;
            });
            waitPast(0.05);
            assertEquals(List.of("soon", "second", "first"), calls);
        }

        @Test
        void delayPushesTheTimeBack() throws Exception {
            Reactors.on(reactor, () -> {
                IDelayedCall call = reactor.callLater(10, () -> calls.add("delayed"));
                double before = call.getTime();
                call.delay(5);
                assertEquals(before + 5, call.getTime(), 1e-9);
                call.delay(-15);
                assertEquals(before - 10, call.getTime(), 1e-9);
                return null;
            });
            waitPast(0.01);
            assertEquals(List.of("delayed"), calls);
        }

        @Test
        void getTimeIsInReactorSecondsAndGetDelayedCallsListsThePendingOnes() throws Exception {
            Reactors.on(reactor, () -> {
                double now = reactor.seconds();
                IDelayedCall later = reactor.callLater(30, () -> { });
                IDelayedCall sooner = reactor.callLater(20, () -> { });
                IDelayedCall cancelled = reactor.callLater(10, () -> { });
                cancelled.cancel();
                assertEquals(now + 30, later.getTime(), 0.5);
                assertEquals(List.of(sooner, later), reactor.getDelayedCalls());
                later.cancel();
                sooner.cancel();
                assertEquals(List.of(), reactor.getDelayedCalls());
                return null;
            });
        }

        @Test
        void aNegativeDelayIsRefused() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> reactor.callLater(-1, () -> { }));
            assertTrue(e.getMessage().contains("-1"), e.getMessage());
        }

        @Test
        void secondsReadLikeWallClockTimeAndNeverGoBack() {
            double a = reactor.seconds();
            double b = reactor.seconds();
            assertTrue(b >= a);
            assertEquals(System.currentTimeMillis() / 1000.0, a, 5.0);
        }
    }

    @Nested
    class OverIReactorTime {
        @Test
        void deferLaterFiresOnTheReactorThreadAfterTheDelay() throws Exception {
            Object[] outcome = Reactors.onDeferred(reactor, () -> Task.deferLater(reactor, 0.02,
                    () -> new Object[] {"late", reactor.isInIOThread()}));
            assertEquals("late", outcome[0]);
            assertEquals(true, outcome[1]);
        }

        @Test
        void addTimeoutCancelsADeferredThatTakesTooLong() throws Exception {
            Object result = Reactors.onDeferred(reactor, () -> {
                Deferred<Object> d = new Deferred<>();
                return d.addTimeout(0.02, reactor).addErrback(Failure::value);
            });
            assertInstanceOf(dev.jtwisted.internet.defer.TimeoutError.class, result);
        }
    }
}
