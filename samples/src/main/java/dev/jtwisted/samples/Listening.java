package dev.jtwisted.samples;

import dev.jtwisted.application.internet.StreamServerEndpointService;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPAddress;
import dev.jtwisted.internet.IPv6Address;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IStreamServerEndpoint;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The service a server sample runs, from the launcher ({@link Context#serve}) and from
 * {@code twistd} ({@link ServerSample#makeService}) alike: it listens on an endpoint while it
 * runs, and says where in one line, {@code NAME listening on HOST:PORT}: the address actually
 * bound, so port 0 shows the port the system chose (an IPv6 host is in brackets).
 *
 * <p>Twisted: {@code strports.service(description, factory)}, plus the line that a Twisted
 * port logs when it starts ("EchoFactory starting on 8000").
 */
final class Listening {
    /** How the line reads between the name and the address. */
    static final String LISTENING = " listening on ";

    private Listening() {}

    /**
     * A service listening on {@code endpoint} with {@code factory}; a listen that has already
     * failed when it starts (a port in use) is thrown from the start, as with
     * {@code Strports.service}.
     *
     * @param announce gets the line once it listens
     * @param onFailure gets a listen failure, whenever it comes, before the service handles it
     */
    static StreamServerEndpointService service(String name, IStreamServerEndpoint endpoint, IProtocolFactory factory,
            Consumer<String> announce, Consumer<Failure> onFailure) {
        return service(name, endpoint, factory, List.of(), announce, onFailure);
    }

    /**
     * As {@link #service(String, IStreamServerEndpoint, IProtocolFactory, Consumer, Consumer)},
     * announcing after the listening line one line per function of {@code then}, each made from
     * the address bound.
     */
    static StreamServerEndpointService service(String name, IStreamServerEndpoint endpoint, IProtocolFactory factory,
            List<? extends Function<? super IAddress, String>> then, Consumer<String> announce,
            Consumer<Failure> onFailure) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(announce, "announce");
        Objects.requireNonNull(onFailure, "onFailure");
        List<? extends Function<? super IAddress, String>> lines = List.copyOf(then);
        IStreamServerEndpoint announcing = new IStreamServerEndpoint() {
            @Override
            public Deferred<IListeningPort> listen(IProtocolFactory protocolFactory) {
                return endpoint.listen(protocolFactory).addCallbacks(port -> {
                    IAddress address = port.getHost();
                    announce.accept(name + LISTENING + hostAndPort(address));
                    for (Function<? super IAddress, String> line : lines) {
                        announce.accept(line.apply(address));
                    }
                    return port;
                }, failure -> {
                    onFailure.accept(failure);
                    throw failure.raiseException();
                });
            }

            @Override
            public String toString() {
                return endpoint.toString();
            }
        };
        StreamServerEndpointService service = new StreamServerEndpointService(announcing, factory);
        service.setRaiseSynchronously(true);
        return service;
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
}
