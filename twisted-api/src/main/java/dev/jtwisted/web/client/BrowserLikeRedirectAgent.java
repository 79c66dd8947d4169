package dev.jtwisted.web.client;

import java.util.Set;

/**
 * Follows redirects as browsers do: 301, 302 and 303 for any method, as a GET without body;
 * 307 and 308 only for GET and HEAD. Otherwise as {@link RedirectAgent}.
 *
 * <p>Twisted: {@code twisted.web.client.BrowserLikeRedirectAgent} (which lists 308 with 303;
 * here 308 keeps its method, as RFC 7538 says, and is followed for GET and HEAD only).
 */
public class BrowserLikeRedirectAgent extends RedirectAgent {
    /** Follows at most 20 redirects. */
    public BrowserLikeRedirectAgent(IAgent agent) {
        this(agent, 20);
    }

    /** @param redirectLimit the most redirects followed for one request */
    public BrowserLikeRedirectAgent(IAgent agent, int redirectLimit) {
        super(agent, redirectLimit, Set.of(307, 308), Set.of(301, 302, 303));
    }
}
