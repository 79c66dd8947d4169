package dev.jtwisted.samples;

import dev.jtwisted.application.app.App;
import dev.jtwisted.application.service.IService;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.IStreamServerEndpoint;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What a running {@link Sample} gets from whoever runs it, besides its arguments: the streams to
 * print to and the reactor. The jar's launcher passes {@code System.out}, {@code System.err} and
 * the global reactor; a test passes streams it reads and a fresh reactor of its own, so the
 * sample's code is the same in both and several can run, one after the other, in one JVM.
 *
 * <p>A sample asks for the reactor in one line, {@code IReactor reactor = context.reactor();},
 * and otherwise codes against twisted-api only, as a Twisted program does after
 * {@code from twisted.internet import reactor}.
 *
 * <p>Threads: made and used on the thread that runs the sample; {@link #reactor()} may also be
 * called from the reactor's threads once the sample has asked for it.
 *
 * <p>Twisted: what a {@code twistd} plugin finds around it: {@code sys.stdout}, the installed
 * reactor, and {@code twistd} itself, which runs the reactor for it ({@link #serve}).
 */
public final class Context {
    /** How long {@link #serve} waits, once the reactor is told to stop, for the service to stop. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final String sampleName;
    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<? extends IReactor> reactors;
    private volatile IReactor reactor;

    /**
     * @param sampleName the name of the sample being run, for the lines {@link #serve} prints
     * @param reactors asked once, on the first {@link #reactor()} call, so that a sample that
     *     never asks starts no reactor
     */
    Context(String sampleName, PrintStream out, PrintStream err, Supplier<? extends IReactor> reactors) {
        this.sampleName = Objects.requireNonNull(sampleName, "sampleName");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.reactors = Objects.requireNonNull(reactors, "reactors");
    }

    /** Where the sample prints its output; {@code System.out} when run from the jar. */
    public PrintStream out() {
        return out;
    }

    /** Where the sample prints its errors; {@code System.err} when run from the jar. */
    public PrintStream err() {
        return err;
    }

    /**
     * The reactor to run on: the global one ({@code Reactor.reactor()}, a Netty reactor) when
     * run from the jar, the test's own in a test. The same one on every call.
     *
     * @throws IllegalStateException if whoever runs the sample has no reactor to give
     */
    public IReactor reactor() {
        IReactor r = reactor;
        if (r == null) {
            synchronized (this) {
                r = reactor;
                if (r == null) {
                    r = Objects.requireNonNull(reactors.get(), "the reactor supplier gave null");
                    reactor = r;
                }
            }
        }
        return r;
    }

    /**
     * Serves {@code factory} on {@code endpoint} until the reactor stops, as {@code twistd}
     * serves a plugin's service: listens, prints one line {@code NAME listening on HOST:PORT}
     * (the address actually bound, so port 0 shows the port the system chose; an IPv6 host is
     * in brackets), and runs the reactor. Returns once the reactor has stopped, which first
     * stops listening: Ctrl-C when run from the jar, {@code reactor.stop()} in a test.
     *
     * <p>Twisted: {@code strports.service(description, factory)} run by {@code twistd}; the
     * service is the one a server sample makes for {@code twistd}
     * ({@link ServerSample#makeService}), so both run the same code.
     *
     * @throws Exception why it could not listen, for example a
     *     {@link dev.jtwisted.internet.CannotListenError} for a port in use; the reactor is
     *     stopped (or not run at all) first
     */
    public void serve(IStreamServerEndpoint endpoint, IProtocolFactory factory) throws Exception {
        serve(Serving.listen(sampleName, endpoint, factory));
    }

    /**
     * As {@link #serve(IStreamServerEndpoint, IProtocolFactory)}, for a sample with several
     * ports or services beside them: one listening line per port, in the order given.
     *
     * @throws Exception why a port could not listen; the reactor is stopped (or not run at all)
     *     first, which stops whatever had started
     */
    public void serve(Serving serving) throws Exception {
        Objects.requireNonNull(serving, "serving");
        IReactor reactor = reactor();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        IService service = serving.service(line -> {
            out.println(line);
            out.flush();
        }, failure -> {
            // A TCP listen fails at once and is thrown below; this is for endpoints that fail later.
            if (reactor.running()) {
                failed.compareAndSet(null, failure.value());
                reactor.stop();
            }
        });
        App.startApplication(service, reactor, STOP_TIMEOUT).addErrback(failure -> {
            failed.compareAndSet(null, failure.value());
            return null;
        });
        reactor.run();
        Throwable failure = failed.get();
        if (failure instanceof Exception) {
            throw (Exception) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
    }

    @Override
    public String toString() {
        return "Context{" + sampleName + ", reactor=" + reactor + "}";
    }
}
