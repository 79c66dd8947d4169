package dev.jtwisted.internet.defer;

import dev.jtwisted.internet.internal.BodyThreads;
import dev.jtwisted.python.failure.Failure;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery behind {@link Defer#inlineCallbacks} and {@link Defer#await}.
 *
 * <p>Each body runs on a thread of its own, but never at the same time as the thread that
 * drives it: control passes back and forth, strictly. The thread that starts the body, or that
 * later fires the Deferred the body awaits, parks until the body either finishes or awaits a
 * Deferred that has no result yet. The handover is through a volatile flag, so everything one
 * side wrote is visible to the other, exactly as if one thread had run both.
 *
 * <p>Bodies get a new virtual thread each where the JDK has them (21+). Otherwise they run on a
 * cached pool of platform threads, because starting a platform thread costs far more than a
 * whole body usually does; a pooled thread ends after {@value #IDLE_SECONDS} s without work.
 *
 * <p>Waking a parked thread costs tens of microseconds on a virtual machine, far more than a
 * typical step of a body, so each side spins briefly for the turn before it parks: the driver up
 * to {@link #DRIVER_SPIN_NANOS} (the body usually reaches its next await quickly), the body up to
 * {@link #BODY_SPIN_NANOS} (its Deferred may take long). No spinning on a single CPU.
 *
 * <p>Twisted: {@code defer._inlineCallbacks} and {@code defer._cancellableInlineCallbacks}.
 */
final class InlineCallbacks {
    private static final Logger log = LoggerFactory.getLogger(InlineCallbacks.class);

    /** Set to {@code platform} to use platform threads even where virtual ones exist. */
    static final String THREADS_PROPERTY = "jtwisted.inlineCallbacks.threads";

    /** How long an idle pooled platform thread waits for another body before it ends. */
    static final int IDLE_SECONDS = 2;

    /** How long the driver spins for the body to yield before it parks. */
    static final long DRIVER_SPIN_NANOS = spinNanos(50_000);
    /** How long a suspended body spins for its resumption before it parks. */
    static final long BODY_SPIN_NANOS = spinNanos(10_000);

    private static final ThreadLocal<Coroutine<?>> CURRENT = new ThreadLocal<>();
    private static final Executor BODIES = bodyExecutor();

    private InlineCallbacks() {}

    static <T> Deferred<T> start(Callable<T> body) {
        Objects.requireNonNull(body, "body");
        Coroutine<T> coroutine = new Coroutine<>(body);
        Deferred<T> outer = new Deferred<>(coroutine::cancel);
        coroutine.target = outer;
        coroutine.begin();
        return outer;
    }

    static <T> T await(Deferred<T> d) {
        Objects.requireNonNull(d, "d");
        Coroutine<?> coroutine = CURRENT.get();
        if (coroutine == null) {
            throw new IllegalStateException("await() called outside an inlineCallbacks body (thread "
                    + Thread.currentThread().getName() + ")");
        }
        return coroutine.await(d);
    }

    private static long spinNanos(long nanos) {
        return Runtime.getRuntime().availableProcessors() > 1 ? nanos : 0;
    }

    /**
     * Spins until {@code coroutine.bodyTurn} equals {@code wanted} or {@code nanos} pass.
     * Returns whether the turn came.
     */
    private static boolean spinFor(Coroutine<?> coroutine, boolean wanted, long nanos) {
        if (nanos <= 0) {
            return coroutine.bodyTurn == wanted;
        }
        long deadline = System.nanoTime() + nanos;
        for (int i = 1; ; i++) {
            if (coroutine.bodyTurn == wanted) {
                return true;
            }
            if ((i & 63) == 0 && System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.onSpinWait();
        }
    }

    /** True when virtual threads carry the bodies (JDK 21+ and not disabled). */
    static boolean usesVirtualThreads() {
        return BODIES instanceof VirtualThreads;
    }

    private static Executor bodyExecutor() {
        if (!"platform".equals(System.getProperty(THREADS_PROPERTY))) {
            try {
                Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
                Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
                builder = ofVirtual.getMethod("name", String.class, long.class)
                        .invoke(builder, "jtwisted-inlineCallbacks-", 1L);
                ThreadFactory factory = (ThreadFactory) ofVirtual.getMethod("factory").invoke(builder);
                return new VirtualThreads(factory);
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.debug("no virtual threads on this JDK ({}); inlineCallbacks uses platform threads",
                        e.toString());
            }
        }
        AtomicLong ids = new AtomicLong();
        ThreadFactory platform = r -> {
            Thread t = new Thread(r, "jtwisted-inlineCallbacks-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), platform);
    }

    /** One new virtual thread per body. */
    private static final class VirtualThreads implements Executor {
        private final ThreadFactory factory;

        VirtualThreads(ThreadFactory factory) {
            this.factory = factory;
        }

        @Override
        public void execute(Runnable body) {
            factory.newThread(body).start();
        }
    }

    /** One running body and the state handed between it and its driver. */
    private static final class Coroutine<T> implements Runnable, BodyThreads.Driver {
        private final Callable<T> body;
        /** The thread running the body; set by the body before it first hands the turn back. */
        private Thread thread;

        /** True while the body may run; false while the driver may. The only handover point. */
        private volatile boolean bodyTurn;
        /** The thread parked until the body gives the turn back. */
        private volatile Thread driver;
        /** The current turn: what the body queued for its driver to run once it has the turn back. */
        private BodyThreads.Turn turn;

        /** Where the body's result goes; replaced when the outer Deferred is cancelled. */
        Deferred<T> target;
        /** The Deferred the suspended body waits on, or null while it runs. */
        private Deferred<?> waitingOn;
        /** What the awaited Deferred fired with: a value or a Failure. */
        private Object resumeWith;
        private boolean done;
        private Object finalResult;
        /** What the body asked its driver to run for it ({@link #call}), until the driver has. */
        private Callable<?> driverTask;
        /** What {@link #driverTask} returned, or a Failure of what it threw. */
        private Object driverTaskResult;

        Coroutine(Callable<T> body) {
            this.body = body;
        }

        /** On the caller's thread: run the body until it suspends or finishes. */
        void begin() {
            driver = Thread.currentThread();
            turn = BodyThreads.turnFor(this);
            bodyTurn = true;
            BODIES.execute(this);
            waitForBody();
        }

        /** On the thread that fired the awaited Deferred: run the body on with that result. */
        void resume(Object result) {
            resumeWith = result;
            driver = Thread.currentThread();
            turn = BodyThreads.turnFor(this);
            bodyTurn = true;
            LockSupport.unpark(thread);
            waitForBody();
        }

        private void waitForBody() {
            boolean interrupted = false;
            while (true) {
                spinFor(this, false, DRIVER_SPIN_NANOS);
                while (bodyTurn) {
                    LockSupport.park(this);
                    if (Thread.interrupted()) {
                        interrupted = true;
                    }
                }
                Callable<?> task = driverTask;
                if (task == null) {
                    break;
                }
                // The body asked for this to run here, in its place: what it queued first, then this.
                turn.runPending(e -> log.error("an operation an inlineCallbacks body left to its driver failed", e));
                try {
                    driverTaskResult = task.call();
                } catch (Throwable t) {
                    driverTaskResult = new Failure(t);
                }
                driverTask = null;
                bodyTurn = true;
                LockSupport.unpark(thread);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            turn.runPending(e -> log.error("an operation an inlineCallbacks body left to its driver failed", e));
            if (done) {
                deliver();
            }
        }

        @SuppressWarnings("unchecked")
        private void deliver() {
            Object out = finalResult;
            finalResult = null;
            if (target.called()) {
                // The body cancelled its own Deferred, which has fired with CancelledError.
                if (out instanceof Failure) {
                    log.error("inlineCallbacks body failed after its Deferred was cancelled",
                            ((Failure) out).value());
                }
                return;
            }
            if (out instanceof Failure) {
                target.errback((Failure) out);
            } else {
                target.callback((T) out);
            }
        }

        /** The body's thread. */
        @Override
        public void run() {
            thread = Thread.currentThread();
            CURRENT.set(this);
            turn.enter();
            Object out;
            try {
                out = body.call();
                if (out instanceof Deferred) {
                    out = new Failure(new IllegalStateException(
                            "an inlineCallbacks body returned a Deferred (" + out
                                    + "); return await(it) instead"));
                }
            } catch (Throwable t) {
                out = new Failure(t);
            } finally {
                CURRENT.remove(); // a pooled thread must not carry this body into the next
                turn.leave();
            }
            finalResult = out;
            done = true;
            Thread waiting = driver;
            bodyTurn = false;
            LockSupport.unpark(waiting);
        }

        /** On the body's thread: runs {@code task} on the driver's thread, which waits for the body. */
        @Override
        public <X> X call(Callable<X> task) throws Exception {
            driverTask = task;
            handTurnAndWait();
            Object result = driverTaskResult;
            driverTaskResult = null;
            if (result instanceof Failure) {
                throw ((Failure) result).raiseException();
            }
            @SuppressWarnings("unchecked")
            X value = (X) result;
            return value;
        }

        /** On the body's thread: gives the driver the turn, and waits until it gives it back. */
        private void handTurnAndWait() {
            Thread waiting = driver;
            turn.leave();
            bodyTurn = false;
            LockSupport.unpark(waiting);
            boolean interrupted = false;
            spinFor(this, true, BODY_SPIN_NANOS);
            while (!bodyTurn) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            turn.enter();
        }

        /** On the body's thread: the result of {@code d}, suspending until it has one. */
        <X> X await(Deferred<X> d) {
            Waiter waiter = new Waiter(this);
            d.addBoth(waiter);
            Object result;
            if (waiter.fired) {
                result = waiter.value;
            } else {
                waiter.synchronous = false;
                waitingOn = d;
                handTurnAndWait();
                waitingOn = null;
                result = resumeWith;
                resumeWith = null;
            }
            if (result instanceof Failure) {
                throw ((Failure) result).raiseException();
            }
            @SuppressWarnings("unchecked")
            X value = (X) result;
            return value;
        }

        /**
         * The outer Deferred's canceller. As in Twisted, the outer Deferred now waits on a fresh
         * one that receives whatever the body finally does, and the awaited Deferred is
         * cancelled, which throws {@link CancelledError} into the body (unless its canceller
         * does something else).
         */
        void cancel(Deferred<T> outer) {
            Deferred<?> awaited = waitingOn;
            if (awaited == null) {
                return; // the body is cancelling its own Deferred; cancel() errbacks it
            }
            Deferred<T> next = new Deferred<>(this::cancel);
            target = next;
            outer.callbackWaitingOn(next);
            awaited.cancel();
        }
    }

    /** The callback an await adds: stores a synchronous result, or resumes the body. */
    private static final class Waiter implements Callback<Object, Object> {
        private final Coroutine<?> coroutine;
        boolean synchronous = true;
        boolean fired;
        Object value;

        Waiter(Coroutine<?> coroutine) {
            this.coroutine = coroutine;
        }

        @Override
        public Object call(Object result) {
            if (synchronous) {
                fired = true;
                value = result;
            } else {
                coroutine.resume(result);
            }
            return null;
        }
    }
}
