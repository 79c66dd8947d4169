package dev.jtwisted.samples.proxy;

import static dev.jtwisted.internet.defer.Defer.await;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.web.client.Client;
import java.util.Objects;

/**
 * Version 3: the same as version 2, written as if it blocked. {@code await} hands the reactor
 * back until the page arrives, so this is as cooperative as the callbacks were; an error is
 * caught with {@code try/catch}.
 *
 * <p>Twisted: {@code proxy3.py}, an {@code @inlineCallbacks} method where
 * {@code page = yield getPage(url)} replaces {@code urllib.urlopen(url).read()}.
 */
final class InlineProxy extends ProxyProtocol {
    private final IReactor reactor;

    InlineProxy(IReactor reactor) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
    }

    @Override
    protected void fetch(String url, long start) {
        Defer.inlineCallbacks(() -> {
            byte[] page;
            try {
                page = await(Client.getPage(reactor, url));
            } catch (Exception e) {
                sendError(url, e);
                return null;
            }
            sendPage(url, start, page);
            return null;
        });
    }
}
