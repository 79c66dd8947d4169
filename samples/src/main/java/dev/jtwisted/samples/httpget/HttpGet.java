package dev.jtwisted.samples.httpget;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.IStreamClientEndpoint;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.endpoints.Endpoints;
import dev.jtwisted.internet.task.Task;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.python.usage.Positional;
import dev.jtwisted.samples.Context;
import dev.jtwisted.samples.Sample;
import java.io.PrintStream;
import java.util.List;

/**
 * Fetches one {@code http://} URL with an HTTP client written by hand ({@link HTTPGETProtocol}),
 * prints the body to standard output, and stops the reactor: {@code get} returns a Deferred
 * that fires with the whole response, and the program is callbacks on it.
 *
 * <p>{@code --include} prints the status line and headers before the body, which is what the
 * training's client printed (the whole response). A status other than 2xx also goes to
 * standard error, as a note; the exit status is still 0, as with {@code curl}. A URL that is not
 * {@code http://} exits with status 2; a refused connection, an unknown host or a response
 * that is not HTTP exit with 1, saying what went wrong.
 *
 * <p>Twisted: {@code httpget.py} of the EuroPython 2012 Twisted training, part 2 (exercise 3:
 * "implement getPage"): {@code get(address, host, path)} makes a {@code ClientFactory} carrying
 * {@code path}, {@code host} and a {@code deferred}, connects it, and returns the Deferred;
 * {@code __main__} adds {@code gotResult} (print) and {@code reactor.stop()} and runs the
 * reactor. The training connects with an endpoint ({@code clientFromString}); so does this.
 */
public final class HttpGet implements Sample {

    @Override
    public String name() {
        return "http-get";
    }

    @Override
    public String description() {
        return "HTTP client written by hand on a Protocol: GET an http:// URL and print the body (training)";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.flag("include", "print the status line and headers before the body"));
    }

    @Override
    public List<Positional> positionals() {
        return List.of(Positional.required("URL", "an http:// URL, e.g. http://127.0.0.1:8000/page"));
    }

    @Override
    public void run(Args args, Context context) throws Exception {
        Url url = Url.parse(args.positional().get(0));
        boolean include = args.flag("include");
        PrintStream out = context.out();
        PrintStream err = context.err();
        IReactor reactor = context.reactor();
        IStreamClientEndpoint endpoint = Endpoints.clientFromString(reactor, url.clientDescription());
        try {
            // Twisted's task.react: run the reactor until the Deferred fires, then stop it.
            Task.react(reactor, r -> get(endpoint, url.hostHeader(), url.path())
                    .addCallback(Response::parse)
                    .addCallback(response -> gotResult(response, include, out, err)));
        } finally {
            out.flush();
        }
    }

    /**
     * Asks {@code endpoint}'s server for {@code path}, naming {@code host}; the Deferred fires
     * with the whole response once the server closes the connection, or fails with why not
     * (the connection was refused, or lost before the end).
     *
     * <p>Twisted: {@code get(address, host, path)} of {@code httpget.py}.
     */
    static Deferred<byte[]> get(IStreamClientEndpoint endpoint, String host, String path) {
        HTTPGETProtocol.GetFactory f = new HTTPGETProtocol.GetFactory(path, host);
        endpoint.connect(f).addErrback(failure -> {
            f.deferred.errback(failure);
            return null;
        });
        return f.deferred;
    }

    /** Twisted: {@code gotResult(data)}, which prints it. */
    private static Void gotResult(Response response, boolean include, PrintStream out, PrintStream err) {
        if (!response.ok()) {
            err.println("http-get: the server answered " + response.statusLine());
        }
        if (include) {
            out.writeBytes(response.head());
        }
        out.writeBytes(response.body());
        out.flush();
        return null;
    }
}
