package dev.jtwisted.netty;

import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.ConnectionLost;
import dev.jtwisted.internet.DatagramProtocol;
import dev.jtwisted.internet.IConnector;
import dev.jtwisted.internet.IDelayedCall;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IMulticastTransport;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IProcessProtocol;
import dev.jtwisted.internet.IProcessTransport;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.IUDPTransport;
import dev.jtwisted.internet.ReactorAlreadyRunning;
import dev.jtwisted.internet.ReactorNotRestartable;
import dev.jtwisted.internet.ReactorNotRunning;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.internal.BodyThreads;
import dev.jtwisted.internet.internal.ThreePhaseEvent;
import dev.jtwisted.internet.ssl.IContextFactory;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.python.threadpool.ThreadPool;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reactor on Netty event loops: Twisted's event loop, timers, threads, TCP, UDP and UNIX
 * sockets for Java.
 *
 * <p>As a program's reactor: set up (listen, connect, schedule), then {@link #run()}, which
 * blocks until {@link #stop()}. As a library's: {@link #start()} returns once it runs, {@link
 * #stop()} works from any thread, and {@link #whenStopped()} or {@link #awaitTermination} wait
 * for the end. Any number of independent reactors can run in one JVM.
 *
 * <pre>{@code
 * NettyReactor reactor = NettyReactor.builder().backend(IoBackend.EPOLL).build();
 * reactor.listenTCP(8000, ServerFactory.forProtocol(Echo::new));
 * reactor.start();               // or run(), which blocks
 * ...
 * reactor.stop();
 * reactor.awaitTermination(Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>Threads: by default ({@code eventLoops(1)}) one event-loop thread runs every protocol,
 * factory, Deferred, timer and trigger callback, so user code needs no locks, as in Twisted.
 * {@link #callFromThread} and {@link #stop()} are for other threads. The other methods belong
 * to the reactor thread; called from another thread they are passed to it (and, for {@code
 * listenTCP} and {@code connectTCP}, waited for), so a main thread can set a reactor up before
 * running it. Before the reactor runs, no accept, connection, timer or {@code callFromThread}
 * callback runs: listening sockets are bound (so {@code listenTCP} fails at once) but accept
 * nothing, and calls wait.
 *
 * <p>With {@code eventLoops(n > 1)}, connections are spread over n loops. Each connection (its
 * protocol, transport and their Deferreds) stays on one loop thread; the main loop (the first)
 * runs timers, {@code callFromThread}, {@code callWhenRunning} and system event triggers.
 * Accepted connections go round-robin over all loops; {@code connectTCP} called on a loop
 * thread keeps the connection on that loop (its {@code startedConnecting} runs inline),
 * called elsewhere spreads it round-robin. What user code must then make thread-safe: a
 * factory's {@code buildProtocol} and whatever state its protocols share (they run on several
 * threads at once); anything a timer or {@code callFromThread} call shares with connections;
 * and calls into another connection's transport (pass them through its loop, or use {@code
 * callFromThread} and {@code reactorExecutor()} for main-loop state). {@link #isInIOThread()}
 * is true on every loop.
 *
 * <p>Twisted: {@code twisted.internet.base.ReactorBase} and {@code posixbase.PosixReactorBase}.
 */
public final class NettyReactor implements IReactor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NettyReactor.class);
    private static final AtomicInteger SERIAL = new AtomicInteger();

    /**
     * The options of a reactor.
     */
    public static final class Builder {
        private IoBackend backend;
        private int eventLoops = 1;
        private String name;
        private int threadPoolSize = 10;
        private Duration shutdownGracePeriod = Duration.ofSeconds(5);
        private boolean daemon;

        private Builder() {}

        /** The transport; default: the system property {@value IoBackend#PROPERTY}, else the best. */
        public Builder backend(IoBackend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
            return this;
        }

        /** How many event-loop threads; default 1, Twisted's model. See the class doc for n > 1. */
        public Builder eventLoops(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("eventLoops must be at least 1: " + n);
            }
            this.eventLoops = n;
            return this;
        }

        /** Names the reactor, its threads ({@code <name>-loop-<i>}) and its log lines. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The maximum size of the default thread pool; default 10, as Twisted's. */
        public Builder threadPoolSize(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("threadPoolSize must be at least 1: " + max);
            }
            this.threadPoolSize = max;
            return this;
        }

        /**
         * How long shutdown waits for connections to send what was written to them (and for
         * thread pools to finish) before resetting them; default 5 seconds.
         */
        public Builder shutdownGracePeriod(Duration grace) {
            Objects.requireNonNull(grace, "grace");
            if (grace.isNegative()) {
                throw new IllegalArgumentException("shutdownGracePeriod is negative: " + grace);
            }
            this.shutdownGracePeriod = grace;
            return this;
        }

        /** Whether the loop threads are daemons; default false, so a running reactor keeps the JVM up. */
        public Builder daemonThreads(boolean daemon) {
            this.daemon = daemon;
            return this;
        }

        /**
         * A new reactor, not yet running. Its threads start when first needed.
         *
         * @throws IllegalStateException if the chosen backend is not available here
         */
        public NettyReactor build() {
            IoBackend chosen = backend != null ? backend : IoBackend.fromSystemProperty();
            if (!chosen.isAvailable()) {
                throw new IllegalStateException(chosen + " is not available here: "
                        + chosen.unavailabilityCause(), chosen.unavailabilityCause());
            }
            return new NettyReactor(this, chosen);
        }
    }

    /** The options, to change and {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A reactor with the default options. */
    public static NettyReactor create() {
        return builder().build();
    }

    private final String name;
    final IoBackend backend;
    private final MultiThreadIoEventLoopGroup group;
    private final EventLoop[] loops;
    final EventLoop mainLoop;
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final TimerQueue timers;
    private final Duration gracePeriod;
    private final int threadPoolSize;

    private final Object stateLock = new Object();
    /** Twisted's {@code _started}: from start until the "during shutdown" phase. */
    private boolean started;
    /** Twisted's {@code _stopped}: true before start and after stop(). */
    private boolean stopped = true;
    /** Twisted's {@code _startedBefore}. */
    private boolean startedBefore;
    private volatile boolean running;
    private volatile boolean crashed;
    /** Whether calls, timers and accepts flow: from the end of the startup's synchronous part. */
    private volatile boolean gateOpen;
    private List<Runnable> pendingThreadCalls = new ArrayList<>();
    private List<Runnable> pendingStarts = new ArrayList<>();
    private final CountDownLatch runningOrStopped = new CountDownLatch(1);
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();

    private final Map<String, ThreePhaseEvent> eventTriggers = new HashMap<>();
    private ThreadPool threadPool;
    private final List<ThreadPool> pools = new CopyOnWriteArrayList<>();

    /** Listening TCP and UNIX ports. */
    final Set<StreamPort> ports = ConcurrentHashMap.newKeySet();
    final Set<UdpPort> udpPorts = ConcurrentHashMap.newKeySet();
    final Set<ChannelTransport> connections = ConcurrentHashMap.newKeySet();
    /** TCP and UNIX connectors with an attempt in progress. */
    final Set<StreamConnector> connecting = ConcurrentHashMap.newKeySet();
    final Set<ProcessTransport> processes = ConcurrentHashMap.newKeySet();
    private Deferred<Void> disconnected;

    private NettyReactor(Builder b, IoBackend backend) {
        this.name = b.name != null ? b.name : "jtwisted-reactor-" + SERIAL.incrementAndGet();
        this.backend = backend;
        this.gracePeriod = b.shutdownGracePeriod;
        this.threadPoolSize = b.threadPoolSize;
        this.group = new MultiThreadIoEventLoopGroup(b.eventLoops, threadFactory(name, b.daemon),
                backend.handlerFactory());
        List<EventLoop> all = new ArrayList<>();
        for (EventExecutor e : group) {
            all.add((EventLoop) e);
        }
        this.loops = all.toArray(new EventLoop[0]);
        this.mainLoop = loops[0];
        this.timers = new TimerQueue(mainLoop);
        addSystemEventTrigger("during", "startup", internal("reallyStartRunning", this::reallyStartRunning));
        addSystemEventTrigger("during", "shutdown", internal("crash", this::crash));
        addSystemEventTrigger("during", "shutdown", internal("disconnectAll", this::disconnectAll));
        log.info("Reactor {} on {} with {} event loop(s)", name, backend, loops.length);
    }

    private static ThreadFactory threadFactory(String name, boolean daemon) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new FastThreadLocalThread(r, name + "-loop-" + n.getAndIncrement());
            t.setDaemon(daemon);
            return t;
        };
    }

    private static Callable<Object> internal(String what, Runnable r) {
        return new Callable<>() {
            @Override
            public Object call() {
                r.run();
                return null;
            }

            @Override
            public String toString() {
                return what;
            }
        };
    }

    /** The reactor's name, as in its threads and log lines. */
    public String name() {
        return name;
    }

    /** The transport it runs on. */
    public IoBackend backend() {
        return backend;
    }

    /** How many event loops it has. */
    public int eventLoops() {
        return loops.length;
    }

    // ------------------------------------------------------------------ IReactorCore

    /**
     * Runs the reactor and returns once it has stopped: {@link #start()}, then waits for the
     * shutdown to finish and the loops to end.
     *
     * @throws ReactorAlreadyRunning if it runs
     * @throws ReactorNotRestartable if it has run before
     */
    @Override
    public void run() {
        start();
        awaitTerminationUninterruptibly();
    }

    /**
     * Starts the reactor in the background and returns once it runs (its "during startup"
     * triggers have run), or has stopped. Called on one of its own threads, it does not wait.
     *
     * @throws ReactorAlreadyRunning if it runs
     * @throws ReactorNotRestartable if it has run before
     *
     * <p>Twisted: {@code ReactorBase.startRunning}, the first half of {@code run()}.
     */
    public void start() {
        synchronized (stateLock) {
            if (started) {
                throw new ReactorAlreadyRunning("reactor " + name + " is already running");
            }
            if (startedBefore) {
                throw new ReactorNotRestartable("reactor " + name + " has run already and cannot restart");
            }
            started = true;
            stopped = false;
        }
        mainLoop.execute(this::startup);
        if (!isInIOThread()) {
            try {
                runningOrStopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void startup() {
        fireEvent("startup", null, null);
        openGates();
    }

    private void reallyStartRunning() {
        synchronized (stateLock) {
            // A stop() during a slow startup may have shut the reactor down already.
            running = !crashed;
        }
        runningOrStopped.countDown();
    }

    /** From now on, calls from threads, timers, accepts and connects go. On the main loop. */
    private void openGates() {
        List<Runnable> calls;
        List<Runnable> starts;
        synchronized (stateLock) {
            gateOpen = true;
            calls = pendingThreadCalls;
            starts = pendingStarts;
            pendingThreadCalls = null;
            pendingStarts = null;
        }
        for (Runnable call : calls) {
            runThreadCall(call);
        }
        for (Runnable start : starts) {
            start.run();
        }
        if (!crashed) {
            timers.activate();
        }
    }

    /** Runs {@code start} once the reactor runs: now, if it does. Internal: ports and connects. */
    void whenGateOpen(Runnable start) {
        if (!gateOpen) {
            synchronized (stateLock) {
                if (!gateOpen) {
                    pendingStarts.add(start);
                    return;
                }
            }
        }
        start.run();
    }

    /**
     * Stops the reactor, from any thread: runs the "before shutdown" triggers (and waits for the
     * Deferreds they return), stops listening, sends what was written to each connection and
     * closes it (its protocol gets {@code connectionLost} with {@link ConnectionLost}), stops
     * the thread pools, runs the "during" and "after" triggers, then ends the loops.
     *
     * @throws ReactorNotRunning if it is not running or already stopping
     */
    @Override
    public void stop() {
        synchronized (stateLock) {
            if (stopped) {
                throw new ReactorNotRunning("Can't stop reactor that isn't running.");
            }
            stopped = true;
            startedBefore = true;
        }
        mainLoop.execute(this::shutdown);
    }

    private void shutdown() {
        fireEvent("shutdown", () -> disconnected, this::terminate);
    }

    /** The first "during shutdown" trigger. Twisted: {@code ReactorBase.crash}. */
    private void crash() {
        synchronized (stateLock) {
            running = false;
            started = false;
            crashed = true;
        }
        timers.deactivate();
    }

    /**
     * Closes every port, pending connect and connection, and the pipes of every child process
     * (which is left running); {@link #disconnected} fires when all are closed and their owners
     * told. Twisted: {@code ReactorBase.disconnectAll}.
     */
    private void disconnectAll() {
        Failure reason = new Failure(new ConnectionLost(ChannelTransport.LOST + "."));
        List<Future<?>> waits = new ArrayList<>();
        for (StreamPort port : ports) {
            waits.add(port.closeForShutdown());
        }
        for (UdpPort port : udpPorts) {
            waits.add(port.closeForShutdown());
        }
        for (StreamConnector connector : connecting) {
            waits.add(connector.abortForShutdown());
        }
        List<ChannelTransport> open = new ArrayList<>(connections);
        for (ChannelTransport t : open) {
            submit(t.loop, () -> t.shutdownClose(reason));
            waits.add(t.lost);
        }
        for (ProcessTransport p : new ArrayList<>(processes)) {
            waits.add(p.loop.submit(p::shutdownClose));
        }
        Deferred<Void> done = new Deferred<>();
        disconnected = done;
        if (waits.isEmpty()) {
            done.callback(null);
            return;
        }
        AtomicInteger remaining = new AtomicInteger(waits.size());
        Future<?> grace = mainLoop.schedule(() -> {
            List<ChannelTransport> stuck = new ArrayList<>(connections);
            log.warn("Reactor {}: {} connection(s) did not close within {}; resetting them",
                    name, stuck.size(), gracePeriod);
            for (ChannelTransport t : stuck) {
                submit(t.loop, () -> t.forceClose(reason));
            }
        }, gracePeriod.toNanos(), TimeUnit.NANOSECONDS);
        for (Future<?> wait : waits) {
            wait.addListener(f -> {
                if (remaining.decrementAndGet() == 0) {
                    submit(mainLoop, () -> {
                        grace.cancel(false);
                        done.callback(null);
                    });
                }
            });
        }
    }

    /** After the "after shutdown" triggers: wait for the pools, then end the loops. */
    private void terminate() {
        Thread finisher = new Thread(this::finishTermination, name + "-shutdown");
        finisher.setDaemon(true);
        finisher.start();
    }

    private void finishTermination() {
        try {
            for (ThreadPool pool : pools) {
                if (!pool.awaitTermination(gracePeriod)) {
                    log.warn("Reactor {}: {} still busy after {}; not waiting for it", name, pool, gracePeriod);
                }
            }
            io.netty.util.concurrent.Future<?> end =
                    group.shutdownGracefully(0, Math.max(gracePeriod.toMillis(), 100), TimeUnit.MILLISECONDS);
            if (!end.await(gracePeriod.toMillis() + 5_000)) {
                log.warn("Reactor {}: event loops did not end within {}", name, gracePeriod);
            }
        } catch (InterruptedException e) {
            log.warn("Reactor {}: interrupted while ending; not waiting further", name, e);
            Thread.currentThread().interrupt();
        } finally {
            log.info("Reactor {}: main loop terminated.", name);
            runningOrStopped.countDown();
            terminated.complete(null);
        }
    }

    /**
     * Completes once the reactor has stopped, its shutdown triggers have run and its threads
     * have ended. A copy: completing it changes nothing.
     */
    public CompletableFuture<Void> whenStopped() {
        return terminated.copy();
    }

    /**
     * Waits for the reactor to stop, as {@link #whenStopped()}, for at most {@code timeout}.
     *
     * @return whether it stopped in time
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        try {
            terminated.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("reactor " + name + " ended badly", e.getCause());
        }
    }

    /**
     * Stops the reactor if it runs and waits for it to end; a reactor that never ran closes its
     * sockets and ends its threads (its triggers do not run). For try-with-resources. Any thread
     * but the reactor's own.
     *
     * @throws IllegalStateException if called on one of the reactor's threads
     */
    @Override
    public void close() {
        if (isInIOThread()) {
            throw new IllegalStateException("close() called on a thread of " + this + "; use stop()");
        }
        boolean neverRan;
        synchronized (stateLock) {
            neverRan = !started && !startedBefore;
            startedBefore = true;
        }
        if (neverRan) {
            crashed = true;
            finishTermination();
            return;
        }
        try {
            stop();
        } catch (ReactorNotRunning e) {
            log.debug("Reactor {} was already stopping when closed", name, e);
        }
        awaitTerminationUninterruptibly();
    }

    private void awaitTerminationUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                terminated.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                throw new IllegalStateException("reactor " + name + " ended badly", e.getCause());
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the reactor has stopped and its threads have ended. */
    public boolean isTerminated() {
        return terminated.isDone();
    }

    @Override
    public boolean running() {
        return running;
    }

    @Override
    public void callWhenRunning(Runnable callable) {
        Objects.requireNonNull(callable, "callable");
        synchronized (stateLock) {
            if (!running) {
                addSystemEventTrigger("after", "startup", new Callable<Object>() {
                    @Override
                    public Object call() {
                        callable.run();
                        return null;
                    }

                    @Override
                    public String toString() {
                        return "callWhenRunning(" + callable + ")";
                    }
                });
                return;
            }
        }
        if (mainLoop.inEventLoop()) {
            callable.run();
        } else {
            submit(mainLoop, () -> runThreadCall(callable));
        }
    }

    @Override
    public Object addSystemEventTrigger(String phase, String eventType, Callable<?> callable) {
        Objects.requireNonNull(eventType, "eventType");
        ThreePhaseEvent event;
        synchronized (eventTriggers) {
            event = eventTriggers.computeIfAbsent(eventType, ThreePhaseEvent::new);
        }
        return event.addTrigger(phase, callable);
    }

    /**
     * @throws IllegalArgumentException if {@code triggerId} is not a trigger of this reactor that
     *     is still to run
     */
    @Override
    public void removeSystemEventTrigger(Object triggerId) {
        if (!(triggerId instanceof ThreePhaseEvent.Trigger)) {
            throw new IllegalArgumentException("not a system event trigger id: " + triggerId);
        }
        ThreePhaseEvent.Trigger trigger = (ThreePhaseEvent.Trigger) triggerId;
        ThreePhaseEvent event;
        synchronized (eventTriggers) {
            event = eventTriggers.get(trigger.eventType());
        }
        if (event == null) {
            throw new IllegalArgumentException("no such system event trigger: " + triggerId);
        }
        event.removeTrigger(trigger);
    }

    @Override
    public void fireSystemEvent(String eventType) {
        Objects.requireNonNull(eventType, "eventType");
        if (gateOpen && !mainLoop.inEventLoop()) {
            submit(mainLoop, () -> fireSystemEvent(eventType));
            return;
        }
        fireEvent(eventType, null, null);
    }

    private void fireEvent(String eventType, java.util.function.Supplier<Deferred<?>> barrier, Runnable done) {
        ThreePhaseEvent event;
        synchronized (eventTriggers) {
            event = eventTriggers.get(eventType);
        }
        if (event == null) {
            if (barrier != null) {
                Deferred<?> wait = barrier.get();
                if (wait != null) {
                    wait.addBoth(ignored -> {
                        if (done != null) {
                            done.run();
                        }
                        return null;
                    });
                    return;
                }
            }
            if (done != null) {
                done.run();
            }
            return;
        }
        event.fireEvent(barrier, done);
    }

    // ------------------------------------------------------------------ IReactorTime

    /** Seconds since the epoch, advancing monotonically. Twisted: {@code reactor.seconds}. */
    @Override
    public double seconds() {
        return ReactorClock.seconds();
    }

    /**
     * Runs {@code callable} on the main loop {@code delay} seconds from now (not before the
     * reactor runs). An exception from it is logged with the call, and the reactor goes on.
     */
    @Override
    public IDelayedCall callLater(double delay, Runnable callable) {
        return timers.schedule(delay, callable);
    }

    @Override
    public List<IDelayedCall> getDelayedCalls() {
        return timers.pending();
    }

    // ------------------------------------------------------------------ IReactorThreads

    /**
     * Runs {@code callable} on the main loop, soon; from any thread, in the order each thread
     * made its calls. Calls made before the reactor runs wait for it. An exception is logged.
     */
    @Override
    public void callFromThread(Runnable callable) {
        Objects.requireNonNull(callable, "callable");
        if (!gateOpen) {
            synchronized (stateLock) {
                if (!gateOpen) {
                    pendingThreadCalls.add(callable);
                    return;
                }
            }
        }
        submit(mainLoop, () -> runThreadCall(callable));
    }

    private void runThreadCall(Runnable callable) {
        try {
            callable.run();
        } catch (Throwable t) {
            log.error("Reactor {}: unhandled error in {}", name, callable, t);
        }
    }

    /** Runs {@code callable} on the reactor's default thread pool (started when it runs). */
    @Override
    public void callInThread(Runnable callable) {
        getThreadPool().callInThread(callable);
    }

    /** Sets the maximum size of the default thread pool. */
    @Override
    public void suggestThreadPoolSize(int size) {
        getThreadPool().adjustPoolsize(size);
    }

    /**
     * The default thread pool (0 to {@code threadPoolSize} threads named after the reactor),
     * made on first use, started when the reactor runs and stopped when it stops.
     *
     * <p>Twisted: {@code ReactorBase.getThreadPool}.
     */
    public ThreadPool getThreadPool() {
        synchronized (stateLock) {
            if (threadPool == null) {
                threadPool = new ThreadPool(0, threadPoolSize, name);
                adopt(threadPool);
            }
            return threadPool;
        }
    }

    /**
     * A new named thread pool that starts when this reactor runs and stops with it, for keeping
     * kinds of blocking work apart ({@code Threads.deferToThreadPool(reactor, pool, f)}).
     */
    public ThreadPool newThreadPool(String poolName, int minThreads, int maxThreads) {
        ThreadPool pool = new ThreadPool(minThreads, maxThreads, poolName);
        synchronized (stateLock) {
            adopt(pool);
        }
        return pool;
    }

    /** Under the state lock. */
    private void adopt(ThreadPool pool) {
        pools.add(pool);
        if (crashed) {
            pool.quit();
            return;
        }
        addSystemEventTrigger("during", "shutdown", internal("stop " + pool, pool::quit));
        if (running) {
            pool.start();
        } else {
            addSystemEventTrigger("after", "startup", internal("start " + pool, pool::start));
        }
    }

    /** True on every event-loop thread of this reactor. */
    @Override
    public boolean isInIOThread() {
        for (EventLoop loop : loops) {
            if (loop.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ IReactorTCP

    /**
     * Listens on {@code port}; the socket is bound before this returns, but accepts nothing until
     * the reactor runs. The port lives on the calling loop thread, or on the main loop when
     * called from another thread (which then waits for the bind). The factory's
     * {@code doStart} runs here, as in Twisted's {@code startListening}.
     *
     * @param interfaceAddress an IP literal, "" or null for all IPv4 interfaces, "::" for all
     *     IPv6 ones (a host name is resolved, blocking)
     * @throws CannotListenError naming the address, with the cause, if it cannot be bound
     */
    @Override
    public IListeningPort listenTCP(int port, IProtocolFactory factory, int backlog, String interfaceAddress) {
        return listen(port, factory, backlog, interfaceAddress, null);
    }

    private IListeningPort listen(int port, IProtocolFactory factory, int backlog, String interfaceAddress,
            IContextFactory tls) {
        Objects.requireNonNull(factory, "factory");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535: " + port);
        }
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog is negative: " + backlog);
        }
        EventLoop loop = currentLoop();
        TcpPort listening = new TcpPort(this, factory, interfaceAddress == null ? "" : interfaceAddress,
                port, backlog, tls, loop != null ? loop : mainLoop);
        if (loop != null) {
            listening.startListening();
        } else {
            runAndWait(listening.loop, listening::startListening);
        }
        return listening;
    }

    /**
     * Connects to {@code host}:{@code port}. The factory's {@code doStart} and
     * {@code startedConnecting} run before this returns (on the connection's loop: when called
     * from another thread, this waits for them); the attempt itself starts once the reactor runs.
     * A host name is resolved on the reactor's thread pool.
     */
    @Override
    public IConnector connectTCP(String host, int port, ClientFactory factory, double timeout,
            IPv4Address bindAddress) {
        return connect(host, port, factory, timeout, bindAddress, null);
    }

    private IConnector connect(String host, int port, ClientFactory factory, double timeout,
            IPv4Address bindAddress, IContextFactory tls) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(factory, "factory");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535: " + port);
        }
        if (!(timeout >= 0) || Double.isInfinite(timeout)) {
            throw new IllegalArgumentException("timeout must be finite and >= 0 seconds: " + timeout);
        }
        EventLoop here = currentLoop();
        EventLoop loop = here != null && here != mainLoop ? here : nextLoop();
        TcpConnector connector = new TcpConnector(this, host, port, factory, timeout, bindAddress, tls, loop);
        if (loop.inEventLoop()) {
            connector.connect();
        } else if (here != null) {
            // From the main loop to another loop: never block one loop on another.
            submit(loop, connector::connect);
        } else {
            runAndWait(loop, connector::connect);
        }
        return connector;
    }

    // ------------------------------------------------------------------ IReactorSSL

    /**
     * As {@link #listenTCP}, with TLS on every connection (Netty's {@code SslHandler} on the JDK's
     * provider; see {@link dev.jtwisted.internet.IReactorSSL#listenSSL}). The TLS settings are
     * turned into an engine context here, once, so bad ones fail this call.
     *
     * @throws IllegalArgumentException if {@code contextFactory} cannot serve
     */
    @Override
    public IListeningPort listenSSL(int port, IProtocolFactory factory, IContextFactory contextFactory, int backlog,
            String interfaceAddress) {
        Objects.requireNonNull(contextFactory, "contextFactory");
        Tls.context(contextFactory, false);
        return listen(port, factory, backlog, interfaceAddress, contextFactory);
    }

    /**
     * As {@link #connectTCP}, with TLS from the first byte; the protocol is built once the
     * handshake has completed (see {@link dev.jtwisted.internet.IReactorSSL#connectSSL}).
     *
     * @throws IllegalArgumentException if {@code contextFactory}'s settings cannot be used
     */
    @Override
    public IConnector connectSSL(String host, int port, ClientFactory factory, IContextFactory contextFactory,
            double timeout, IPv4Address bindAddress) {
        Objects.requireNonNull(contextFactory, "contextFactory");
        Tls.context(contextFactory, true);
        return connect(host, port, factory, timeout, bindAddress, contextFactory);
    }

    // ------------------------------------------------------------------ IReactorUNIX

    /**
     * Listens on the UNIX socket file {@code address} (see {@link dev.jtwisted.internet.IReactorUNIX}),
     * over the backend's domain sockets (the JDK's for NIO). Lives and is set up as
     * {@link #listenTCP}'s ports are. An abstract-namespace name, or a path over 107 bytes, is
     * refused with a {@code CannotListenError} that says so.
     *
     * @throws CannotListenError naming the path, with the cause, if it cannot be bound or locked
     */
    @Override
    public IListeningPort listenUNIX(String address, IProtocolFactory factory, int backlog, int mode, boolean wantPID) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(factory, "factory");
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog is negative: " + backlog);
        }
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("mode 0o" + Integer.toOctalString(mode) + " is out of range 0o0..0o7777");
        }
        EventLoop loop = currentLoop();
        UnixPort listening = new UnixPort(this, factory, address, backlog, mode, wantPID, loop != null ? loop : mainLoop);
        if (loop != null) {
            listening.startListening();
        } else {
            runAndWait(listening.loop, listening::startListening);
        }
        return listening;
    }

    /**
     * Connects to the UNIX socket file {@code address}; placed on a loop, started and reported
     * as {@link #connectTCP}'s connections are. With {@code checkPID} the server's lock file is
     * checked (a small blocking file operation) on the connection's loop.
     */
    @Override
    public IConnector connectUNIX(String address, ClientFactory factory, double timeout, boolean checkPID) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(factory, "factory");
        if (!(timeout >= 0) || Double.isInfinite(timeout)) {
            throw new IllegalArgumentException("timeout must be finite and >= 0 seconds: " + timeout);
        }
        EventLoop here = currentLoop();
        EventLoop loop = here != null && here != mainLoop ? here : nextLoop();
        UnixConnector connector = new UnixConnector(this, address, factory, timeout, checkPID, loop);
        if (loop.inEventLoop()) {
            connector.connect();
        } else if (here != null) {
            submit(loop, connector::connect);
        } else {
            runAndWait(loop, connector::connect);
        }
        return connector;
    }

    // ------------------------------------------------------------------ IReactorUDP, IReactorMulticast

    /**
     * Binds a UDP port and connects {@code protocol} to it (see
     * {@link dev.jtwisted.internet.IReactorUDP}). The port lives on the calling loop thread, or
     * on the main loop when called from another thread (which then waits for the bind and
     * {@code startProtocol}). It reads nothing until the reactor runs.
     *
     * @throws CannotListenError naming the address, with the cause, if it cannot be bound
     * @throws dev.jtwisted.internet.InvalidAddressError if {@code interfaceAddress} is not an IP address
     */
    @Override
    public IUDPTransport listenUDP(int port, DatagramProtocol protocol, String interfaceAddress, int maxPacketSize) {
        return listenDatagrams(port, protocol, interfaceAddress, maxPacketSize, false);
    }

    /** As {@link #listenUDP}; every UDP port of this reactor can join multicast groups. */
    @Override
    public IMulticastTransport listenMulticast(int port, DatagramProtocol protocol, String interfaceAddress,
            int maxPacketSize, boolean listenMultiple) {
        return listenDatagrams(port, protocol, interfaceAddress, maxPacketSize, listenMultiple);
    }

    private UdpPort listenDatagrams(int port, DatagramProtocol protocol, String interfaceAddress, int maxPacketSize,
            boolean listenMultiple) {
        Objects.requireNonNull(protocol, "protocol");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535: " + port);
        }
        if (maxPacketSize < 1) {
            throw new IllegalArgumentException("maxPacketSize must be at least 1: " + maxPacketSize);
        }
        EventLoop loop = currentLoop();
        UdpPort udp = new UdpPort(this, protocol, interfaceAddress == null ? "" : interfaceAddress, port,
                maxPacketSize, listenMultiple, loop != null ? loop : mainLoop);
        if (loop != null) {
            udp.startListening();
        } else {
            runAndWait(udp.loop, udp::startListening);
        }
        return udp;
    }

    // ------------------------------------------------------------------ IReactorProcess

    /**
     * Starts a child process (see {@link dev.jtwisted.internet.IReactorProcess}) with the JDK's
     * {@code ProcessBuilder}, never a shell. It and its protocol live on the calling loop
     * thread, or on the main loop when called from another thread (which then waits for
     * {@code makeConnection}). Its output is read, and its exit watched, once the reactor runs.
     *
     * <p>Each child has a daemon thread per output pipe, one for stdin once written to, and at
     * most {@value ProcessTransport#CHUNKS_IN_FLIGHT} chunks of {@value ProcessTransport#CHUNK}
     * bytes per pipe read ahead of its protocol. Signals other than TERM and KILL run
     * {@code kill(1)}. A death by signal N and {@code exit(128 + N)} look the same to the JDK and
     * are both reported as the signal. When the reactor stops, children are left running, as in
     * Twisted: their pipes are closed and their protocols told so.
     */
    @Override
    public IProcessTransport spawnProcess(IProcessProtocol processProtocol, String executable, List<String> args,
            Map<String, String> env, String path) {
        Objects.requireNonNull(processProtocol, "processProtocol");
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(args, "args");
        EventLoop here = currentLoop();
        ProcessTransport process = new ProcessTransport(this, here != null ? here : mainLoop, processProtocol,
                executable, args, env, path);
        if (here != null) {
            process.spawn();
        } else {
            runAndWait(process.loop, process::spawn);
        }
        return process;
    }

    /** The number of child processes not yet ended (or let go at shutdown), for tests and monitoring. */
    public int processCount() {
        return processes.size();
    }

    /** Whether {@code thread} runs one of this reactor's loops. */
    private boolean isLoopThread(Thread thread) {
        for (EventLoop loop : loops) {
            if (loop.inEventLoop(thread)) {
                return true;
            }
        }
        return false;
    }

    /** The loop the calling thread runs, or null. */
    private EventLoop currentLoop() {
        for (EventLoop loop : loops) {
            if (loop.inEventLoop()) {
                return loop;
            }
        }
        return null;
    }

    /** The loop for the next accepted or spread connection: round-robin over all. */
    EventLoop nextLoop() {
        if (loops.length == 1) {
            return mainLoop;
        }
        return loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
    }

    boolean isShuttingDown() {
        return crashed;
    }

    /** Runs {@code task} on {@code loop}; logs it if the loop has ended. */
    void submit(EventExecutor loop, Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            log.warn("Reactor {} has stopped; dropping {}", name, task, e);
        }
    }

    /**
     * Runs {@code task} on {@code loop} and waits for it, on a thread that is not a loop. From an
     * {@code inlineCallbacks} body running in place of one of this reactor's loops, which waits
     * for the body, the task is run by the body's driver instead (and from there on {@code loop}).
     */
    private void runAndWait(EventLoop loop, Runnable task) {
        if (BodyThreads.onBody() && isLoopThread(BodyThreads.root())) {
            try {
                BodyThreads.callOnDriver(() -> {
                    if (loop.inEventLoop()) {
                        task.run();
                    } else if (currentLoop() != null) {
                        submit(loop, task); // from one loop to another: never block a loop
                    } else {
                        runAndWait(loop, task);
                    }
                    return null;
                });
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        Future<?> future;
        try {
            future = loop.submit(task);
        } catch (RejectedExecutionException e) {
            throw new ReactorNotRunning("reactor " + name + " has stopped", e);
        }
        future.awaitUninterruptibly();
        if (future.isSuccess()) {
            return;
        }
        Throwable cause = future.cause();
        if (cause instanceof RuntimeException) {
            throw (RuntimeException) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        throw new IllegalStateException(cause);
    }

    /** The number of open connections, for tests and monitoring. */
    public int connectionCount() {
        return connections.size();
    }

    @Override
    public String toString() {
        String state = terminated.isDone() ? "terminated" : crashed ? "stopping" : running ? "running" : "not running";
        return "NettyReactor(" + name + ", " + backend + ", " + loops.length + " loop(s), " + state + ")";
    }
}
