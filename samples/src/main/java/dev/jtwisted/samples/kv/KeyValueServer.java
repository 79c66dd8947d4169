package dev.jtwisted.samples.kv;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.IStreamServerEndpoint;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.samples.Seconds;
import dev.jtwisted.samples.ServerSample;
import dev.jtwisted.samples.Serving;
import java.util.List;

/**
 * {@code kv}: the key-value server. Listens on {@code --interface} (127.0.0.1) and
 * {@code --port} (11211, memcache's, as in the training) and answers {@code get}, {@code set}
 * and {@code delete} lines ({@link KeyValueProtocol}) from one store whose values expire
 * {@code --ttl} seconds (15) after their last {@code set}. Try it with {@code nc -C 127.0.0.1
 * 11211}; also the {@code twistd kv} plugin.
 *
 * <p>Twisted: the training's {@code keyvalue_server.py}: {@code reactor.listenTCP(11211,
 * factory)} with the store on the factory; here the port is an endpoint string.
 */
public final class KeyValueServer extends ServerSample {
    /** memcache's port, which the training's server listens on. */
    public static final int DEFAULT_PORT = 11211;

    @Override
    public String name() {
        return "kv";
    }

    @Override
    public String description() {
        return "Key-value server: get/set/delete lines, values expire after --ttl seconds (the training's store)";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.port(DEFAULT_PORT), Option.interfaceAddress("127.0.0.1"),
                Option.value("ttl", "SECONDS", "seconds a value lives after its last set; fractions allowed",
                        "15"));
    }

    @Override
    protected Serving serving(Args args, IReactor reactor) {
        double ttl = Seconds.parse("--ttl", args.value("ttl"));
        IStreamServerEndpoint endpoint = tcpEndpoint(reactor, args);
        return Serving.listen(name(), endpoint, new KeyValueFactory(reactor, ttl));
    }

    @Override
    public String toString() {
        return "KeyValueServer(kv)";
    }
}
