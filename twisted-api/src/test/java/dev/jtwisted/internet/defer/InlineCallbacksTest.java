package dev.jtwisted.internet.defer;

import static dev.jtwisted.internet.defer.Defer.await;
import static dev.jtwisted.internet.defer.Defer.inlineCallbacks;
import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.task.Clock;
import dev.jtwisted.internet.task.Task;
import dev.jtwisted.python.failure.Failure;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code inlineCallbacks}: ports the behaviours of Twisted's {@code test_defgen.py} and
 * {@code internet/test/test_inlinecb.py}, and checks the thread hand-over that replaces Python's
 * generators.
 */
@Timeout(120)
class InlineCallbacksTest {

    /** The example: the notification client's random() and classified(). */
    @Test
    void theNotificationClientExampleReadsSequentially() {
        Clock clock = new Clock();
        Callable<Deferred<Integer>> random = () -> Task.deferLater(clock, 1, () -> 4);
        Callable<Deferred<String>> classified = () -> Task.deferLater(clock, 1, () -> "bike for sale, ");
        Deferred<String> d = inlineCallbacks(() -> {
            int n = await(random.call());
            String ad = await(classified.call());
            return ad + n;
        });
        assertNoResult(d);
        clock.advance(1);
        assertNoResult(d);
        clock.advance(1);
        assertEquals("bike for sale, 4", successResultOf(d));
    }

    @Nested
    class Results {
        @Test // Twisted: DeferredGeneratorTests.testBasics (inlineCallbacks flavour)
        void awaitingFiredDeferredsCompletesBeforeInlineCallbacksReturns() {
            Deferred<Integer> d = inlineCallbacks(() -> await(Defer.succeed(1)) + await(Defer.succeed(2)));
            assertEquals(3, successResultOf(d));
        }

        @Test // Twisted: testReturnNoValue
        void aBodyWithoutAwaitsFiresAtOnce() {
            Deferred<Object> d = inlineCallbacks(() -> null);
            assertEquals(null, successResultOf(d));
        }

        @Test // Twisted: testDeferredYielding
        void anUnfiredDeferredSuspendsTheBodyUntilItFires() {
            Deferred<String> pending = new Deferred<>();
            List<String> events = new ArrayList<>();
            Deferred<String> d = inlineCallbacks(() -> {
                events.add("before");
                String value = await(pending);
                events.add("after " + value);
                return value.toUpperCase();
            });
            assertEquals(List.of("before"), events);
            assertNoResult(d);
            pending.callback("late");
            assertEquals(List.of("before", "after late"), events);
            assertEquals("LATE", successResultOf(d));
        }

        @Test // Twisted: testBuggy
        void anExceptionFromTheBodyFailsTheDeferred() {
            Deferred<String> d = inlineCallbacks(() -> {
                await(Defer.succeed("x"));
                throw new IOException("body failed");
            });
            assertEquals("body failed", failureResultOf(d, IOException.class).getErrorMessage());
        }

        @Test // Twisted: testHandledTerminalFailure
        void aFailedAwaitThrowsTheOriginalExceptionSoTryCatchWorks() {
            IOException error = new IOException("awaited failure");
            Deferred<String> d = inlineCallbacks(() -> {
                try {
                    await(Defer.fail(error));
                    return "not reached";
                } catch (IOException e) {
                    return "caught " + (e == error);
                }
            });
            assertEquals("caught true", successResultOf(d));
        }

        @Test // Twisted: testHandledTerminalAsyncFailure
        void aLaterFailureIsThrownIntoTheBodyToo() {
            Deferred<String> pending = new Deferred<>();
            Deferred<String> d = inlineCallbacks(() -> {
                try {
                    return await(pending);
                } catch (IllegalStateException e) {
                    return "recovered from " + e.getMessage();
                }
            });
            pending.errback(new IllegalStateException("async"));
            assertEquals("recovered from async", successResultOf(d));
            // The awaited Deferred's failure was consumed by the body.
            assertEquals(null, successResultOf(pending));
        }

        @Test
        void anUncaughtFailedAwaitFailsTheOuterDeferredWithThatException() {
            IOException error = new IOException("unhandled in body");
            Deferred<String> d = inlineCallbacks(() -> await(Defer.fail(error)));
            assertSame(error, failureResultOf(d, IOException.class).value());
        }

        @Test
        void aBodyReturningADeferredFailsWithAHint() {
            Deferred<Object> d = inlineCallbacks(() -> new Deferred<String>());
            Failure f = failureResultOf(d, IllegalStateException.class);
            assertTrue(f.getErrorMessage().contains("return await(it) instead"), f.getErrorMessage());
        }

        @Test
        void awaitOutsideABodyIsRejectedNamingTheThread() {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> await(Defer.succeed(1)));
            assertTrue(e.getMessage().contains("outside an inlineCallbacks body"), e.getMessage());
            assertTrue(e.getMessage().contains(Thread.currentThread().getName()), e.getMessage());
        }

        @Test
        void nestedBodiesAwaitEachOther() {
            Deferred<Integer> inner = new Deferred<>();
            Deferred<Integer> d = inlineCallbacks(() -> {
                int a = await(inlineCallbacks(() -> await(inner) * 2));
                return a + 1;
            });
            assertNoResult(d);
            inner.callback(20);
            assertEquals(41, successResultOf(d));
        }
    }

    @Nested
    class Scale {
        @Test // Twisted: testStackUsage
        void aBodyAwaitingOneHundredThousandFiredDeferredsCompletes() {
            Deferred<Integer> d = inlineCallbacks(() -> {
                int total = 0;
                for (int i = 0; i < 100_000; i++) {
                    total += await(Defer.succeed(1));
                }
                return total;
            });
            assertEquals(100_000, successResultOf(d));
        }

        @Test
        void aBodyAwaitingOneHundredThousandTimesWithAHandOverEachTimeCompletes() {
            ArrayDeque<Deferred<Integer>> pending = new ArrayDeque<>();
            int count = 100_000;
            Deferred<Long> d = inlineCallbacks(() -> {
                long total = 0;
                for (int i = 0; i < count; i++) {
                    Deferred<Integer> next = new Deferred<>();
                    pending.add(next);
                    total += await(next);
                }
                return total;
            });
            for (int i = 0; i < count; i++) {
                // Exactly one is pending each time: the body is parked on it.
                assertEquals(1, pending.size());
                pending.poll().callback(1);
            }
            assertEquals((long) count, successResultOf(d));
        }
    }

    @Nested
    class Threads {
        /** Platform body threads are pooled and end IDLE_SECONDS after their last body. */
        private static final long THREAD_END_MILLIS = InlineCallbacks.IDLE_SECONDS * 1000L + 8000;

        @Test
        void theBodyRunsOnItsOwnThreadWhichEndsAfterIt() throws Exception {
            Deferred<String> pending = new Deferred<>();
            Thread[] body = new Thread[1];
            Deferred<String> d = inlineCallbacks(() -> {
                body[0] = Thread.currentThread();
                return await(pending);
            });
            assertNotSame(Thread.currentThread(), body[0]);
            assertTrue(body[0].getName().startsWith("jtwisted-inlineCallbacks-"), body[0].getName());
            assertTrue(body[0].isAlive());
            pending.callback("done");
            assertEquals("done", successResultOf(d));
            body[0].join(THREAD_END_MILLIS);
            assertFalse(body[0].isAlive(), "the body's thread outlived the body");
        }

        @Test
        void theCallerIsParkedWhileTheBodyRunsAndResumesOnlyAfterItSuspends() {
            Thread caller = Thread.currentThread();
            List<String> events = new ArrayList<>();
            List<Thread.State> callerStates = new ArrayList<>();
            Deferred<String> first = new Deferred<>();
            Deferred<String> second = new Deferred<>();
            Deferred<String> d = inlineCallbacks(() -> {
                callerStates.add(parkedStateOf(caller));
                events.add("body start");
                String a = await(first);
                callerStates.add(parkedStateOf(caller));
                events.add("body got " + a);
                String b = await(second);
                events.add("body got " + b);
                return a + b;
            });
            events.add("inlineCallbacks returned");
            first.callback("1");
            events.add("first.callback returned");
            second.callback("2");
            events.add("second.callback returned");
            assertEquals(List.of("body start", "inlineCallbacks returned", "body got 1",
                    "first.callback returned", "body got 2", "second.callback returned"), events);
            assertEquals(List.of(Thread.State.WAITING, Thread.State.WAITING), callerStates);
            assertEquals("12", successResultOf(d));
        }

        /**
         * The caller hands over and then parks; the body may start a few instructions before the
         * caller is inside park(), so give it a bounded moment to get there.
         */
        private Thread.State parkedStateOf(Thread caller) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            Thread.State state = caller.getState();
            while (state != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                state = caller.getState();
            }
            return state;
        }

        @Test
        void aThousandCompletedBodiesLeaveNoThreadsBehind() throws Exception {
            List<Thread> bodies = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                Deferred<Integer> pending = new Deferred<>();
                Deferred<Integer> d = inlineCallbacks(() -> {
                    bodies.add(Thread.currentThread());
                    return await(pending);
                });
                pending.callback(i);
                assertEquals(i, successResultOf(d));
            }
            for (Thread t : new java.util.LinkedHashSet<>(bodies)) {
                t.join(THREAD_END_MILLIS);
                assertFalse(t.isAlive(), t + " is still alive");
            }
        }

        @Test
        void virtualThreadsAreUsedExactlyWhenTheJdkHasThem() {
            boolean expected = Runtime.version().feature() >= 21
                    && !"platform".equals(System.getProperty(InlineCallbacks.THREADS_PROPERTY));
            assertEquals(expected, InlineCallbacks.usesVirtualThreads());
        }
    }

    /**
     * Ports {@code test_inlinecb.CancellationTests}: G is the body, D the Deferred inlineCallbacks
     * returned, C the Deferred the body awaits.
     */
    @Nested
    class Cancellation {
        static final class UntranslatedError extends RuntimeException {
            private static final long serialVersionUID = 1L;
        }

        static final class TranslatedError extends RuntimeException {
            private static final long serialVersionUID = 1L;
        }

        static final class DontFail extends RuntimeException {
            private static final long serialVersionUID = 1L;
            final int actualValue;

            DontFail(int actualValue) {
                this.actualValue = actualValue;
            }
        }

        private final List<Deferred<Integer>> outstanding = new ArrayList<>();

        private Deferred<Integer> getDeferred() {
            Deferred<Integer> d = new Deferred<>();
            outstanding.add(d);
            return d;
        }

        /** Twisted's sampleInlineCB. */
        private Deferred<Integer> sampleInlineCB(Callable<Deferred<Integer>> getChildDeferred) {
            return inlineCallbacks(() -> {
                int x;
                try {
                    x = await(getChildDeferred.call());
                } catch (UntranslatedError e) {
                    throw new TranslatedError();
                } catch (DontFail df) {
                    x = df.actualValue - 2;
                }
                return x + 1;
            });
        }

        @Test // Twisted: test_cascadeCancellingOnCancel
        void cancellingDCancelsCAtOnce() {
            Object[] childResult = {"FAILURE"};
            Deferred<Integer> d = sampleInlineCB(() -> {
                Deferred<Integer> c = new Deferred<>();
                c.addErrback(f -> {
                    childResult[0] = f.check(CancelledError.class);
                    throw f.raiseException();
                });
                return c;
            });
            d.addErrback(f -> null);
            d.cancel();
            assertEquals(CancelledError.class, childResult[0], "no cascade cancelling occurs");
        }

        @Test // Twisted: test_errbackCancelledErrorOnCancel
        void cancellingDErrbacksItWithCCancelledError() {
            Deferred<Integer> d = sampleInlineCB(this::getDeferred);
            d.cancel();
            failureResultOf(d, CancelledError.class);
        }

        @Test // Twisted: test_errorToErrorTranslation
        void theBodyMayTranslateTheCancellationErrorIntoAnother() {
            Deferred<Integer> c = new Deferred<>(it -> it.errback(new UntranslatedError()));
            Deferred<Integer> d = sampleInlineCB(() -> c);
            d.cancel();
            failureResultOf(d, TranslatedError.class);
        }

        @Test // Twisted: test_errorToSuccessTranslation
        void theBodyMayTranslateTheCancellationErrorIntoAResult() {
            Deferred<Integer> c = new Deferred<>(it -> it.errback(new DontFail(4321)));
            Deferred<Integer> d = sampleInlineCB(() -> c);
            List<Integer> results = new ArrayList<>();
            d.addCallback(results::add);
            d.cancel();
            assertEquals(List.of(4320), results);
        }

        @Test // Twisted: test_asynchronousCancellation
        void dWaitsUntilCReachesTheAwaitAfterCancellation() {
            Deferred<Integer> moreDeferred = new Deferred<>();
            Deferred<Integer> d = sampleInlineCB(() -> {
                Deferred<Integer> c = new Deferred<>();
                c.addErrbackDeferring(f -> {
                    f.trap(CancelledError.class);
                    return moreDeferred;
                });
                return c;
            });
            d.cancel();
            assertNoResult(d);
            moreDeferred.callback(6543);
            assertEquals(6544, successResultOf(d));
        }

        @Test
        void theBodyMayGoOnAwaitingAfterACancellationAndDFiresWithItsFinalResult() {
            Deferred<Integer> second = new Deferred<>();
            Deferred<Integer> d = inlineCallbacks(() -> {
                try {
                    return await(new Deferred<Integer>());
                } catch (CancelledError e) {
                    return await(second) * 10;
                }
            });
            d.cancel();
            assertNoResult(d);
            second.callback(7);
            assertEquals(70, successResultOf(d));
        }

        @Test
        void cancellingACompletedBodysDeferredDoesNothing() {
            Deferred<Integer> d = inlineCallbacks(() -> 5);
            d.cancel();
            assertEquals(5, successResultOf(d));
        }
    }
}
