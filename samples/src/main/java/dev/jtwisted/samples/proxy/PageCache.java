package dev.jtwisted.samples.proxy;

import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The caching proxy's store, shared by every connection through the factory: a page fetched
 * once is answered from memory ({@code Defer.succeed}), and a page being fetched is not fetched
 * again: a second request for it waits for the first fetch. A failed fetch is not kept, so the
 * next request tries again. The most recently used {@code maxPages} pages are kept.
 *
 * <p>Threads: the reactor thread only, like everything a protocol touches.
 *
 * <p>Twisted: the training's exercise, "implement a caching proxy server which will not request
 * the same website twice", including the "really nasty" part it mentions: a query already in
 * flight.
 */
final class PageCache {
    private final Function<String, Deferred<byte[]>> fetch;
    private final Map<String, byte[]> pages;
    private final Map<String, List<Deferred<byte[]>>> inFlight = new HashMap<>();
    private int fetches;

    /**
     * @param fetch starts fetching a URL, for example {@code url -> Client.getPage(reactor, url)}
     * @param maxPages how many pages to keep, the least recently used dropped first
     */
    PageCache(Function<String, Deferred<byte[]>> fetch, int maxPages) {
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be at least 1, not " + maxPages);
        }
        this.pages = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > maxPages;
            }
        };
    }

    /** The page at {@code url}: from memory, from the fetch in flight, or from a new fetch. */
    Deferred<byte[]> getPage(String url) {
        byte[] page = pages.get(url);
        if (page != null) {
            return Defer.succeed(page);
        }
        Deferred<byte[]> mine = new Deferred<>();
        List<Deferred<byte[]>> waiting = inFlight.get(url);
        if (waiting != null) {
            waiting.add(mine);
            return mine;
        }
        waiting = new ArrayList<>();
        waiting.add(mine);
        inFlight.put(url, waiting);
        fetches++;
        fetch.apply(url).addCallbacks(body -> {
            pages.put(url, body);
            for (Deferred<byte[]> d : inFlight.remove(url)) {
                d.callback(body);
            }
            return null;
        }, (Failure failure) -> {
            for (Deferred<byte[]> d : inFlight.remove(url)) {
                d.errback(failure);
            }
            return null;
        });
        return mine;
    }

    /** How many fetches were started: what the cache saved shows against the requests. */
    int fetches() {
        return fetches;
    }
}
