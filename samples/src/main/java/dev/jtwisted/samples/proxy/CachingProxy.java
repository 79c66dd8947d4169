package dev.jtwisted.samples.proxy;

import java.util.Objects;

/**
 * Version 4: version 2 asking a {@link PageCache} shared by every connection (it lives on the
 * factory, where Twisted keeps shared state) instead of fetching each time.
 *
 * <p>Twisted: the caching-proxy exercise of the training, built on {@code proxy2.py}.
 */
final class CachingProxy extends ProxyProtocol {
    private final PageCache cache;

    CachingProxy(PageCache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    protected void fetch(String url, long start) {
        answer(url, start, cache.getPage(url));
    }
}
