package dev.jtwisted.samples;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.ReactorNotRunning;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the sample's reactor when the JVM is asked to shut down (Ctrl-C sends SIGINT;
 * {@code kill} and {@code Process.destroy()} send SIGTERM), so that a server sample's
 * {@code run} returns and the process exits with the sample's status, 0, as a Twisted program
 * does.
 *
 * <p>Java offers shutdown hooks rather than signal handlers, and by the time a hook runs the
 * JVM has decided to exit with the signal's status (130 or 143); {@code System.exit} would
 * block. So the hook stops the reactor, waits for the launcher to finish the sample, and ends
 * the JVM itself with the launcher's status ({@code Runtime.halt}). When the sample never made
 * a reactor, has finished already, or does not finish within the patience given, the hook
 * returns and the JVM exits as it would have anyway.
 *
 * <p>Twisted: the reactor's SIGINT and SIGTERM handlers ({@code _SignalReactorMixin}), which
 * log "Received SIGINT, shutting down." and call {@code reactor.stop()}, so that
 * {@code reactor.run()} returns.
 */
final class StopOnSignal {
    private static final Logger log = LoggerFactory.getLogger(StopOnSignal.class);

    private final Supplier<? extends IReactor> reactors;
    private final PrintStream err;
    private final Duration patience;
    private final IntConsumer halt;
    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private volatile IReactor reactor;

    /**
     * @param reactors makes the reactor, on the sample's first {@link #reactor()} call
     * @param err where to say that the reactor is being stopped
     * @param patience how long the hook waits for the sample to finish once the reactor is told
     *     to stop
     * @param halt ends the JVM with a status: {@code Runtime.getRuntime()::halt}
     */
    StopOnSignal(Supplier<? extends IReactor> reactors, PrintStream err, Duration patience, IntConsumer halt) {
        this.reactors = Objects.requireNonNull(reactors, "reactors");
        this.err = Objects.requireNonNull(err, "err");
        this.patience = Objects.requireNonNull(patience, "patience");
        this.halt = Objects.requireNonNull(halt, "halt");
    }

    /** The reactor, made on the first call and remembered for the hook: the launcher's supplier. */
    synchronized IReactor reactor() {
        if (reactor == null) {
            reactor = Objects.requireNonNull(reactors.get(), "the reactor supplier gave null");
        }
        return reactor;
    }

    /** Tells the hook that the launcher has returned {@code exitStatus}. */
    void finished(int exitStatus) {
        status.complete(exitStatus);
    }

    /** A thread for {@code Runtime.addShutdownHook} that runs {@link #onShutdown()}. */
    Thread hook() {
        return new Thread(this::onShutdown, Launcher.PROGRAM + "-shutdown");
    }

    /**
     * Stops the reactor and, once the sample has finished, halts with its status. Returns at
     * once, doing nothing, if the sample has finished or never made a reactor; returns after
     * the patience, without halting, if the sample does not finish.
     */
    void onShutdown() {
        IReactor r = reactor;
        if (status.isDone() || r == null) {
            return;
        }
        err.println(Launcher.PROGRAM + ": shutting down; stopping the reactor");
        err.flush();
        // callFromThread is the reactor's one thread-safe call; made before run(), it waits.
        r.callFromThread(() -> stopIfRunning(r));
        int exitStatus;
        try {
            exitStatus = status.get(patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            err.println(Launcher.PROGRAM + ": the sample did not finish within " + patience + " of the reactor "
                    + "being stopped; exiting anyway");
            err.flush();
            return;
        } catch (InterruptedException | ExecutionException e) {
            log.warn("Interrupted while waiting for the sample to finish; exiting anyway", e);
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
            log.debug("Reactor {} was already stopping", reactor, e);
        }
    }
}
