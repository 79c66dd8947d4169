package dev.jtwisted.internet.defer;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeferredLockTest {

    @Nested
    class AcquireAndRelease {

        @Test
        void acquireFiresAtOnceWithTheLockWhenItIsFree() {
            // Twisted: test_defer.OtherPrimitivesTests.testLock
            DeferredLock lock = new DeferredLock();
            assertFalse(lock.locked());

            Deferred<DeferredLock> d = lock.acquire();

            assertSame(lock, successResultOf(d));
            assertTrue(lock.locked());
        }

        @Test
        void aSecondAcquireWaitsUntilTheHolderReleases() {
            // Twisted: test_defer.OtherPrimitivesTests.testLock
            DeferredLock lock = new DeferredLock();
            lock.acquire();
            Deferred<DeferredLock> second = lock.acquire();
            assertNoResult(second);
            assertEquals(List.of(second), lock.waiting());

            lock.release();

            assertSame(lock, successResultOf(second));
            assertTrue(lock.locked(), "the lock went straight to the waiter");
            assertEquals(List.of(), lock.waiting());
        }

        @Test
        void releaseWithNobodyWaitingUnlocks() {
            // Twisted: test_defer.OtherPrimitivesTests.testLock
            DeferredLock lock = new DeferredLock();
            lock.acquire();
            lock.release();
            assertFalse(lock.locked());
        }

        @Test
        void waitersGetTheLockInTheOrderTheyAsked() {
            DeferredLock lock = new DeferredLock();
            lock.acquire();
            List<String> order = new ArrayList<>();
            lock.acquire().addCallback(l -> order.add("first"));
            lock.acquire().addCallback(l -> order.add("second"));

            lock.release();
            assertEquals(List.of("first"), order);
            lock.release();
            assertEquals(List.of("first", "second"), order);
        }

        @Test
        void releasingAnUnheldLockThrows() {
            DeferredLock lock = new DeferredLock();
            IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
            assertEquals("Tried to release an unlocked DeferredLock", e.getMessage());
        }

        @Test
        void releasingTwiceThrowsTheSecondTime() {
            DeferredLock lock = new DeferredLock();
            lock.acquire();
            lock.release();
            assertThrows(IllegalStateException.class, lock::release);
            assertFalse(lock.locked());
        }

        @Test
        void waitingIsAReadOnlySnapshot() {
            DeferredLock lock = new DeferredLock();
            lock.acquire();
            lock.acquire();
            List<Deferred<DeferredLock>> waiting = lock.waiting();
            assertThrows(UnsupportedOperationException.class, waiting::clear);
            assertEquals(1, lock.waiting().size());
        }

        @Test
        void describesItsStateInToString() {
            DeferredLock lock = new DeferredLock();
            lock.acquire();
            lock.acquire();
            assertEquals("DeferredLock[locked, 1 waiting]", lock.toString());
        }
    }

    @Nested
    class Run {

        @Test
        void callsTheFunctionUnderTheLockAndReleasesItAfter() {
            DeferredLock lock = new DeferredLock();
            boolean[] lockedDuringCall = {false};

            Deferred<String> d = lock.run(() -> {
                lockedDuringCall[0] = lock.locked();
                return "done";
            });

            assertTrue(lockedDuringCall[0]);
            assertEquals("done", successResultOf(d));
            assertFalse(lock.locked());
        }

        @Test
        void rejectsANullFunctionWithoutTakingTheLock() {
            // Twisted: test_defer.OtherPrimitivesTests.testLock (lock.run() raises TypeError)
            DeferredLock lock = new DeferredLock();
            assertThrows(NullPointerException.class, () -> lock.run((Callable<Object>) null));
            assertThrows(NullPointerException.class,
                    () -> lock.runDeferring((Callable<Deferred<Object>>) null));
            assertFalse(lock.locked());
        }

        @Test
        void keepsTheLockUntilAReturnedDeferredFires() {
            // Twisted: test_defer.OtherPrimitivesTests.testLock
            DeferredLock lock = new DeferredLock();
            Object firstUnique = new Object();
            Object secondUnique = new Object();
            Deferred<Object> control = new Deferred<>();
            Object[] seen = {null};

            Deferred<Object> result = lock.runDeferring(() -> {
                seen[0] = firstUnique;
                return control;
            });
            assertTrue(lock.locked());
            assertSame(firstUnique, seen[0]);
            result.addCallback(r -> seen[0] = r);

            int[] counter = {0};
            lock.acquire().addCallback(l -> counter[0]++);
            assertTrue(lock.locked());
            assertEquals(0, counter[0]);

            control.callback(secondUnique);

            assertSame(secondUnique, seen[0]);
            assertTrue(lock.locked(), "handed to the waiter");
            assertEquals(1, counter[0]);
        }

        @Test
        void plainRunAlsoWaitsForAReturnedDeferred() {
            // Twisted: _ConcurrencyPrimitive.run: "if it returns a Deferred, the lock won't be
            // released until that Deferred fires".
            DeferredLock lock = new DeferredLock();
            Deferred<String> control = new Deferred<>();
            Deferred<Object> result = lock.run(() -> control);
            assertTrue(lock.locked());
            control.callback("later");
            assertFalse(lock.locked());
            assertEquals("later", successResultOf(result));
        }

        @Test
        void releasesAndFailsWhenTheFunctionThrows() {
            DeferredLock lock = new DeferredLock();
            IllegalArgumentException error = new IllegalArgumentException("bad input");

            Deferred<String> d = lock.run(() -> {
                throw error;
            });

            assertFalse(lock.locked());
            assertSame(error, failureResultOf(d, IllegalArgumentException.class).value());
        }

        @Test
        void releasesAndFailsWhenTheReturnedDeferredFails() {
            DeferredLock lock = new DeferredLock();
            Deferred<String> control = new Deferred<>();
            Deferred<String> d = lock.runDeferring(() -> control);

            control.errback(new IllegalStateException("remote end went away"));

            assertFalse(lock.locked());
            Failure f = failureResultOf(d, IllegalStateException.class);
            assertEquals("remote end went away", f.getErrorMessage());
        }

        @Test
        void waitsForTheLockBeforeCallingTheFunction() {
            DeferredLock lock = new DeferredLock();
            lock.acquire();
            int[] calls = {0};
            Deferred<Integer> d = lock.run(() -> ++calls[0]);
            assertEquals(0, calls[0]);
            assertNoResult(d);

            lock.release();

            assertEquals(1, successResultOf(d));
            assertFalse(lock.locked());
        }
    }

    @Nested
    class Cancel {

        @Test
        void cancellingAWaitingAcquireFailsItAndTakesItOffTheLine() {
            // Twisted: test_defer.OtherPrimitivesTests.testLock (end) and test_cancelLockBeforeAcquired
            DeferredLock lock = new DeferredLock();
            lock.acquire();
            Deferred<DeferredLock> d = lock.acquire();

            d.cancel();

            failureResultOf(d, CancelledError.class);
            assertEquals(List.of(), lock.waiting());
            lock.release();
            assertFalse(lock.locked(), "the cancelled waiter must not get the lock");
        }

        @Test
        void cancellingAnAcquireThatHasTheLockDoesNothing() {
            // Twisted: test_defer.OtherPrimitivesTests.test_cancelLockAfterAcquired
            DeferredLock lock = new DeferredLock();
            Deferred<DeferredLock> d = lock.acquire();
            List<Failure> errors = new ArrayList<>();
            d.addErrback(f -> {
                errors.add(f);
                return null;
            });

            d.cancel();

            assertEquals(List.of(), errors);
            assertTrue(lock.locked());
            assertSame(lock, successResultOf(d));
        }
    }
}
