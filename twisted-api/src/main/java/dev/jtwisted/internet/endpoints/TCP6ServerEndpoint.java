package dev.jtwisted.internet.endpoints;

import dev.jtwisted.internet.IReactorTCP;

/**
 * Listens on a TCP port of an IPv6 interface (all of them, {@code ::}, by default); each
 * {@link #listen} opens another port with {@code listenTCP}. It is a {@link TCP4ServerEndpoint}
 * with another default interface, as in Twisted.
 *
 * <p>Twisted: {@code twisted.internet.endpoints.TCP6ServerEndpoint}.
 */
public final class TCP6ServerEndpoint extends TCP4ServerEndpoint {

    /** Listens on {@code port} of all IPv6 interfaces ({@code ::}), with a backlog of 50. */
    public TCP6ServerEndpoint(IReactorTCP reactor, int port) {
        this(reactor, port, 50, "::");
    }

    /**
     * @param interfaceAddress the IPv6 address to bind, {@code ::} for all interfaces
     * @throws IllegalArgumentException if {@code port} or {@code backlog} is out of range
     */
    public TCP6ServerEndpoint(IReactorTCP reactor, int port, int backlog, String interfaceAddress) {
        super(reactor, port, backlog, interfaceAddress);
    }
}
