package dev.jtwisted.web.client;

import dev.jtwisted.internet.ssl.IContextFactory;

/**
 * Decides the TLS settings of each {@code https} connection an {@link Agent} makes, from the
 * host it connects to. The default is {@link BrowserLikePolicyForHTTPS}.
 *
 * <p>Twisted: {@code twisted.web.iweb.IPolicyForHTTPS}.
 */
@FunctionalInterface
public interface IPolicyForHTTPS {
    /** The TLS client settings for a connection to {@code hostname}:{@code port}. */
    IContextFactory creatorForNetloc(String hostname, int port);
}
