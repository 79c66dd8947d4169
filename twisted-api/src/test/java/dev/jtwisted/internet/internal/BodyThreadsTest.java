package dev.jtwisted.internet.internal;

import static dev.jtwisted.internet.defer.Defer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyThreadsTest {

    @Test
    void outsideABodyTheRootIsTheCurrentThreadAndNothingIsQueued() {
        assertSame(Thread.currentThread(), BodyThreads.root());
        assertFalse(BodyThreads.runWhenTurnEnds(() -> { }));
    }

    @Test
    void aBodyRunsOnBehalfOfItsDriverAndItsTasksRunThereWhenItsTurnEnds() {
        Thread driver = Thread.currentThread();
        List<String> events = new ArrayList<>();
        Deferred<String> later = new Deferred<>();
        Deferred<Void> done = Defer.inlineCallbacks(() -> {
            assertNotSame(driver, Thread.currentThread());
            assertSame(driver, BodyThreads.root());
            assertTrue(BodyThreads.runWhenTurnEnds(
                    () -> events.add("task 1 on driver " + (Thread.currentThread() == driver))));
            events.add("body 1");
            String value = await(later);
            // Nested: a body started by this body stands in for the same root.
            Defer.inlineCallbacks(() -> {
                assertSame(driver, BodyThreads.root());
                BodyThreads.runWhenTurnEnds(
                        () -> events.add("inner task on driver " + (Thread.currentThread() == driver)));
                return null;
            });
            BodyThreads.runWhenTurnEnds(() -> events.add("task 2 " + value));
            events.add("body 2");
            return null;
        });
        events.add("started");
        later.callback("x");
        events.add("resumed");
        done.addCallback(ignored -> events.add("done"));
        // The inner body's task runs on its own driver, the outer body's thread, when the inner
        // body ends (an operation there that needs the root thread would queue itself again).
        assertEquals(List.of("body 1", "task 1 on driver true", "started", "inner task on driver false", "body 2",
                "task 2 x", "resumed", "done"), events);
    }

    @Test
    void callOnDriverRunsTheTaskOnTheDriverAfterWhatTheBodyQueuedAndReturnsOrThrows() {
        Thread driver = Thread.currentThread();
        List<String> events = new ArrayList<>();
        Deferred<String> done = Defer.inlineCallbacks(() -> {
            BodyThreads.runWhenTurnEnds(() -> events.add("queued"));
            String where = BodyThreads.callOnDriver(() -> {
                events.add("task");
                return Thread.currentThread() == driver ? "on the driver" : "elsewhere";
            });
            try {
                BodyThreads.callOnDriver(() -> {
                    throw new IllegalArgumentException("bad port");
                });
            } catch (IllegalArgumentException e) {
                events.add("caught " + e.getMessage());
            }
            return where;
        });
        assertEquals(List.of("queued", "task", "caught bad port"), events);
        assertEquals("on the driver", done.result());
        assertEquals("here", assertDoesNotThrowCall());
    }

    private static String assertDoesNotThrowCall() {
        try {
            return BodyThreads.callOnDriver(() -> "here");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aTaskThatThrowsDoesNotStopTheOthers() {
        List<String> events = new ArrayList<>();
        Deferred<Void> done = Defer.inlineCallbacks(() -> {
            BodyThreads.runWhenTurnEnds(() -> {
                throw new IllegalStateException("boom (expected in this test)");
            });
            BodyThreads.runWhenTurnEnds(() -> events.add("second"));
            return null;
        });
        assertEquals(List.of("second"), events);
        assertTrue(done.called());
    }
}
