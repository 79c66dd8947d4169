package dev.jtwisted.benchmarks;

import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of one {@link Defer#await} in an inlineCallbacks body, without a thread handoff (the
 * awaited Deferred has fired) and with one (another thread fires it later), and of starting a body.
 * inlineCallbacks runs each body on a thread of its own, so these are the numbers that decide
 * whether that design is affordable, on platform threads and on virtual ones.
 *
 * <p>Thread mode: the {@link #threads} parameter. The setup sets
 * {@code jtwisted.inlineCallbacks.threads} before the first body runs in the fork (twisted-api
 * reads it once), then checks that bodies really run on the kind of thread asked for, and fails
 * otherwise. So every fork measures one mode: keep {@code -f} at 1 or more. {@code virtual} needs
 * JDK 21+: on JDK 17 pass {@code -p threads=platform}; for both, run the jar with
 * {@code /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar benchmarks/target/benchmarks.jar
 * InlineCallbacks}. {@code benchmarks/run.sh} does all of that.
 *
 * <p>Scores are per await (per body for {@link #startBody}): each await benchmark runs a body
 * that awaits N times and is reported with {@code @OperationsPerInvocation(N)}, so the body's
 * start, about {@link #startBody}, is spread over N awaits. Every invocation checks that its body
 * has returned, so no body, and no thread, outlives the invocation that started it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class InlineCallbacksBenchmark {
    /** Awaits per body when there is no handoff: many, so that the body's start hardly counts. */
    static final int FIRED_AWAITS = 10_000;
    /** Awaits per body with a handoff each: each costs microseconds, so fewer keep it short. */
    static final int HANDOFF_AWAITS = 1_000;

    private static final String THREADS_PROPERTY = "jtwisted.inlineCallbacks.threads";
    private static final String BODY_THREAD_PREFIX = "jtwisted-inlineCallbacks-";

    /** Which threads carry the bodies: {@code platform} or {@code virtual} (JDK 21+). */
    @Param({"platform", "virtual"})
    public String threads;

    /** What every awaited Deferred fires with; a field, so that nothing folds to a constant. */
    public Integer value = 1;

    /**
     * Selects the thread mode for this fork and checks that it took effect.
     * A mislabelled row in the results table would be worse than a failed run.
     */
    @Setup(Level.Trial)
    public void selectThreads() {
        if ("platform".equals(threads)) {
            System.setProperty(THREADS_PROPERTY, "platform");
        } else if ("virtual".equals(threads)) {
            System.clearProperty(THREADS_PROPERTY);
        } else {
            throw new IllegalArgumentException("threads must be platform or virtual, not " + threads);
        }
        Deferred<Boolean> probe = Defer.inlineCallbacks(() -> isVirtual(Thread.currentThread()));
        requireFinished(probe);
        String actual = (Boolean) probe.result() ? "virtual" : "platform";
        if (!actual.equals(threads)) {
            throw new IllegalStateException("asked for " + threads + " threads, but inlineCallbacks"
                    + " bodies run on " + actual + " threads (JDK " + Runtime.version() + "). "
                    + ("virtual".equals(threads)
                            ? "Virtual threads need JDK 21+: run the jar with"
                                    + " /usr/lib/jvm/temurin-25-jdk-amd64/bin/java,"
                                    + " or pass -p threads=platform."
                            : "The mode is fixed by the first body a JVM runs:"
                                    + " give each mode a fork of its own (-f 1 or more, not -f 0)."));
        }
    }

    /** Thread.isVirtual() where it exists (JDK 21+), by reflection since we compile for 17. */
    private static boolean isVirtual(Thread thread) {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        } catch (NoSuchMethodException e) {
            return false;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits for the platform body threads of the iteration to exit, and fails if one does not.
     * Bodies have all returned (each invocation checks), so this only bounds thread teardown.
     * Virtual threads are not listed by {@link Thread#getAllStackTraces}; the per-invocation
     * check covers them.
     */
    @TearDown(Level.Iteration)
    public void noBodyThreadsLeft() throws InterruptedException {
        List<Thread> left = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(BODY_THREAD_PREFIX)) {
                left.add(t);
            }
        }
        for (Thread t : left) {
            t.join(TimeUnit.SECONDS.toMillis(10));
            if (t.isAlive()) {
                throw new IllegalStateException("inlineCallbacks thread " + t.getName()
                        + " still alive after its body returned: " + t.getState());
            }
        }
    }

    /** Start a body that returns at once: a thread, its start, and the handoff back. Per body. */
    @Benchmark
    public void startBody(Blackhole bh) {
        Deferred<Integer> d = Defer.inlineCallbacks(() -> value);
        requireFinished(d);
        bh.consume(d.result());
    }

    /**
     * Await Deferreds that have already fired: {@code await} returns on the body's own thread,
     * no handoff. Includes making each Deferred with {@link Defer#succeed}. Per await.
     */
    @Benchmark
    @OperationsPerInvocation(FIRED_AWAITS)
    public void awaitFired(Blackhole bh) {
        Deferred<Integer> d = Defer.inlineCallbacks(() -> {
            int sum = 0;
            for (int i = 0; i < FIRED_AWAITS; i++) {
                sum += Defer.await(Defer.succeed(value));
            }
            return sum;
        });
        requireFinished(d);
        bh.consume(d.result());
    }

    /**
     * Await Deferreds that the benchmark thread fires one after another: every await suspends
     * the body and every callback resumes it, so each await is a handoff there and back. Per await.
     *
     * <p>The benchmark thread plays the reactor: {@code callback} runs the body on until its
     * next await, then returns. After the last one the body returns and the outer Deferred fires.
     */
    @Benchmark
    @OperationsPerInvocation(HANDOFF_AWAITS)
    public void awaitHandoff(Blackhole bh) {
        @SuppressWarnings("unchecked")
        Deferred<Integer>[] pending = (Deferred<Integer>[]) new Deferred<?>[HANDOFF_AWAITS];
        for (int i = 0; i < HANDOFF_AWAITS; i++) {
            pending[i] = new Deferred<>();
        }
        Deferred<Integer> d = Defer.inlineCallbacks(() -> {
            int sum = 0;
            for (int i = 0; i < HANDOFF_AWAITS; i++) {
                sum += Defer.await(pending[i]);
            }
            return sum;
        });
        // The body is now suspended in its first await.
        for (int i = 0; i < HANDOFF_AWAITS; i++) {
            pending[i].callback(value);
        }
        requireFinished(d);
        bh.consume(d.result());
    }

    /**
     * Fails unless the body behind {@code d} has returned successfully.
     * A body still suspended would keep its thread: a leak that would skew every later number.
     */
    private static void requireFinished(Deferred<?> d) {
        if (!d.hasResult()) {
            throw new IllegalStateException("inlineCallbacks body has not finished: " + d);
        }
        if (d.result() instanceof dev.jtwisted.python.failure.Failure) {
            throw new IllegalStateException("inlineCallbacks body failed: " + d.result());
        }
    }
}
