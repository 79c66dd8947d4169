package dev.jtwisted.application.strports;

import dev.jtwisted.application.internet.StreamServerEndpointService;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.Reactor;
import dev.jtwisted.internet.endpoints.Endpoints;
import java.util.Objects;

/**
 * The functions of Twisted's strports module: a listening service from a description string.
 *
 * <pre>{@code
 * Strports.service("tcp:79", new FingerFactory()).setServiceParent(application);
 * }</pre>
 *
 * <p>Twisted: {@code twisted.application.strports}. Its {@code listen} function, which listens
 * at once outside any service, is not ported: use
 * {@code Endpoints.serverFromString(reactor, description).listen(factory)}.
 */
public final class Strports {
    private Strports() {}

    /**
     * {@link #service(String, IProtocolFactory, IReactor)} with the global reactor.
     *
     * @throws IllegalStateException if there is no global reactor (no reactor installed and
     *     none on the class path)
     */
    public static StreamServerEndpointService service(String description, IProtocolFactory factory) {
        return service(description, factory, Reactor.reactor());
    }

    /**
     * A service listening, while it runs, on the endpoint {@code description} describes (in the
     * syntax of {@link Endpoints#serverFromString}), with {@code factory}. The description is
     * parsed now; the service listens when started, and a listen that has already failed by
     * then (a port in use) is thrown from {@code startService} or
     * {@code privilegedStartService}, so the program does not start without its port.
     *
     * <p>Twisted: {@code strports.service(description, factory, reactor)}.
     *
     * @throws dev.jtwisted.internet.endpoints.EndpointDescriptionError if the description is
     *     malformed
     * @throws UnsupportedOperationException for an endpoint type that parses but cannot be
     *     built yet
     */
    public static StreamServerEndpointService service(String description, IProtocolFactory factory,
            IReactor reactor) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(reactor, "reactor");
        StreamServerEndpointService service =
                new StreamServerEndpointService(Endpoints.serverFromString(reactor, description), factory);
        service.setRaiseSynchronously(true);
        return service;
    }
}
