package dev.jtwisted.samples;

import dev.jtwisted.application.service.IService;
import dev.jtwisted.application.service.IServiceMaker;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.IStreamServerEndpoint;
import dev.jtwisted.internet.endpoints.Endpoints;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.python.usage.Positional;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * A sample that serves a protocol on an endpoint, so it runs two ways with the same service:
 * from the launcher ({@code java -jar jtwisted-samples.jar echo-line}, {@link #run}) and as a
 * {@code twistd} plugin ({@code twistd echo-line}, {@link #makeService}), registered through
 * {@link dev.jtwisted.samples.plugins}. A subclass says where it listens and what it serves
 * ({@link Serving}); both ways print or log {@code NAME listening on HOST:PORT} for each port
 * once it listens.
 *
 * <p>Twisted: a program that is both a script ({@code reactor.run()}) and a {@code twistd}
 * plugin whose {@code makeService} returns {@code strports.service(...)}.
 */
public abstract class ServerSample implements Sample, IServiceMaker {

    /**
     * What to run, from the parsed command line: where to listen, what to serve there, and
     * any services beside the ports. Called once per run.
     */
    protected abstract Serving serving(Args args, IReactor reactor);

    /**
     * The endpoint most samples listen on: TCP on {@code --port} and {@code --interface}
     * ({@code tcp:PORT:interface=ADDR}, as Twisted's {@code serverFromString} reads it).
     */
    protected static IStreamServerEndpoint tcpEndpoint(IReactor reactor, Args args) {
        return tcpEndpoint(reactor, args.port(), args.interfaceAddress());
    }

    /** {@code tcp:PORT:interface=ADDR}, the address quoted as an endpoint string needs. */
    protected static IStreamServerEndpoint tcpEndpoint(IReactor reactor, int port, String interfaceAddress) {
        return Endpoints.serverFromString(reactor,
                "tcp:" + port + ":interface=" + Endpoints.quoteStringArgument(interfaceAddress));
    }

    /** The plugin's name is the sample's name. */
    @Override
    public final String tapname() {
        return name();
    }

    @Override
    public List<Option> options() {
        return List.of();
    }

    @Override
    public List<Positional> positionals() {
        return List.of();
    }

    /**
     * The service {@code twistd} runs: listens while it runs and logs (at INFO) the line
     * {@code NAME listening on HOST:PORT} per port; a later listen failure is logged by the
     * service.
     */
    @Override
    public final IService makeService(Args args, IReactor reactor) {
        // The logger is made now, not when the class loads: twistd sets up logging first.
        return serving(args, reactor).service(LoggerFactory.getLogger(getClass())::info, failure -> { });
    }

    /** Serves until the reactor stops, printing the listening lines: {@link Context#serve}. */
    @Override
    public final void run(Args args, Context context) throws Exception {
        context.serve(serving(args, context.reactor()));
    }
}
