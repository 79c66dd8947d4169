package dev.jtwisted.internet.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.AlreadyCalled;
import dev.jtwisted.internet.AlreadyCancelled;
import dev.jtwisted.internet.IDelayedCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Ports the behaviours of Twisted's {@code test_task.ClockTests}. */
class ClockTest {
    private final Clock clock = new Clock();
    private final List<String> events = new ArrayList<>();

    @Nested
    class Time {
        @Test // Twisted: ClockTests.testSeconds
        void startsAtZeroAndMovesOnlyWhenAdvanced() {
            assertEquals(0.0, clock.seconds());
            clock.advance(1.5);
            assertEquals(1.5, clock.seconds());
            clock.pump(1, 2, 3);
            assertEquals(7.5, clock.seconds());
        }

        @Test
        void refusesNegativeOrInfiniteAdvances() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> clock.advance(-1));
            assertTrue(e.getMessage().contains("-1.0"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> clock.advance(Double.POSITIVE_INFINITY));
            assertThrows(IllegalArgumentException.class, () -> clock.advance(Double.NaN));
        }
    }

    @Nested
    class CallLater {
        @Test // Twisted: ClockTests.testCallLater
        void schedulesAtNowPlusDelay() {
            clock.advance(2);
            IDelayedCall call = clock.callLater(3, () -> events.add("ran"));
            assertEquals(5.0, call.getTime());
            assertTrue(call.active());
        }

        @Test // Twisted: ClockTests.testAdvance
        void runsWhenTimeReachesIt() {
            IDelayedCall call = clock.callLater(2, () -> events.add("ran"));
            clock.advance(1);
            assertEquals(List.of(), events);
            clock.advance(1);
            assertEquals(List.of("ran"), events);
            assertFalse(call.active());
        }

        @Test
        void acceptsADuration() {
            IDelayedCall call = clock.callLater(Duration.ofMillis(1500), () -> events.add("ran"));
            assertEquals(1.5, call.getTime());
        }

        @Test
        void refusesANegativeDelayNamingIt() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> clock.callLater(-0.5, () -> {}));
            assertTrue(e.getMessage().contains("-0.5"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> clock.callLater(Double.NaN, () -> {}));
        }

        @Test // Twisted: ClockTests.test_callLaterOrdering
        void callsDueAtTheSameTimeRunInTheOrderTheyWereScheduled() {
            clock.callLater(1, () -> events.add("a"));
            clock.callLater(1, () -> events.add("b"));
            clock.callLater(0.5, () -> events.add("c"));
            clock.advance(1);
            assertEquals(List.of("c", "a", "b"), events);
        }

        @Test // Twisted: ClockTests.test_callLaterKeepsCallsOrdered
        void getDelayedCallsListsPendingCallsSoonestFirst() {
            IDelayedCall late = clock.callLater(3, () -> {});
            IDelayedCall soon = clock.callLater(1, () -> {});
            assertEquals(List.of(soon, late), clock.getDelayedCalls());
            soon.cancel();
            assertEquals(List.of(late), clock.getDelayedCalls());
        }

        @Test // Twisted: ClockTests.test_getDelayedCallsEmpty
        void getDelayedCallsIsEmptyWithNothingScheduled() {
            assertEquals(List.of(), clock.getDelayedCalls());
        }

        @Test
        void aCallScheduledByACallWithinTheAdvanceRunsInTheSameAdvance() {
            clock.callLater(1, () -> {
                events.add("first");
                clock.callLater(0, () -> events.add("second"));
                clock.callLater(5, () -> events.add("much later"));
            });
            clock.advance(2);
            assertEquals(List.of("first", "second"), events);
        }

        @Test
        void anExceptionFromACallPropagatesOutOfAdvance() {
            clock.callLater(1, () -> {
                throw new IllegalStateException("from the call");
            });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> clock.advance(1));
            assertEquals("from the call", e.getMessage());
        }
    }

    @Nested
    class CancelDelayReset {
        @Test // Twisted: ClockTests.testCallLaterCancelled
        void aCancelledCallDoesNotRun() {
            IDelayedCall call = clock.callLater(1, () -> events.add("ran"));
            call.cancel();
            assertFalse(call.active());
            clock.advance(2);
            assertEquals(List.of(), events);
        }

        @Test
        void cancellingTwiceRaisesAlreadyCancelled() {
            IDelayedCall call = clock.callLater(1, () -> {});
            call.cancel();
            assertThrows(AlreadyCancelled.class, call::cancel);
            assertThrows(AlreadyCancelled.class, () -> call.delay(1));
            assertThrows(AlreadyCancelled.class, () -> call.reset(1));
        }

        @Test
        void cancellingACalledCallRaisesAlreadyCalled() {
            IDelayedCall call = clock.callLater(1, () -> {});
            clock.advance(1);
            AlreadyCalled e = assertThrows(AlreadyCalled.class, call::cancel);
            assertTrue(e.getMessage().contains("already been called"), e.getMessage());
            assertThrows(AlreadyCalled.class, () -> call.delay(1));
            assertThrows(AlreadyCalled.class, () -> call.reset(1));
        }

        @Test // Twisted: ClockTests.testAdvanceCancel
        void aCallCancelledByAnEarlierCallInTheSameAdvanceDoesNotRun() {
            IDelayedCall[] second = new IDelayedCall[1];
            clock.callLater(1, () -> second[0].cancel());
            second[0] = clock.callLater(2, () -> events.add("ran"));
            clock.advance(3);
            assertEquals(List.of(), events);
        }

        @Test // Twisted: ClockTests.testCallLaterDelayed
        void delayPushesTheCallBack() {
            IDelayedCall call = clock.callLater(1, () -> events.add("ran"));
            call.delay(1);
            assertEquals(2.0, call.getTime());
            clock.advance(1.5);
            assertEquals(List.of(), events);
            clock.advance(0.5);
            assertEquals(List.of("ran"), events);
        }

        @Test // Twisted: ClockTests.testCallLaterResetLater
        void resetLaterReschedulesFromNow() {
            IDelayedCall call = clock.callLater(2, () -> events.add("ran"));
            clock.advance(1);
            call.reset(3);
            assertEquals(4.0, call.getTime());
            clock.advance(2);
            assertEquals(List.of(), events);
            clock.advance(1);
            assertEquals(List.of("ran"), events);
        }

        @Test // Twisted: ClockTests.testCallLaterResetSooner
        void resetSoonerReschedulesFromNow() {
            IDelayedCall call = clock.callLater(4, () -> events.add("ran"));
            call.reset(3);
            assertEquals(3.0, call.getTime());
            clock.advance(3);
            assertEquals(List.of("ran"), events);
        }

        @Test // Twisted: ClockTests.test_callLaterResetKeepsCallsOrdered
        void resetKeepsTheRunOrderByTime() {
            IDelayedCall a = clock.callLater(1, () -> events.add("a"));
            clock.callLater(2, () -> events.add("b"));
            a.reset(3);
            clock.advance(3);
            assertEquals(List.of("b", "a"), events);
        }
    }
}
