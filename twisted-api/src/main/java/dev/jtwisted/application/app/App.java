package dev.jtwisted.application.app;

import dev.jtwisted.application.service.IService;
import dev.jtwisted.internet.IDelayedCall;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The functions of Twisted's {@code app} module: running a service tree on a reactor.
 *
 * <pre>{@code
 * Application application = new Application("echo");
 * Strports.service("tcp:8000", Factory.forProtocol(Echo::new), reactor).setServiceParent(application);
 * App.startApplication(application, reactor, Duration.ofSeconds(10));
 * reactor.run();                 // reactor.stop() stops the services, then returns
 * }</pre>
 *
 * <p>Twisted: {@code twisted.application.app}; {@code ServerOptions} and
 * {@code ApplicationRunner} are the runner's, in {@link dev.jtwisted.scripts}.
 */
public final class App {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private App() {}

    /**
     * Hooks {@code application} to {@code reactor}: calls its {@code privilegedStartService}
     * now, its {@code startService} once the reactor runs, and its {@code stopService} before
     * the reactor shuts down, which waits for the Deferred that returns, however long it takes.
     *
     * <p>Twisted: {@code app.startApplication(application, save=False)}.
     *
     * @return as for {@link #startApplication(IService, IReactor, Duration)}
     * @throws RuntimeException what {@code privilegedStartService} threw (a port in use, say);
     *     nothing is then hooked to the reactor
     */
    public static Deferred<Void> startApplication(IService application, IReactor reactor) {
        return start(application, reactor, null);
    }

    /**
     * As {@link #startApplication(IService, IReactor)}, but the shutdown waits at most
     * {@code stopTimeout} for the services to stop, then logs a warning and goes on: a
     * service that never finishes stopping cannot keep the program from exiting. A stop that
     * fails is logged, and the shutdown goes on too.
     *
     * <p>Unlike Twisted's, a {@code startService} that throws stops the reactor, rather than
     * leaving the program running with part of its services: the returned Deferred fails with
     * what it threw, and the reactor is then told to stop (which stops the services started so
     * far).
     *
     * <p>Threads: call it on the thread that will run the reactor, before {@code run()}.
     *
     * @return fires with null on the reactor thread once {@code startService} has returned, or
     *     fails with what it threw; add an errback, or that failure is also reported as an
     *     unhandled error
     * @throws RuntimeException what {@code privilegedStartService} threw (a port in use, say);
     *     nothing is then hooked to the reactor
     * @throws IllegalArgumentException if {@code stopTimeout} is negative
     */
    public static Deferred<Void> startApplication(IService application, IReactor reactor, Duration stopTimeout) {
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        if (stopTimeout.isNegative()) {
            throw new IllegalArgumentException("stopTimeout is negative: " + stopTimeout);
        }
        return start(application, reactor, stopTimeout);
    }

    private static Deferred<Void> start(IService application, IReactor reactor, Duration stopTimeout) {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(reactor, "reactor");
        application.privilegedStartService();
        Deferred<Void> started = new Deferred<>();
        reactor.callWhenRunning(() -> {
            try {
                application.startService();
            } catch (RuntimeException | Error e) {
                started.errback(e);
                reactor.stop();
                return;
            }
            started.callback(null);
        });
        reactor.addSystemEventTrigger("before", "shutdown", () -> stop(application, reactor, stopTimeout));
        return started;
    }

    /** The "before shutdown" trigger: a Deferred that fires when the shutdown may go on. */
    private static Deferred<Void> stop(IService application, IReactor reactor, Duration stopTimeout) {
        Deferred<Void> stopping = application.stopService();
        Deferred<Void> done = new Deferred<>();
        IDelayedCall timer = stopTimeout == null ? null : reactor.callLater(stopTimeout, () -> {
            log.warn("{} did not stop within {}; shutting down without waiting for it", application,
                    stopTimeout);
            done.callback(null);
        });
        stopping.addBoth(result -> {
            boolean inTime = timer == null || timer.active();
            if (timer != null && inTime) {
                timer.cancel();
            }
            if (result instanceof Failure) {
                Failure failure = (Failure) result;
                log.error("{} failed to stop{}", application, inTime ? "" : " (after the shutdown went on)",
                        failure.value());
            }
            if (inTime) {
                done.callback(null);
            }
            return null;
        });
        return done;
    }
}
