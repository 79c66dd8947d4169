package dev.jtwisted.internet.defer;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jtwisted.python.failure.Failure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeferredQueueTest {

    /** Adds to {@code into} each item a {@code get()} fires with. */
    static void getInto(DeferredQueue<Integer> queue, List<Integer> into) {
        queue.get().addCallback(into::add);
    }

    @Nested
    class PutAndGet {

        @Test
        void putsGoToWaitingGettersInTheOrderTheyAsked() {
            // Twisted: test_defer.OtherPrimitivesTests.testQueue
            DeferredQueue<Integer> queue = new DeferredQueue<>(2, 2);
            List<Integer> gotten = new ArrayList<>();
            getInto(queue, gotten);
            getInto(queue, gotten);
            assertEquals(2, queue.waiting().size());

            queue.put(0);
            assertEquals(List.of(0), gotten);
            queue.put(1);
            assertEquals(List.of(0, 1), gotten);
            assertEquals(List.of(), queue.waiting());
        }

        @Test
        void holdsPutsNobodyWaitsForAndGivesThemOutInOrder() {
            // Twisted: test_defer.OtherPrimitivesTests.testQueue
            DeferredQueue<Integer> queue = new DeferredQueue<>(2, 2);
            queue.put(2);
            queue.put(3);
            assertEquals(List.of(2, 3), queue.pending());

            List<Integer> gotten = new ArrayList<>();
            getInto(queue, gotten);
            assertEquals(List.of(2), gotten, "a get fires at once when an item is there");
            getInto(queue, gotten);
            assertEquals(List.of(2, 3), gotten);
            assertEquals(List.of(), queue.pending());
        }

        @Test
        void unlimitedQueueServesGettersThatCameFirst() {
            // Twisted: test_defer.OtherPrimitivesTests.testQueue (DeferredQueue() part)
            DeferredQueue<Integer> queue = new DeferredQueue<>();
            List<Integer> gotten = new ArrayList<>();
            getInto(queue, gotten);
            getInto(queue, gotten);
            queue.put(0);
            queue.put(1);
            assertEquals(List.of(0, 1), gotten);
        }

        @Test
        void acceptsNullItems() {
            DeferredQueue<String> queue = new DeferredQueue<>();
            queue.put(null);
            queue.put("x");
            assertEquals(Arrays.asList(null, "x"), queue.pending());
            assertNull(successResultOf(queue.get()));
            assertEquals("x", successResultOf(queue.get()));
        }

        @Test
        void pendingAndWaitingAreReadOnlySnapshots() {
            DeferredQueue<String> queue = new DeferredQueue<>();
            queue.put("a");
            List<String> pending = queue.pending();
            assertThrows(UnsupportedOperationException.class, () -> pending.add("b"));
            queue.put("b");
            assertEquals(List.of("a"), pending, "a snapshot does not follow the queue");
            assertThrows(UnsupportedOperationException.class, () -> queue.waiting().clear());
        }

        @Test
        void describesItsStateInToString() {
            DeferredQueue<String> queue = new DeferredQueue<>();
            queue.put("a");
            assertEquals("DeferredQueue[1 pending, 0 waiting]", queue.toString());
        }
    }

    @Nested
    class Limits {

        @Test
        void putBeyondTheSizeThrowsQueueOverflowNamingTheLimit() {
            // Twisted: test_defer.OtherPrimitivesTests.testQueue
            DeferredQueue<Integer> queue = new DeferredQueue<>(2, 2);
            queue.put(2);
            queue.put(3);
            QueueOverflow e = assertThrows(QueueOverflow.class, () -> queue.put(4));
            assertEquals("DeferredQueue is full: it holds 2 items, its size limit, and nobody is"
                    + " waiting for one; cannot put 4", e.getMessage());
            assertEquals(List.of(2, 3), queue.pending());
        }

        @Test
        void getBeyondTheBacklogThrowsQueueUnderflowNamingTheLimit() {
            // Twisted: test_defer.OtherPrimitivesTests.testQueue
            DeferredQueue<Integer> queue = new DeferredQueue<>(2, 2);
            queue.get();
            queue.get();
            QueueUnderflow e = assertThrows(QueueUnderflow.class, queue::get);
            assertEquals("DeferredQueue is empty and already has 2 gets waiting, its backlog limit",
                    e.getMessage());
            assertEquals(2, queue.waiting().size());
        }

        @Test
        void sizeZeroRefusesEveryPutNobodyWaitsFor() {
            // Twisted: test_defer.OtherPrimitivesTests.testQueue (DeferredQueue(size=0))
            DeferredQueue<String> queue = new DeferredQueue<>(0, DeferredQueue.UNLIMITED);
            assertThrows(QueueOverflow.class, () -> queue.put(null));
            Deferred<String> d = queue.get();
            queue.put("taken at once");
            assertEquals("taken at once", successResultOf(d));
        }

        @Test
        void backlogZeroRefusesEveryGetOnAnEmptyQueue() {
            // Twisted: test_defer.OtherPrimitivesTests.testQueue (DeferredQueue(backlog=0))
            DeferredQueue<String> queue = new DeferredQueue<>(DeferredQueue.UNLIMITED, 0);
            assertThrows(QueueUnderflow.class, queue::get);
            queue.put("there");
            assertEquals("there", successResultOf(queue.get()));
        }

        @Test
        void rejectsANegativeSizeNamingTheValue() {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> new DeferredQueue<String>(-1, 0));
            assertEquals("DeferredQueue size must be >= 0, got -1", e.getMessage());
        }

        @Test
        void rejectsANegativeBacklogNamingTheValue() {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> new DeferredQueue<String>(0, -5));
            assertEquals("DeferredQueue backlog must be >= 0, got -5", e.getMessage());
        }
    }

    @Nested
    class Cancel {

        @Test
        void cancellingAGetThatAlreadyHasItsItemDoesNothing() {
            // Twisted: test_defer.OtherPrimitivesTests.test_cancelQueueAfterSynchronousGet
            DeferredQueue<String> queue = new DeferredQueue<>();
            Deferred<String> d = queue.get();
            List<Failure> errors = new ArrayList<>();
            d.addErrback(f -> {
                errors.add(f);
                return null;
            });
            queue.put("item");

            d.cancel();

            assertEquals(List.of(), errors);
            assertEquals("item", successResultOf(d));
        }

        @Test
        void cancellingAWaitingGetFailsItAndTakesItOffTheLine() {
            // Twisted: test_defer.OtherPrimitivesTests.test_cancelQueueAfterGet
            DeferredQueue<String> queue = new DeferredQueue<>();
            Deferred<String> d = queue.get();

            d.cancel();

            failureResultOf(d, CancelledError.class); // d goes on with null
            assertEquals(List.of(), queue.waiting());
            // Were d still in the line, this put would call it back again: AlreadyCalledError.
            Deferred<String> next = d.addCallbackDeferring(ignored -> {
                queue.put("next");
                return queue.get();
            });
            assertEquals("next", successResultOf(next));
        }

        @Test
        void aCancelledGetterDoesNotUseUpTheBacklog() {
            DeferredQueue<String> queue = new DeferredQueue<>(DeferredQueue.UNLIMITED, 1);
            Deferred<String> d = queue.get();
            d.cancel();
            failureResultOf(d, CancelledError.class);
            Deferred<String> again = queue.get();
            assertNoResult(again);
        }
    }
}
