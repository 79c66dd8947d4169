package dev.jtwisted.samples.web;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.IStreamServerEndpoint;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.samples.ServerSample;
import dev.jtwisted.samples.Serving;
import dev.jtwisted.web.resource.IResource;
import dev.jtwisted.web.server.Site;
import java.util.ArrayList;
import java.util.List;

/**
 * What the web samples share: a {@link Site} serving the tree {@link #root} makes, on
 * {@code --interface} (127.0.0.1 by default) and {@code --port} (8000; 0 for any free port).
 *
 * <p>Twisted: the end of each of the training's web examples: {@code factory = Site(root)},
 * {@code reactor.listenTCP(8000, factory)}, {@code reactor.run()}.
 */
abstract class WebServer extends ServerSample {

    /** The root of the tree to serve, from the parsed command line. */
    abstract IResource root(Args args, IReactor reactor);

    /** Options besides {@code --port} and {@code --interface}; none by default. */
    List<Option> moreOptions() {
        return List.of();
    }

    @Override
    public final List<Option> options() {
        List<Option> all = new ArrayList<>(List.of(Option.port(8000), Option.interfaceAddress("127.0.0.1")));
        all.addAll(moreOptions());
        return List.copyOf(all);
    }

    @Override
    protected final Serving serving(Args args, IReactor reactor) {
        IResource root = root(args, reactor);
        IStreamServerEndpoint endpoint = tcpEndpoint(reactor, args);
        return Serving.listen(name(), endpoint, new Site(root));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + name() + ")";
    }
}
