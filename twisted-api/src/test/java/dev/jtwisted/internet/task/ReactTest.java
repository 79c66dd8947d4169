package dev.jtwisted.internet.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.testing.MemoryReactor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Twisted: twisted.internet.test.test_task.ReactTests, where they apply. */
class ReactTest {

    /** A memory reactor that, like a real one, keeps running until stopped. */
    static final class RunningReactor extends MemoryReactor {
        final List<String> events = new ArrayList<>();
        Runnable whileRunning = () -> { };

        @Override
        public void run() {
            events.add("running");
            startRunning();
            whileRunning.run();
            if (running()) {
                events.add("still running: a real reactor would never return");
                stop();
            }
        }

        @Override
        public void stop() {
            events.add("stop");
            super.stop();
        }
    }

    @Test
    void returnsTheResultOnceTheDeferredFiresAndStopsTheReactorOnce() throws Exception {
        RunningReactor reactor = new RunningReactor();
        Deferred<String> later = new Deferred<>();
        reactor.whileRunning = () -> later.callback("done");
        assertEquals("done", Task.react(reactor, r -> later));
        assertEquals(List.of("running", "stop"), reactor.events);
    }

    @Test
    void aDeferredAlreadyFiredStopsTheReactorOnceItRuns() throws Exception {
        RunningReactor reactor = new RunningReactor();
        assertEquals(Integer.valueOf(7), Task.react(reactor, r -> Defer.succeed(7)));
        assertEquals(List.of("running", "stop"), reactor.events);
    }

    @Test
    void throwsWhatTheDeferredFailedWith() {
        RunningReactor reactor = new RunningReactor();
        IOException e = assertThrows(IOException.class,
                () -> Task.react(reactor, r -> Defer.fail(new IOException("no route"))));
        assertEquals("no route", e.getMessage());
        assertEquals(List.of("running", "stop"), reactor.events);
    }

    @Test
    void aMainThatThrowsThrowsBeforeTheReactorRuns() {
        RunningReactor reactor = new RunningReactor();
        assertThrows(IllegalStateException.class, () -> Task.react(reactor, r -> {
            throw new IllegalStateException("bad");
        }));
        assertTrue(reactor.events.isEmpty());
    }

    @Test
    void returnsNullWhenSomethingElseStopsTheReactorFirstAndDoesNotStopItAgain() throws Exception {
        RunningReactor reactor = new RunningReactor();
        Deferred<String> never = new Deferred<>();
        reactor.whileRunning = reactor::stop;
        assertNull(Task.react(reactor, r -> never));
        never.callback("too late");
        assertEquals(List.of("running", "stop"), reactor.events);
    }
}
