package dev.jtwisted.python.threadpool;

import dev.jtwisted.python.failure.Failure;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named pool of between {@code min} and {@code max} threads that runs blocking work in the
 * order it was given. Reactors own one (for {@code callInThread} and {@code deferToThread});
 * programs make more to keep kinds of blocking work apart.
 *
 * <p>Work handed over before {@link #start()} waits for it. A worker is started for new work
 * whenever no thread is idle, up to {@code max}; past that, work queues without bound, as in
 * Twisted. Idle threads stay until {@link #adjustPoolsize} or {@link #stop()} retires them.
 * {@link #stop()} lets the queued work finish, then joins the threads; a stopped pool does not
 * restart. Threads are daemons named {@code PoolThread-<name>-<n>}.
 *
 * <p>Threads: every method may be called from any thread.
 *
 * <p>Twisted: {@code twisted.python.threadpool.ThreadPool}.
 */
public final class ThreadPool {
    private static final Logger log = LoggerFactory.getLogger(ThreadPool.class);

    /**
     * Told, on the worker thread, how one piece of work ended: {@code (true, value)} or
     * {@code (false, failure)}. It must not block and should do little: typically it hands the
     * result to the reactor with {@code callFromThread}.
     *
     * <p>Twisted: the {@code onResult} argument of {@code callInThreadWithCallback}.
     */
    @FunctionalInterface
    public interface OnResult {
        /**
         * @param success whether the callable returned normally
         * @param result what it returned (may be null), or a {@link Failure} with what it threw
         */
        void onResult(boolean success, Object result) throws Exception;
    }

    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workOrQuit = lock.newCondition();
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final List<Thread> threads = new ArrayList<>();
    /** Every worker started and maybe not yet ended, to join: one leaves {@link #threads} just before it ends. */
    private final List<Thread> spawned = new ArrayList<>();
    private int min;
    private int max;
    private boolean started;
    private boolean joined;
    private int idle;
    private int busy;
    private int toShrink;
    private int threadSerial;

    /** A pool of 5 to 20 threads named after its identity. Twisted: {@code ThreadPool()}. */
    public ThreadPool() {
        this(5, 20, null);
    }

    /**
     * A pool of {@code minthreads} to {@code maxthreads} threads.
     *
     * @param name names the threads and log lines; null names it after its identity
     * @throws IllegalArgumentException if {@code minthreads} is negative or above {@code maxthreads}
     */
    public ThreadPool(int minthreads, int maxthreads, String name) {
        checkSizes(minthreads, maxthreads);
        this.min = minthreads;
        this.max = maxthreads;
        this.name = name != null ? name : Integer.toHexString(System.identityHashCode(this));
    }

    private static void checkSizes(int minthreads, int maxthreads) {
        if (minthreads < 0) {
            throw new IllegalArgumentException("minimum is negative: " + minthreads);
        }
        if (minthreads > maxthreads) {
            throw new IllegalArgumentException(
                    "minimum (" + minthreads + ") is greater than maximum (" + maxthreads + ")");
        }
    }

    /** The pool's name. Twisted: {@code ThreadPool.name}. */
    public String name() {
        return name;
    }

    /** Twisted: {@code ThreadPool.min}. */
    public int min() {
        lock.lock();
        try {
            return min;
        } finally {
            lock.unlock();
        }
    }

    /** Twisted: {@code ThreadPool.max}. */
    public int max() {
        lock.lock();
        try {
            return max;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the pool runs work now. Twisted: {@code ThreadPool.started}. */
    public boolean started() {
        lock.lock();
        try {
            return started;
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #stop()} (or {@link #quit()}) was called. Twisted: {@code ThreadPool.joined}. */
    public boolean joined() {
        lock.lock();
        try {
            return joined;
        } finally {
            lock.unlock();
        }
    }

    /** Live workers, idle and busy, less those already told to retire. Twisted: {@code workers}. */
    public int workers() {
        lock.lock();
        try {
            return threads.size() - toShrink;
        } finally {
            lock.unlock();
        }
    }

    /** Workers running work now. Twisted: {@code len(ThreadPool.working)}. */
    public int working() {
        lock.lock();
        try {
            return busy;
        } finally {
            lock.unlock();
        }
    }

    /** Workers waiting for work. Twisted: {@code len(ThreadPool.waiters)}. */
    public int waiters() {
        lock.lock();
        try {
            return idle;
        } finally {
            lock.unlock();
        }
    }

    /** Work given and not yet taken by a worker. Twisted: {@code ThreadPool.q.qsize()}. */
    public int backlog() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** The live worker threads. Twisted: {@code ThreadPool.threads}. */
    public List<Thread> threads() {
        lock.lock();
        try {
            return List.copyOf(threads);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts the pool: {@code min} threads at once, and as many more (up to {@code max}) as the
     * work queued before now needs.
     *
     * @throws IllegalStateException if the pool was stopped
     *
     * <p>Twisted: {@code ThreadPool.start}.
     */
    public void start() {
        lock.lock();
        try {
            if (joined) {
                throw new IllegalStateException("ThreadPool " + name + " was stopped; it cannot restart");
            }
            started = true;
            adjustPoolsize(min, max);
        } finally {
            lock.unlock();
        }
    }

    /** Starts one more worker, up to {@code max}. Twisted: {@code startAWorker}. */
    public void startAWorker() {
        lock.lock();
        try {
            if (started && workers() < max) {
                startWorker();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Retires one worker, as soon as it is idle. Twisted: {@code stopAWorker}. */
    public void stopAWorker() {
        lock.lock();
        try {
            if (workers() > 0) {
                toShrink++;
                workOrQuit.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code func} on a pool thread; an exception it throws is logged.
     *
     * <p>Twisted: {@code ThreadPool.callInThread}.
     */
    public void callInThread(Runnable func) {
        Objects.requireNonNull(func, "func");
        callInThreadWithCallback(null, new Callable<Object>() {
            @Override
            public Object call() {
                func.run();
                return null;
            }

            @Override
            public String toString() {
                return func.toString();
            }
        });
    }

    /**
     * Runs {@code func} on a pool thread and then tells {@code onResult}, on that same thread, how
     * it ended. An exception from {@code onResult} is logged. If the pool is stopped, the work
     * is refused: {@code onResult} is told at once, on the calling thread, with a failure of
     * {@link IllegalStateException} (Twisted drops it silently, which would leave a
     * {@code deferToThreadPool} Deferred unfired forever).
     *
     * @param onResult may be null: then only a failure is reported, by logging it
     *
     * <p>Twisted: {@code ThreadPool.callInThreadWithCallback}.
     */
    public void callInThreadWithCallback(OnResult onResult, Callable<?> func) {
        Objects.requireNonNull(func, "func");
        Runnable work = new Runnable() {
            @Override
            public void run() {
                runWork(onResult, func);
            }

            @Override
            public String toString() {
                return func.toString();
            }
        };
        lock.lock();
        try {
            if (!joined) {
                queue.addLast(work);
                if (started) {
                    dispatch();
                }
                return;
            }
        } finally {
            lock.unlock();
        }
        IllegalStateException refused =
                new IllegalStateException("ThreadPool " + name + " is stopped; refusing " + func);
        if (onResult == null) {
            log.warn("ThreadPool {} is stopped; dropping {}", name, func);
        } else {
            report(onResult, false, new Failure(refused), func);
        }
    }

    private void runWork(OnResult onResult, Callable<?> func) {
        Object result;
        boolean ok;
        try {
            result = func.call();
            ok = true;
        } catch (Throwable t) {
            result = new Failure(t);
            ok = false;
        }
        if (onResult != null) {
            report(onResult, ok, result, func);
        } else if (!ok) {
            log.error("Unhandled error in ThreadPool {} running {}", name, func, ((Failure) result).value());
        }
    }

    private void report(OnResult onResult, boolean ok, Object result, Callable<?> func) {
        try {
            onResult.onResult(ok, result);
        } catch (Throwable t) {
            log.error("ThreadPool {}: onResult {} failed after {}", name, onResult, func, t);
        }
    }

    /**
     * Stops the pool: refuses new work, lets the queued work finish, then waits for every worker
     * thread to exit. Called from a pool thread, it waits for the others only.
     *
     * <p>Twisted: {@code ThreadPool.stop}.
     */
    public void stop() {
        quit();
        Thread self = Thread.currentThread();
        boolean interrupted = false;
        for (Thread t : toJoin()) {
            while (t != self && t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Thread> toJoin() {
        lock.lock();
        try {
            return List.copyOf(spawned);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The first half of {@link #stop()}, without the waiting: refuses new work, lets the queued
     * work finish, and has the workers exit after it. For callers that must not block, such as a
     * reactor thread; {@link #awaitTermination} waits for the rest.
     *
     * <p>Twisted: {@code _team.quit()}, which {@code ThreadPool.stop} calls.
     */
    public void quit() {
        lock.lock();
        try {
            joined = true;
            started = false;
            if (threads.isEmpty() && !queue.isEmpty()) {
                log.warn("ThreadPool {} stopped before it ran; dropping {} queued calls",
                        name, queue.size());
                queue.clear();
            }
            workOrQuit.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits, for at most {@code timeout}, until the threads of a stopped pool have ended.
     *
     * @return whether they all ended in time; false at once if the pool has not been stopped
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            if (!joined) {
                return false;
            }
        } finally {
            lock.unlock();
        }
        Thread self = Thread.currentThread();
        for (Thread t : toJoin()) {
            if (t == self) {
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(t, left);
            }
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sets {@code min} and {@code max}; if the pool runs, starts threads up to the new minimum at
     * once and retires threads above the new maximum as soon as they are idle.
     *
     * @throws IllegalArgumentException if {@code minthreads} is negative or above {@code maxthreads}
     *
     * <p>Twisted: {@code ThreadPool.adjustPoolsize}.
     */
    public void adjustPoolsize(int minthreads, int maxthreads) {
        checkSizes(minthreads, maxthreads);
        lock.lock();
        try {
            min = minthreads;
            max = maxthreads;
            if (!started) {
                return;
            }
            int workers = workers();
            if (workers > max) {
                toShrink += workers - max;
                workOrQuit.signalAll();
            }
            while (workers() < min) {
                startWorker();
            }
            growFor(queue.size() - idle);
        } finally {
            lock.unlock();
        }
    }

    /** {@link #adjustPoolsize(int, int)} keeping {@code min}, clamped to the new maximum. */
    public void adjustPoolsize(int maxthreads) {
        lock.lock();
        try {
            adjustPoolsize(Math.min(min, Math.max(maxthreads, 0)), maxthreads);
        } finally {
            lock.unlock();
        }
    }

    /** Starts up to {@code n} workers within {@code max}. Under the lock. */
    private void growFor(int n) {
        for (int i = 0; i < n && workers() < max; i++) {
            startWorker();
        }
    }

    /** Makes sure some worker will take the work just queued. Under the lock. */
    private void dispatch() {
        if (queue.size() > idle && workers() < max) {
            startWorker();
        } else {
            workOrQuit.signal();
        }
    }

    /** Under the lock. */
    private void startWorker() {
        if (toShrink > 0) {
            // A worker told to retire that has not yet done so can simply stay.
            toShrink--;
            workOrQuit.signalAll();
            return;
        }
        Thread thread = new Thread(this::workerLoop, "PoolThread-" + name + "-" + threadSerial++);
        thread.setDaemon(true);
        threads.add(thread);
        spawned.removeIf(t -> !t.isAlive());
        spawned.add(thread);
        thread.start();
    }

    private void workerLoop() {
        lock.lock();
        try {
            while (true) {
                Runnable work = queue.pollFirst();
                if (work != null) {
                    busy++;
                    lock.unlock();
                    try {
                        work.run();
                    } finally {
                        lock.lock();
                        busy--;
                    }
                    continue;
                }
                if (joined) {
                    break;
                }
                if (toShrink > 0) {
                    toShrink--;
                    break;
                }
                idle++;
                try {
                    workOrQuit.awaitUninterruptibly();
                } finally {
                    idle--;
                }
            }
        } finally {
            threads.remove(Thread.currentThread());
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            String state = joined ? ", stopped" : started ? "" : ", not started";
            return "ThreadPool(" + name + ", min=" + min + ", max=" + max + ", workers="
                    + threads.size() + ", busy=" + busy + ", queued=" + queue.size() + state + ")";
        } finally {
            lock.unlock();
        }
    }
}
