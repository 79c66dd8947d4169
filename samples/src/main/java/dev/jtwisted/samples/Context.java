package dev.jtwisted.samples;

import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPAddress;
import dev.jtwisted.internet.IPv6Address;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.IStreamServerEndpoint;
import dev.jtwisted.internet.defer.Deferred;
import java.io.PrintStream;
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
    /** How {@link #serve} reports the address it got: one line, {@code NAME listening on HOST:PORT}. */
    static final String LISTENING = " listening on ";

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
     * Serves {@code factory} on {@code endpoint} until the reactor stops: listens, prints one
     * line {@code NAME listening on HOST:PORT} (the address actually bound, so port 0 shows the
     * port the system chose; an IPv6 host is in brackets), and runs the reactor. Returns once the
     * reactor has stopped: Ctrl-C when run from the jar, {@code reactor.stop()} in a test.
     *
     * <p>Twisted: {@code endpoint.listen(factory)} then {@code reactor.run()}, what
     * {@code twistd} does with a plugin's {@code strports.service}.
     *
     * @throws Exception why it could not listen, for example a
     *     {@link dev.jtwisted.internet.CannotListenError} for a port in use; the reactor is
     *     stopped (or not run at all) first
     */
    public void serve(IStreamServerEndpoint endpoint, IProtocolFactory factory) throws Exception {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(factory, "factory");
        IReactor reactor = reactor();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Deferred<IListeningPort> listening = endpoint.listen(factory);
        listening.addCallbacks(port -> {
            out.println(sampleName + LISTENING + hostAndPort(port.getHost()));
            out.flush();
            return null;
        }, failure -> {
            failed.set(failure.value());
            // A TCP listen fails at once, before run(); this is for endpoints that fail later.
            if (reactor.running()) {
                reactor.stop();
            } else {
                reactor.callWhenRunning(reactor::stop);
            }
            return null;
        });
        if (failed.get() == null) {
            reactor.run();
        }
        Throwable failure = failed.get();
        if (failure instanceof Exception) {
            throw (Exception) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
    }

    /** {@code 127.0.0.1:8000}, {@code [::1]:8000}; another kind of address as it prints itself. */
    static String hostAndPort(IAddress address) {
        if (address instanceof IPAddress) {
            IPAddress ip = (IPAddress) address;
            String host = address instanceof IPv6Address ? "[" + ip.host() + "]" : ip.host();
            return host + ":" + ip.port();
        }
        return String.valueOf(address);
    }

    @Override
    public String toString() {
        return "Context{" + sampleName + ", reactor=" + reactor + "}";
    }
}
