package dev.jtwisted.web.client;

import dev.jtwisted.internet.ssl.IContextFactory;
import dev.jtwisted.internet.ssl.SSL;
import dev.jtwisted.internet.ssl.TrustRoot;

/**
 * Verifies servers as a browser does: the certificate must chain to a trusted CA (the
 * platform's, or the given {@link TrustRoot}) and name the host of the URI.
 *
 * <p>Twisted: {@code twisted.web.client.BrowserLikePolicyForHTTPS}.
 */
public final class BrowserLikePolicyForHTTPS implements IPolicyForHTTPS {
    private final TrustRoot trustRoot;

    /** Trusts the platform's CAs. */
    public BrowserLikePolicyForHTTPS() {
        this(null);
    }

    /** @param trustRoot the CAs to trust; null for the platform's */
    public BrowserLikePolicyForHTTPS(TrustRoot trustRoot) {
        this.trustRoot = trustRoot;
    }

    /** {@code SSL.optionsForClientTLS(hostname, trustRoot)}. */
    @Override
    public IContextFactory creatorForNetloc(String hostname, int port) {
        return SSL.optionsForClientTLS(hostname, trustRoot);
    }

    @Override
    public String toString() {
        return "BrowserLikePolicyForHTTPS(" + (trustRoot == null ? "platformTrust()" : trustRoot) + ")";
    }
}
