package dev.jtwisted.samples;

import dev.jtwisted.application.service.IService;
import dev.jtwisted.application.service.MultiService;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IStreamServerEndpoint;
import dev.jtwisted.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a server sample runs: one or more ports, each a name, an endpoint and a factory, and
 * any other services beside them (a timer that reloads a file, say). The chat listens twice
 * ({@code chat} for netcat, {@code chat-api} for HTTP); each port prints its own line
 * {@code NAME listening on HOST:PORT} once it listens, followed by any lines the sample adds
 * from the address bound (how to connect to it, say).
 *
 * <pre>{@code
 * return Serving.listen("chat", chatEndpoint, chatFactory)
 *         .followedBy(address -> "connect with: nc -C " + ...)
 *         .and("chat-api", apiEndpoint, new Site(root));
 * }</pre>
 *
 * <p>Twisted: the {@code MultiService} a {@code .tac} file or a plugin's {@code makeService}
 * builds, with a {@code strports.service} per port.
 */
public final class Serving {
    private final List<Port> ports = new ArrayList<>();
    private final List<IService> others = new ArrayList<>();

    private Serving() {}

    /** Listens on {@code endpoint} with {@code factory}; {@code name} starts its listening line. */
    public static Serving listen(String name, IStreamServerEndpoint endpoint, IProtocolFactory factory) {
        return new Serving().and(name, endpoint, factory);
    }

    /** One more port. */
    public Serving and(String name, IStreamServerEndpoint endpoint, IProtocolFactory factory) {
        ports.add(new Port(Objects.requireNonNull(name, "name"), Objects.requireNonNull(endpoint, "endpoint"),
                Objects.requireNonNull(factory, "factory"), new ArrayList<>()));
        return this;
    }

    /**
     * One more line printed (or logged, under {@code twistd}) right after the listening line of
     * the port added last, made from the address it bound: how to connect to it, for example,
     * which only that address can say when the port was 0.
     */
    public Serving followedBy(Function<? super IAddress, String> line) {
        Objects.requireNonNull(line, "line");
        ports.get(ports.size() - 1).lines.add(line);
        return this;
    }

    /** One more service, started after the ports and stopped before them. */
    public Serving with(IService service) {
        others.add(Objects.requireNonNull(service, "service"));
        return this;
    }

    /**
     * The services as one, the ports first in the order given; a port that cannot listen
     * (in use) throws from {@code startService}, the ones after it left unstarted.
     *
     * @param announce gets each port's listening line
     * @param onFailure gets a listen failure that comes later, before the service handles it
     */
    IService service(Consumer<String> announce, Consumer<Failure> onFailure) {
        MultiService all = new MultiService();
        for (Port port : ports) {
            Listening.service(port.name, port.endpoint, port.factory, port.lines, announce, onFailure)
                    .setServiceParent(all);
        }
        for (IService other : others) {
            other.setServiceParent(all);
        }
        return all;
    }

    @Override
    public String toString() {
        return "Serving" + ports + (others.isEmpty() ? "" : " with " + others);
    }

    private record Port(String name, IStreamServerEndpoint endpoint, IProtocolFactory factory,
            List<Function<? super IAddress, String>> lines) {
        @Override
        public String toString() {
            return name + " on " + endpoint;
        }
    }
}
