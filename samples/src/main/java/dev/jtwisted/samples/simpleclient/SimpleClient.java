package dev.jtwisted.samples.simpleclient;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.IStreamClientEndpoint;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.defer.DeferredList;
import dev.jtwisted.internet.endpoints.Endpoints;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.python.usage.Positional;
import dev.jtwisted.samples.Context;
import dev.jtwisted.samples.Sample;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The training's simple clients: connect once per word to the uppercase server, all at the same
 * time, send the word, and read the answer. {@code --variant} picks one of the four steps, each
 * fixing what the one before could not do:
 * <ol>
 * <li>A plain protocol prints whatever comes back ({@code sending a}, then {@code A}). The
 *     answers come in any order, nothing says which request an answer is for, and the reactor
 *     never stops: Ctrl-C ends it. {@link #simpleClient1}.
 * <li>Each request gets a Deferred, handed to the protocol through its factory and fired with
 *     the answer when the connection closes; its callback gets the answer and, as an extra
 *     argument, the request ({@code received response for a}, then {@code A}). Still no end.
 *     {@link #simpleClient2}.
 * <li>As 2, and a {@link DeferredList} of all the Deferreds stops the reactor once every
 *     answer is in, so the program ends. {@link #simpleClient3}.
 * <li>As 3, timing each request ({@code request a took 0.004 seconds}) and the whole run
 *     ({@code finished, took 0.006 seconds}): about as long as the slowest request, not the
 *     sum, since they run at the same time. {@link #simpleClient4}.
 * </ol>
 * One client endpoint ({@code clientFromString}) serves every connection: an endpoint is
 * reusable, and each {@code connect} gets its own factory. A request that fails (connection
 * refused) is reported on standard error; clients 3 and 4 then exit with status 1.
 *
 * <p>Twisted: {@code simpleclient.py}, {@code simpleclient2.py}, {@code simpleclient3.py} and
 * {@code simpleclient4.py} of the EuroPython 2012 Twisted training, part 2, run as
 * {@code python simpleclient.py localhost:8000 a b c d}.
 */
public final class SimpleClient implements Sample {

    @Override
    public String name() {
        return "simple-client";
    }

    @Override
    public String description() {
        return "The training's simple clients 1-4: one connection per word to an upper server (--variant)";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.integer("variant", "N",
                "which client: 1 prints answers, 2 matches them to requests (both run until Ctrl-C), "
                        + "3 also stops when all are in, 4 also times them",
                3, 1, 4));
    }

    @Override
    public List<Positional> positionals() {
        return List.of(Positional.required("ADDRESS", "the upper server, HOST:PORT (e.g. 127.0.0.1:8000)"),
                Positional.oneOrMore("WORD", "what to send, one connection per word"));
    }

    @Override
    public void run(Args args, Context context) throws Exception {
        HostPort server = HostPort.parse("ADDRESS", args.positional().get(0));
        List<String> words = args.positional().subList(1, args.positional().size());
        IReactor reactor = context.reactor();
        IStreamClientEndpoint endpoint = Endpoints.clientFromString(reactor, server.clientDescription());
        Clients clients = new Clients(reactor, endpoint, context.out(), context.err());
        int variant = args.intValue("variant");
        double overallStart = reactor.seconds();
        reactor.callWhenRunning(() -> {
            switch (variant) {
                case 1 -> clients.simpleClient1(words);
                case 2 -> clients.simpleClient2(words);
                case 3 -> clients.simpleClient3(words);
                default -> clients.simpleClient4(words);
            }
        });
        reactor.run();
        if (variant == 4) {
            context.out().println("finished, took " + seconds(reactor.seconds() - overallStart));
        }
        if (!clients.failures.isEmpty()) {
            throw clients.failures.get(0).raiseException();
        }
    }

    /** The four clients, sharing the reactor, the endpoint and the streams. Run on the reactor thread. */
    private static final class Clients {
        private final IReactor reactor;
        private final IStreamClientEndpoint endpoint;
        private final PrintStream out;
        private final PrintStream err;
        /** The requests that failed, in the order they did; read by the main thread once the reactor stopped. */
        final List<Failure> failures = new CopyOnWriteArrayList<>();

        Clients(IReactor reactor, IStreamClientEndpoint endpoint, PrintStream out, PrintStream err) {
            this.reactor = reactor;
            this.endpoint = endpoint;
            this.out = out;
            this.err = err;
        }

        /** Client 1: print whatever comes back. Twisted: {@code simpleclient.py}. */
        void simpleClient1(List<String> words) {
            for (String word : words) {
                out.println("sending " + word);
                RequestFactory factory = new RequestFactory(() -> new PrintingClientProtocol(out), word, null);
                endpoint.connect(factory).addErrback(f -> {
                    failed(f, word);
                    return null;
                });
            }
        }

        /** Client 2: a Deferred per request, fired with its answer. Twisted: {@code simpleclient2.py}. */
        void simpleClient2(List<String> words) {
            for (String word : words) {
                out.println("sending " + word);
                Deferred<String> d = new Deferred<>();
                d.addCallback(this::gotData, word).addErrback(this::failed, word);
                connect(word, d);
            }
        }

        /** Client 3: client 2, then stop once all are in. Twisted: {@code simpleclient3.py}. */
        void simpleClient3(List<String> words) {
            List<Deferred<Void>> allDeferreds = new ArrayList<>();
            for (String word : words) {
                out.println("sending " + word);
                Deferred<String> d = new Deferred<>();
                allDeferreds.add(d.addCallback(this::gotData, word).addErrback(this::failed, word));
                connect(word, d);
            }
            new DeferredList<>(allDeferreds).addCallback(results -> allDone());
        }

        /** Client 4: client 3, timing each request. Twisted: {@code simpleclient4.py}. */
        void simpleClient4(List<String> words) {
            List<Deferred<Void>> allDeferreds = new ArrayList<>();
            for (String word : words) {
                out.println("sending " + word);
                Deferred<String> d = new Deferred<>();
                allDeferreds.add(d.addCallback(this::gotDataTimed, word, reactor.seconds())
                        .addErrback(this::failed, word));
                connect(word, d);
            }
            new DeferredList<>(allDeferreds).addCallback(results -> allDone());
        }

        /** Connects one factory for {@code word}; a failed connection fails its Deferred. */
        private void connect(String word, Deferred<String> d) {
            RequestFactory factory = new RequestFactory(UppercaseClientProtocol::new, word, d);
            endpoint.connect(factory).addErrback(f -> {
                d.errback(f);
                return null;
            });
        }

        /** Twisted: {@code gotData(data, request)} of {@code simpleclient2.py}. */
        private Void gotData(String data, String request) {
            out.println("received response for " + request);
            out.println(data);
            return null;
        }

        /** Twisted: {@code gotData(data, request, starttime)} of {@code simpleclient4.py}. */
        private Void gotDataTimed(String data, String request, double startTime) {
            out.println("request " + request + " took " + seconds(reactor.seconds() - startTime));
            return null;
        }

        /** Reports a request that failed, and recovers, so the others go on. */
        private Void failed(Failure failure, String request) {
            failures.add(failure);
            err.println("request " + request + " failed: " + failure.getErrorMessage());
            return null;
        }

        /** Twisted: {@code all_done(results)}. */
        private Void allDone() {
            reactor.stop();
            return null;
        }
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.3f seconds", seconds);
    }
}
