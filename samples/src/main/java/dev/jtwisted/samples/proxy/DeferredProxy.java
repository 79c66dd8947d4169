package dev.jtwisted.samples.proxy;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.web.client.Client;
import java.util.Objects;

/**
 * Version 2: {@code getPage} returns at once with a Deferred, and the page is written by a
 * callback when it arrives; meanwhile the reactor serves everyone else, so a slow site no
 * longer holds up the other clients.
 *
 * <p>Twisted: {@code proxy2.py}:
 * <pre>
 * d = getPage(line)
 * d.addCallback(self.gotPage, line, start)
 * </pre>
 */
final class DeferredProxy extends ProxyProtocol {
    private final IReactor reactor;

    DeferredProxy(IReactor reactor) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
    }

    @Override
    protected void fetch(String url, long start) {
        answer(url, start, Client.getPage(reactor, url));
    }
}
