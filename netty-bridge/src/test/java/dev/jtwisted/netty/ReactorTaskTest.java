package dev.jtwisted.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.defer.CancelledError;
import dev.jtwisted.internet.task.LoopingCall;
import dev.jtwisted.internet.task.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code task.LoopingCall} and {@code task.deferLater} on the real reactor: the pure task code
 * driven by NettyReactor's clock, each callback on the reactor thread.
 */
@Timeout(20)
class ReactorTaskTest {
    private final Reactors reactors = new Reactors();
    private NettyReactor reactor;

    @BeforeEach
    void start() {
        reactor = reactors.started();
    }

    @AfterEach
    void stop() {
        reactors.close();
    }

    @Test
    void aLoopingCallRunsOnTheReactorThreadUntilStoppedAndItsDeferredFires() throws Exception {
        List<Boolean> onReactorThread = new ArrayList<>();
        LoopingCall[] loop = new LoopingCall[1];
        LoopingCall stopped = Reactors.onDeferred(reactor, () -> {
            loop[0] = new LoopingCall(() -> {
                onReactorThread.add(reactor.isInIOThread());
                if (onReactorThread.size() == 3) {
                    loop[0].stop();
                }
            });
            loop[0].setClock(reactor);
            return loop[0].start(0.01, true);
        });
        assertSame(loop[0], stopped);
        assertEquals(List.of(true, true, true), onReactorThread);
    }

    @Test
    void aLoopingCallWithCountIsToldOfTheIntervalsThatPassed() throws Exception {
        List<Integer> counts = new ArrayList<>();
        LoopingCall[] loop = new LoopingCall[1];
        Reactors.onDeferred(reactor, () -> {
            loop[0] = LoopingCall.withCount(count -> {
                counts.add(count);
                if (counts.size() == 2) {
                    loop[0].stop();
                }
            });
            loop[0].setClock(reactor);
            return loop[0].start(0.01, true);
        });
        assertEquals(2, counts.size());
        assertEquals(1, counts.get(0));
        assertTrue(counts.get(1) >= 1, "intervals counted: " + counts);
    }

    @Test
    void deferLaterFiresOnTheReactorThreadAfterTheDelay() throws Exception {
        double[] times = new double[2];
        String result = Reactors.onDeferred(reactor, () -> {
            times[0] = reactor.seconds();
            return Task.deferLater(reactor, 0.05, () -> {
                times[1] = reactor.seconds();
                return "later on " + (reactor.isInIOThread() ? "the reactor" : "another thread");
            });
        });
        assertEquals("later on the reactor", result);
        assertTrue(times[1] - times[0] >= 0.05, "fired after " + (times[1] - times[0]) + " s");
    }

    @Test
    void cancellingDeferLaterOnTheReactorStopsTheCall() throws Exception {
        List<String> calls = new ArrayList<>();
        String outcome = Reactors.on(reactor, () -> {
            var d = Task.deferLater(reactor, 10, () -> calls.add("ran"));
            d.cancel();
            Object[] box = new Object[1];
            d.addErrback(f -> {
                box[0] = f.check(CancelledError.class) != null ? "cancelled" : f.toString();
                return null;
            });
            return box[0] + ", " + reactor.getDelayedCalls().size() + " pending";
        });
        assertEquals("cancelled, 0 pending", outcome);
        assertEquals(List.of(), calls);
    }
}
