package dev.jtwisted.application.internet;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.application.service.MultiService;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.task.Clock;
import dev.jtwisted.internet.task.LoopingCall;
import dev.jtwisted.testing.LogCapture;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Ports Twisted's {@code twisted.application.test.test_internet.TimerServiceTests} and
 * {@code twisted.test.test_application.TimerBasicTests}, on a {@link Clock}.
 */
class TimerServiceTest {
    static final class TestException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TestException(String message) {
            super(message);
        }
    }

    private final Clock clock = new Clock();
    private Deferred<Object> deferred = new Deferred<>();
    private final Callable<Object> call = () -> deferred;
    private final TimerService timer = new TimerService(2, call);

    @BeforeEach
    void setUp() {
        timer.setClock(clock);
        LogCapture.clear();
    }

    private static List<LogCapture.LogEvent> loggedWith(Throwable t) {
        List<LogCapture.LogEvent> matches = new ArrayList<>();
        for (LogCapture.LogEvent e : LogCapture.events()) {
            if (e.throwable() == t) {
                matches.add(e);
            }
        }
        return matches;
    }

    private TimerService counting(List<Double> calls, double step) {
        TimerService t = new TimerService(step, () -> {
            calls.add(clock.seconds());
        });
        t.setClock(clock);
        return t;
    }

    @Nested
    class Starting {
        @Test // Twisted: test_internet.TimerServiceTests.test_startService
        void startMarksItRunningAndStartsALoopOnItsClock() {
            timer.startService();
            assertTrue(timer.running(), "Service is started");
            LoopingCall loop = timer.loop();
            assertSame(clock, loop.clock());
            assertTrue(loop.running(), "LoopingCall is started");
        }

        @Test // Twisted: test_internet.TimerServiceTests.test_startServiceRunsCallImmediately
        void startCallsTheFunctionAtOnce() {
            List<Double> calls = new ArrayList<>();
            counting(calls, 2).startService();
            assertEquals(List.of(0.0), calls);
        }

        @Test // Twisted: test_application.TimerBasicTests.testTimerLoops, on a Clock
        void itCallsEveryStep() {
            List<Double> calls = new ArrayList<>();
            counting(calls, 0.5).startService();
            clock.pump(0.5, 0.5, 0.5, 0.25);
            assertEquals(List.of(0.0, 0.5, 1.0, 1.5), calls);
        }

        @Test
        void theNextCallWaitsForTheDeferredOfTheLast() {
            List<Deferred<Object>> pending = new ArrayList<>();
            TimerService t = new TimerService(1, () -> {
                Deferred<Object> d = new Deferred<>();
                pending.add(d);
                return d;
            });
            t.setClock(clock);
            t.startService();
            clock.advance(5);
            assertEquals(1, pending.size());
            pending.get(0).callback(null);
            clock.advance(1);
            assertEquals(2, pending.size());
        }

        @Test
        void withoutAClockItHasNoneUntilStarted() {
            assertNull(new TimerService(1, () -> {}).clock());
            assertEquals(2.0, timer.step());
        }

        @Test
        void aNegativeStepIsRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new TimerService(-1, () -> {}));
            assertEquals("step must be >= 0: -1.0", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new TimerService(Double.NaN, () -> {}));
        }
    }

    @Nested
    class Stopping {
        @Test // Twisted: test_internet.TimerServiceTests.test_stopServiceWaits
        void aStopDuringACallWaitsForIt() {
            timer.startService();
            Deferred<Void> d = timer.stopService();
            assertNoResult(d);
            assertTrue(timer.running());
            deferred.callback(new Object());
            assertNull(successResultOf(d));
            assertFalse(timer.running());
        }

        @Test // Twisted: test_internet.TimerServiceTests.test_stopServiceImmediately
        void aStopBetweenCallsFiresAtOnce() {
            timer.startService();
            deferred.callback(new Object());
            Deferred<Void> d = timer.stopService();
            assertNull(successResultOf(d));
            assertFalse(timer.running());
            assertEquals(List.of(), clock.getDelayedCalls());
        }

        @Test
        void noCallsAfterTheStop() {
            List<Double> calls = new ArrayList<>();
            TimerService t = counting(calls, 1);
            t.startService();
            clock.advance(1);
            successResultOf(t.stopService());
            clock.pump(1, 1, 1);
            assertEquals(List.of(0.0, 1.0), calls);
        }

        @Test
        void eachStopGetsItsOwnDeferred() {
            timer.startService();
            Deferred<Void> first = timer.stopService();
            Deferred<Void> second = timer.stopService();
            assertNotSame(first, second);
            deferred.callback("ignored");
            assertNull(successResultOf(first));
            assertNull(successResultOf(second));
        }

        @Test
        void stoppingWhatNeverStartedOnlyMarksItStopped() {
            assertNull(successResultOf(timer.stopService()));
            assertFalse(timer.running());
        }

        @Test // Twisted: test_application.TimerBasicTests.testTimerRestart
        void aStoppedTimerCanStartAgain() {
            List<Double> calls = new ArrayList<>();
            TimerService t = counting(calls, 1);
            t.startService();
            LoopingCall first = t.loop();
            successResultOf(t.stopService());
            clock.advance(5);
            t.startService();
            assertNotSame(first, t.loop());
            assertTrue(t.running());
            clock.advance(1);
            assertEquals(List.of(0.0, 5.0, 6.0), calls);
        }

        @Test
        void aRestartDuringTheLastCallOfTheOldLoopStaysRunning() {
            Deque<Deferred<Object>> pending = new ArrayDeque<>();
            TimerService t = new TimerService(1, () -> {
                Deferred<Object> d = new Deferred<>();
                pending.add(d);
                return d;
            });
            t.setClock(clock);
            t.startService();
            Deferred<Void> stopped = t.stopService();
            t.startService();
            pending.removeFirst().callback(null);
            assertNull(successResultOf(stopped));
            assertTrue(t.running());
            assertTrue(t.loop().running());
        }

        @Test
        void aTimerInAMultiServiceStopsWithIt() {
            MultiService parent = new MultiService();
            timer.setServiceParent(parent);
            parent.startService();
            Deferred<Void> d = parent.stopService();
            assertNoResult(d);
            deferred.callback(null);
            assertNull(successResultOf(d));
            assertFalse(timer.running());
        }
    }

    @Nested
    class Failing {
        @Test // Twisted: test_internet.TimerServiceTests.test_failedCallLogsError
        void aFailedDeferredIsLoggedAndTheStopStillSucceeds() {
            timer.startService();
            TestException boom = new TestException("boom");
            deferred.errback(boom);
            List<LogCapture.LogEvent> logged = loggedWith(boom);
            assertEquals(1, logged.size(), LogCapture.events().toString());
            assertTrue(logged.get(0).message().startsWith("TimerService every 2.0 s failed"),
                    logged.get(0).message());
            assertNull(successResultOf(timer.stopService()));
            assertFalse(timer.running());
        }

        @Test // Twisted: test_application.InternetTests.testBrokenTimer
        void aCallThatThrowsIsLoggedAndEndsTheCalls() {
            TestException boom = new TestException("1 // 0");
            int[] calls = {0};
            TimerService t = new TimerService(1, () -> {
                calls[0]++;
                throw boom;
            });
            t.setClock(clock);
            t.startService();
            assertEquals(1, loggedWith(boom).size(), LogCapture.events().toString());
            assertFalse(t.loop().running());
            assertTrue(t.running());
            clock.pump(1, 1, 1);
            assertEquals(1, calls[0]);
            assertEquals(List.of(), clock.getDelayedCalls());
            assertNull(successResultOf(t.stopService()));
            assertFalse(t.running());
        }

        @Test
        void aLaterFailureIsLoggedOnce() {
            int[] calls = {0};
            TestException boom = new TestException("third call");
            TimerService t = new TimerService(1, () -> {
                if (++calls[0] == 3) {
                    throw boom;
                }
            });
            t.setClock(clock);
            t.startService();
            clock.pump(1, 1, 1, 1);
            assertEquals(3, calls[0]);
            assertEquals(1, loggedWith(boom).size(), LogCapture.events().toString());
        }
    }

    @Test
    void toStringGivesTheStep() {
        timer.setName("ticker");
        assertEquals("TimerService 'ticker' every 2.0 s", timer.toString());
    }
}
