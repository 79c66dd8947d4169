package dev.jtwisted.web.client;

import dev.jtwisted.internet.IStreamClientEndpoint;

/**
 * Chooses how an {@link Agent} connects for a URI: a UNIX socket, a proxy, a test transport.
 * Give one to {@link Agent#usingEndpointFactory}.
 *
 * <p>Twisted: {@code twisted.web.iweb.IAgentEndpointFactory}.
 */
@FunctionalInterface
public interface IAgentEndpointFactory {
    /**
     * The endpoint to connect to for {@code uri}.
     *
     * @throws SchemeNotSupported if it cannot connect for the URI's scheme
     */
    IStreamClientEndpoint endpointForURI(URI uri);
}
