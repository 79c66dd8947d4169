package dev.jtwisted.scripts;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.ReactorNotRunning;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * Stops a program's reactor when the JVM is asked to shut down (Ctrl-C sends SIGINT;
 * {@code kill}, {@code systemctl stop} and {@code Process.destroy()} send SIGTERM), so that
 * {@code reactor.run()} returns, the program finishes its shutdown, and the process exits with
 * the program's status, 0, as a Twisted program does.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     StopOnSignal signals = StopOnSignal.install("myserver", Reactor::reactor, System.err::println,
 *             Duration.ofSeconds(30));
 *     IReactor reactor = signals.reactor();
 *     ...                                  // listen, start services
 *     reactor.run();                       // returns once a signal has stopped it
 *     signals.finished(0);
 *     System.exit(0);
 * }
 * }</pre>
 *
 * <p>Java offers shutdown hooks rather than signal handlers, and by the time a hook runs the
 * JVM has decided to exit with the signal's status (130 or 143); {@code System.exit} would
 * block. So the hook stops the reactor, waits for the program to say it has finished
 * ({@link #finished}), and ends the JVM itself with that status ({@code Runtime.halt}). When
 * the program never made a reactor, has finished already, or does not finish within the
 * patience given, the hook returns and the JVM exits as it would have anyway.
 *
 * <p>Used by {@link Twistd} and by the samples launcher.
 *
 * <p>Twisted: the reactor's SIGINT and SIGTERM handlers ({@code _SignalReactorMixin}), which
 * log "Received SIGTERM, shutting down." and call {@code reactor.stop()}, so that
 * {@code reactor.run()} returns.
 */
public final class StopOnSignal {
    private final String program;
    private final Supplier<? extends IReactor> reactors;
    private final Consumer<String> say;
    private final Duration patience;
    private final IntConsumer halt;
    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private volatile IReactor reactor;

    /**
     * @param program the program's name, at the start of what it says
     * @param reactors makes the reactor, on the program's first {@link #reactor()} call
     * @param say says one line: that the reactor is being stopped, or that the program did not
     *     finish in time; called on the hook's thread
     * @param patience how long the hook waits for the program to finish once the reactor is
     *     told to stop
     * @param halt ends the JVM with a status: {@code Runtime.getRuntime()::halt}
     */
    public StopOnSignal(String program, Supplier<? extends IReactor> reactors, Consumer<String> say,
            Duration patience, IntConsumer halt) {
        this.program = Objects.requireNonNull(program, "program");
        this.reactors = Objects.requireNonNull(reactors, "reactors");
        this.say = Objects.requireNonNull(say, "say");
        this.patience = Objects.requireNonNull(patience, "patience");
        this.halt = Objects.requireNonNull(halt, "halt");
    }

    /**
     * Makes one that halts with {@code Runtime.halt} and registers its {@link #hook()} with the
     * JVM.
     */
    public static StopOnSignal install(String program, Supplier<? extends IReactor> reactors, Consumer<String> say,
            Duration patience) {
        StopOnSignal signals = new StopOnSignal(program, reactors, say, patience, Runtime.getRuntime()::halt);
        Runtime.getRuntime().addShutdownHook(signals.hook());
        return signals;
    }

    /**
     * The reactor, made on the first call and remembered for the hook: give this method, as a
     * supplier, to whatever makes the program's reactor.
     */
    public synchronized IReactor reactor() {
        if (reactor == null) {
            reactor = Objects.requireNonNull(reactors.get(), "the reactor supplier gave null");
        }
        return reactor;
    }

    /** Tells the hook that the program has finished with {@code exitStatus}. */
    public void finished(int exitStatus) {
        status.complete(exitStatus);
    }

    /** A thread for {@code Runtime.addShutdownHook} that runs {@link #onShutdown()}. */
    public Thread hook() {
        return new Thread(this::onShutdown, program + "-shutdown");
    }

    /**
     * Stops the reactor and, once the program has finished, halts with its status. Returns at
     * once, doing nothing, if the program has finished or never made a reactor; returns after
     * the patience, without halting, if the program does not finish.
     */
    public void onShutdown() {
        IReactor r = reactor;
        if (status.isDone() || r == null) {
            return;
        }
        say.accept(program + ": shutting down; stopping the reactor");
        // callFromThread is the reactor's one thread-safe call; made before run(), it waits.
        r.callFromThread(() -> stopIfRunning(r));
        int exitStatus;
        try {
            exitStatus = status.get(patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            say.accept(program + ": the program did not finish within " + patience + " of the reactor "
                    + "being stopped; exiting anyway");
            return;
        } catch (InterruptedException | ExecutionException e) {
            // Made here, not in a static field: a logger made early would fix the logging
            // configuration before Twistd has set it up (--loglevel).
            LoggerFactory.getLogger(StopOnSignal.class)
                    .warn("Interrupted while waiting for {} to finish; exiting anyway", program, e);
            return;
        }
        halt.accept(exitStatus);
    }

    private static void stopIfRunning(IReactor reactor) {
        if (!reactor.running()) {
            return;
        }
        try {
            reactor.stop();
        } catch (ReactorNotRunning e) {
            // Something else stopped it between the check and the call: it stops anyway.
            LoggerFactory.getLogger(StopOnSignal.class).debug("Reactor {} was already stopping", reactor, e);
        }
    }
}
