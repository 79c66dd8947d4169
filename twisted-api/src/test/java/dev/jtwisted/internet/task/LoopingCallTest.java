package dev.jtwisted.internet.task;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LoopingCallTest {
    static final class TestException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TestException(String message) {
            super(message);
        }
    }

    private final Clock clock = new Clock();

    private LoopingCall loop(Runnable f) {
        LoopingCall lc = new LoopingCall(f);
        lc.setClock(clock);
        return lc;
    }

    /** A time and a count, as the withCount tests record them. */
    record Tick(double time, int count) {}

    @Nested
    class Running {
        @Test // Twisted: test_task.LoopTests.testBasicFunction
        void callsAtOnceAndThenEveryInterval() {
            List<Double> calls = new ArrayList<>();
            LoopingCall lc = loop(() -> calls.add(clock.seconds()));
            Deferred<LoopingCall> d = lc.start(0.1);
            clock.pump(0.05, 0.1, 0.1);
            assertEquals(3, calls.size(), "iterations");

            lc.stop();
            assertSame(lc, successResultOf(d));
            assertTrue(clock.getDelayedCalls().isEmpty());
        }

        @Test // Twisted: test_task.LoopTests.testDelayedStart
        void withoutNowWaitsOneIntervalFirst() {
            List<Double> calls = new ArrayList<>();
            LoopingCall lc = loop(() -> calls.add(clock.seconds()));
            Deferred<LoopingCall> d = lc.start(0.1, false);
            clock.pump(0.05, 0.1, 0.1);
            assertEquals(2, calls.size(), "iterations");

            lc.stop();
            assertSame(lc, successResultOf(d));
            assertTrue(clock.getDelayedCalls().isEmpty());
        }

        @Test
        void exposesItsStateWhileRunning() {
            LoopingCall lc = loop(() -> {});
            assertNull(lc.interval());
            assertFalse(lc.running());
            lc.start(2);
            assertTrue(lc.running());
            assertEquals(2.0, lc.interval());
            assertEquals(0.0, lc.starttime());
            assertNotNull(lc.call());
            assertEquals(2.0, lc.call().getTime());
        }

        @Test // Twisted: test_task.ReactorLoopTests.testEveryIteration
        void anIntervalOfZeroRunsEveryTurnUntilStopped() {
            List<Integer> ran = new ArrayList<>();
            LoopingCall[] lc = new LoopingCall[1];
            lc[0] = loop(() -> {
                ran.add(1);
                if (ran.size() > 5) {
                    lc[0].stop();
                }
            });
            Deferred<LoopingCall> d = lc[0].start(0);
            clock.advance(0);
            successResultOf(d);
            assertEquals(6, ran.size());
        }

        @Test
        void acceptsACallableAndIgnoresWhatItReturns() {
            List<String> ran = new ArrayList<>();
            LoopingCall lc = new LoopingCall(() -> ran.add("x"));
            lc.setClock(clock);
            lc.start(1);
            clock.advance(1);
            assertEquals(List.of("x", "x"), ran);
        }

        @Test // Twisted: test_task.LoopTests.test_reprFunction
        void printsAsTwistedDoes() {
            Runnable named = new Runnable() {
                @Override
                public void run() {}

                @Override
                public String toString() {
                    return "installReactor";
                }
            };
            LoopingCall lc = new LoopingCall(named);
            assertEquals("LoopingCall<None>(installReactor)", lc.toString());
            lc.setClock(clock);
            lc.start(0.5);
            assertEquals("LoopingCall<0.5>(installReactor)", lc.toString());
        }
    }

    @Nested
    class Skipping {
        @Test // Twisted: test_task.LoopTests.test_callbackTimeSkips
        void aCallThatRunsLongerThanTheIntervalSkipsToTheNextFutureOne() {
            List<Double> times = new ArrayList<>();
            double[] callDuration = {2};
            LoopingCall lc = loop(() -> {
                times.add(clock.seconds());
                clock.advance(callDuration[0]);
            });
            lc.start(0.5);
            assertEquals(List.of(0.0), times);
            assertEquals(2.0, clock.seconds());

            // An iteration was due at 2, but 2 is the present, not the future: skipped.
            clock.advance(0);
            assertEquals(List.of(0.0), times);

            callDuration[0] = 1;
            clock.advance(0.5);
            assertEquals(List.of(0.0, 2.5), times);
            assertEquals(3.5, clock.seconds());

            clock.advance(0);
            assertEquals(List.of(0.0, 2.5), times);

            callDuration[0] = 0;
            clock.advance(0.5);
            assertEquals(List.of(0.0, 2.5, 4.0), times);
            assertEquals(4.0, clock.seconds());
        }

        @Test // Twisted: test_task.LoopTests.test_reactorTimeSkips
        void aLateClockSkipsToTheNextFutureInterval() {
            List<Double> times = new ArrayList<>();
            LoopingCall lc = loop(() -> times.add(clock.seconds()));
            lc.start(0.5);
            assertEquals(List.of(0.0), times);
            clock.advance(2);
            assertEquals(List.of(0.0, 2.0), times);
            clock.advance(1);
            assertEquals(List.of(0.0, 2.0, 3.0), times);
            clock.advance(0);
            assertEquals(List.of(0.0, 2.0, 3.0), times);
        }

        @Test // Twisted: test_task.LoopTests.test_reactorTimeCountSkips
        void withCountTellsHowManyIntervalsWentBy() {
            List<Tick> times = new ArrayList<>();
            LoopingCall lc = LoopingCall.withCount(n -> times.add(new Tick(clock.seconds(), n)));
            lc.setClock(clock);
            double interval = 0.5;
            double realisticDelay = 0.01;
            lc.start(interval);
            assertEquals(List.of(new Tick(0, 1)), times);

            clock.advance(interval + realisticDelay);
            assertEquals(List.of(new Tick(0, 1), new Tick(interval + realisticDelay, 1)), times);

            clock.advance(3 * interval + realisticDelay);
            List<Tick> expected = List.of(new Tick(0, 1), new Tick(interval + realisticDelay, 1),
                    new Tick(4 * interval + 2 * realisticDelay, 3));
            assertEquals(expected, times);

            clock.advance(0);
            assertEquals(expected, times);
        }

        @Test // Twisted: test_task.LoopTests.test_countLengthyIntervalCounts
        void withCountCountsOnlyWholeIntervalsThatWereExpected() {
            List<Tick> times = new ArrayList<>();
            LoopingCall lc = LoopingCall.withCount(n -> times.add(new Tick(clock.seconds(), n)));
            lc.setClock(clock);
            double interval = 0.5;
            double realisticDelay = 0.01;
            lc.start(interval);
            assertEquals(new Tick(0, 1), times.remove(times.size() - 1));

            clock.advance(interval + realisticDelay);
            assertEquals(new Tick(interval + realisticDelay, 1), times.remove(times.size() - 1));

            clock.advance(interval * 1.75);
            assertEquals(new Tick(2.75 * interval + realisticDelay, 1), times.remove(times.size() - 1));

            clock.advance(interval * 0.25);
            assertEquals(new Tick(3.0 * interval + realisticDelay, 1), times.remove(times.size() - 1));
        }

        @Test // Twisted: test_task.LoopTests.test_withCountFloatingPointBoundary
        void withCountNeverPassesZeroAndItsCountsSumToTheIntervals() {
            List<Integer> accumulator = new ArrayList<>();
            LoopingCall lc = LoopingCall.withCount(accumulator::add);
            lc.setClock(clock);
            int count = 10;
            double timespan = 1.0;
            double interval = timespan / count;
            lc.start(interval, false);
            for (int i = 0; i < count; i++) {
                clock.advance(interval);
            }
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += interval;
            }
            double epsilon = timespan - sum;
            clock.advance(epsilon);

            assertTrue(Math.abs(epsilon) > 0.0, epsilon + " should be greater than zero");
            assertTrue(clock.seconds() >= timespan, clock.seconds() + " should be >= " + timespan);
            assertEquals(count, accumulator.stream().mapToInt(Integer::intValue).sum());
            assertFalse(accumulator.contains(0));
        }

        @Test // Twisted: test_task.LoopTests.test_withCountIntervalZero
        void withCountAndIntervalZeroAlwaysCountsOne() {
            List<Integer> accumulator = new ArrayList<>();
            LoopingCall[] lc = new LoopingCall[1];
            lc[0] = LoopingCall.withCount(n -> {
                accumulator.add(n);
                if (accumulator.size() > 4) {
                    lc[0].stop();
                }
            });
            lc[0].setClock(clock);
            Deferred<LoopingCall> d = lc[0].start(0, false);
            clock.advance(0);
            successResultOf(d);
            assertEquals(List.of(1, 1, 1, 1, 1), accumulator);
        }

        @Test // Twisted: test_task.LoopTests.test_withCountIntervalZeroDelay
        void withCountAndIntervalZeroCountsOneEvenAfterWaitingForADeferred() {
            Deferred<Void> waiting = new Deferred<>();
            List<Integer> accumulator = new ArrayList<>();
            LoopingCall[] lc = new LoopingCall[1];
            lc[0] = LoopingCall.withCountDeferring(n -> {
                accumulator.add(n);
                if (accumulator.size() == 2) {
                    return waiting;
                }
                if (accumulator.size() > 4) {
                    lc[0].stop();
                }
                return null;
            });
            lc[0].setClock(clock);
            lc[0].start(0, false);

            clock.advance(0);
            assertEquals(List.of(1, 1), accumulator);
            clock.advance(2);
            assertEquals(List.of(1, 1), accumulator);

            waiting.callback(null);
            clock.advance(0);
            assertEquals(List.of(1, 1, 1, 1, 1), accumulator);
        }

        @Test // Twisted: test_task.LoopTests.test_withCountIntervalZeroDelayThenNonZeroInterval
        void withCountKeepsTheLastCallTimeWhenTheIntervalChangesFromZero() {
            Deferred<Void> waiting = new Deferred<>();
            List<Integer> accumulator = new ArrayList<>();
            LoopingCall lc = LoopingCall.withCountDeferring(n -> {
                accumulator.add(n);
                return accumulator.size() == 2 ? waiting : null;
            });
            lc.setClock(clock);
            lc.start(0, false);

            clock.advance(10);
            assertEquals(List.of(1, 1), accumulator);

            lc.setInterval(2);
            waiting.callback(null);

            clock.advance(7);
            assertEquals(List.of(1, 1, 3), accumulator);
            clock.advance(2);
            assertEquals(List.of(1, 1, 3, 1), accumulator);
            clock.advance(4);
            assertEquals(List.of(1, 1, 3, 1, 2), accumulator);
        }

        @Test // Twisted: test_task.ReactorLoopTests.test_deferredWithCount
        void withCountCountsTheIntervalsMissedWhileWaitingForADeferred() {
            Deferred<Void> waiting = new Deferred<>();
            List<Integer> counts = new ArrayList<>();
            LoopingCall lc = LoopingCall.withCountDeferring(n -> {
                counts.add(n);
                return counts.size() == 1 ? waiting : null;
            });
            lc.setClock(clock);
            lc.start(0.2, false);
            assertEquals(List.of(), counts);

            clock.pump(0.2, 0.4);
            assertEquals(List.of(1), counts);

            waiting.callback(null);
            clock.pump(0.2);
            assertEquals(List.of(1, 3), counts);
        }
    }

    @Nested
    class Deferreds {
        @Test // Twisted: test_task.ReactorLoopTests.testWaitDeferred
        void theNextCallWaitsForTheDeferredTheFunctionReturned() {
            LoopingCall[] lc = new LoopingCall[1];
            int[] calls = {0};
            lc[0] = new LoopingCall(() -> {
                calls[0]++;
                Deferred<Void> d = new Deferred<>();
                d.addCallback(ignored -> {
                    lc[0].stop();
                    return null;
                });
                clock.callLater(1, () -> d.callback(null));
                return d;
            });
            lc[0].setClock(clock);
            Deferred<LoopingCall> done = lc[0].start(0.2);
            clock.pump(0.2, 0.8);
            assertEquals(1, calls[0]);
            assertTrue(clock.getDelayedCalls().isEmpty());
            assertSame(lc[0], successResultOf(done));
        }

        @Test // Twisted: test_task.ReactorLoopTests.testFailurePropagation
        void aFailedDeferredFromTheFunctionFailsTheLoop() {
            LoopingCall lc = new LoopingCall(() -> {
                Deferred<Void> d = new Deferred<>();
                clock.callLater(0.3, () -> d.errback(new TestException("late")));
                return d;
            });
            lc.setClock(clock);
            Deferred<LoopingCall> done = lc.start(1);
            assertNoResult(done);
            clock.pump(0.3);
            assertTrue(clock.getDelayedCalls().isEmpty());
            failureResultOf(done, TestException.class);
            assertFalse(lc.running());
        }

        @Test
        void stoppingWhileWaitingFiresWhenTheDeferredDoes() {
            Deferred<Void> waiting = new Deferred<>();
            LoopingCall lc = new LoopingCall(() -> waiting);
            lc.setClock(clock);
            Deferred<LoopingCall> done = lc.start(1);
            lc.stop();
            assertNoResult(done);
            waiting.callback(null);
            assertSame(lc, successResultOf(done));
            assertTrue(clock.getDelayedCalls().isEmpty());
        }
    }

    @Nested
    class Failing {
        @Test // Twisted: test_task.ReactorLoopTests.testFailure
        void aFunctionThatThrowsStopsTheLoopAndFailsItsDeferred() {
            LoopingCall lc = loop(() -> {
                throw new TestException("bar");
            });
            Deferred<LoopingCall> d = lc.start(0.1);
            assertEquals("bar", failureResultOf(d, TestException.class).value().getMessage());
            assertFalse(lc.running());
            assertTrue(clock.getDelayedCalls().isEmpty());
        }

        @Test // Twisted: test_task.ReactorLoopTests.testFailAndStop
        void aFunctionThatStopsTheLoopAndThenThrowsStillFailsIt() {
            LoopingCall[] lc = new LoopingCall[1];
            lc[0] = loop(() -> {
                lc[0].stop();
                throw new TestException("bar");
            });
            failureResultOf(lc[0].start(0.1), TestException.class);
        }

        @Test
        void aLaterFailureStopsTheLoopToo() {
            int[] calls = {0};
            LoopingCall lc = loop(() -> {
                if (++calls[0] == 3) {
                    throw new TestException("third");
                }
            });
            Deferred<LoopingCall> d = lc.start(1);
            clock.pump(1, 1, 1, 1);
            assertEquals(3, calls[0]);
            failureResultOf(d, TestException.class);
        }

        @Test
        void aCheckedExceptionFromACallableFailsTheLoop() {
            LoopingCall lc = new LoopingCall(() -> {
                throw new java.io.IOException("disk");
            });
            lc.setClock(clock);
            failureResultOf(lc.start(1), java.io.IOException.class);
        }
    }

    @Nested
    class Misuse {
        @Test // Twisted: test_task.LoopTests.testBadDelay
        void aNegativeIntervalIsRejectedNamingIt() {
            LoopingCall lc = loop(() -> {});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lc.start(-1));
            assertEquals("interval must be >= 0: -1.0", e.getMessage());
            assertFalse(lc.running());
        }

        @Test
        void aNaNIntervalIsRejected() {
            assertThrows(IllegalArgumentException.class, () -> loop(() -> {}).start(Double.NaN));
            assertThrows(IllegalArgumentException.class, () -> loop(() -> {}).setInterval(-0.5));
        }

        @Test
        void startingTwiceIsAnError() {
            LoopingCall lc = loop(() -> {});
            lc.start(1);
            assertThrows(IllegalStateException.class, () -> lc.start(1));
        }

        @Test
        void stoppingWhenNotRunningIsAnError() {
            LoopingCall lc = loop(() -> {});
            assertThrows(IllegalStateException.class, lc::stop);
            lc.start(1);
            lc.stop();
            assertThrows(IllegalStateException.class, lc::stop);
        }

        @Test
        void resettingWhenNotRunningIsAnError() {
            assertThrows(IllegalStateException.class, loop(() -> {})::reset);
        }

        @Test
        void canBeStartedAgainAfterStopping() {
            List<Double> times = new ArrayList<>();
            LoopingCall lc = loop(() -> times.add(clock.seconds()));
            lc.start(1);
            lc.stop();
            clock.advance(5);
            Deferred<LoopingCall> d = lc.start(2, false);
            clock.advance(2);
            assertEquals(List.of(0.0, 7.0), times);
            lc.stop();
            successResultOf(d);
        }
    }

    @Nested
    class Stopping {
        /** Twisted: test_task.LoopTests._stoppingTest. */
        private void stopsBeforeAnyCall(double delay) {
            List<Integer> ran = new ArrayList<>();
            LoopingCall lc = loop(() -> ran.add(1));
            lc.start(delay, false);
            lc.stop();
            assertTrue(ran.isEmpty());
            assertTrue(clock.getDelayedCalls().isEmpty());
        }

        @Test // Twisted: test_task.LoopTests.testStopAtOnce
        void stopAtOnceWithIntervalZeroPreventsEveryCall() {
            stopsBeforeAnyCall(0);
        }

        @Test // Twisted: test_task.LoopTests.testStoppingBeforeDelayedStart
        void stopBeforeADelayedStartPreventsEveryCall() {
            stopsBeforeAnyCall(10);
        }

        @Test // Twisted: test_task.ReactorLoopTests.testStopAtOnceLater
        void stopFromAnotherScheduledCallPreventsLaterCalls() {
            List<Integer> ran = new ArrayList<>();
            LoopingCall lc = loop(() -> ran.add(1));
            lc.start(1, false);
            clock.callLater(0, lc::stop);
            clock.advance(0);
            clock.advance(5);
            assertTrue(ran.isEmpty());
        }
    }

    @Nested
    class Resetting {
        @Test // Twisted: test_task.LoopTests.test_reset
        void resetSkipsTheNextCallAndRestartsTheTimer() {
            List<Integer> ran = new ArrayList<>();
            LoopingCall lc = loop(() -> ran.add(1));
            lc.start(2, false);
            clock.advance(1);
            lc.reset();
            clock.advance(1);
            assertEquals(List.of(), ran);
            clock.advance(1);
            assertEquals(List.of(1), ran);
        }
    }

    @Nested
    class Clocks {
        @Test
        void isNullUntilSetOrStarted() {
            // The default is the global reactor, looked up by start(); not started here because
            // twisted-api's tests have no reactor.
            assertNull(new LoopingCall(() -> {}).clock());
        }

        @Test
        void aFunctionReturningAFiredDeferredIsScheduledAgainAtOnce() {
            // A function returning an already-fired Deferred goes on at once, as maybeDeferred does.
            LoopingCall lc = new LoopingCall(() -> Defer.succeed("ok"));
            lc.setClock(clock);
            lc.start(1);
            assertEquals(1.0, lc.call().getTime());
        }
    }
}
