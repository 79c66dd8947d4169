package dev.jtwisted.samples.proxy;

import dev.jtwisted.internet.Factory;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.samples.ServerSample;
import dev.jtwisted.samples.TcpServerSample;
import dev.jtwisted.web.client.Client;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The URL-fetching proxies: a line server on {@code --port} (8000) where a client sends a URL
 * and gets the page body back, then the connection closes. One sample per version, each made by
 * a factory method here; they differ only in how the protocol fetches.
 *
 * <pre>
 * $ java -jar jtwisted-samples.jar proxy-deferred --port 8000
 * $ echo http://127.0.0.1:8080/ | nc -C 127.0.0.1 8000
 * </pre>
 *
 * <p>Twisted: {@code proxy1.py}, {@code proxy2.py}, {@code proxy3.py} and the caching-proxy
 * exercise of the EuroPython 2012 training; {@code endpoints.serverFromString(reactor,
 * "tcp:8000")} and a {@code Factory} whose {@code protocol} is the version's
 * {@code ProxyProtocol}.
 */
public final class ProxyServer {
    /** How many pages the caching proxy keeps unless {@code --max-pages} says otherwise. */
    static final int MAX_PAGES = 256;

    private ProxyServer() {}

    private static TcpServerSample proxy(String name, String description,
            BiFunction<Args, IReactor, Supplier<? extends Protocol>> protocols) {
        return TcpServerSample.of(name, description, 8000,
                (args, reactor) -> Factory.forProtocol(protocols.apply(args, reactor)));
    }

    /** {@code proxy-blocking}: fetches with a blocking call on the reactor thread (the mistake). */
    public static ServerSample blocking() {
        return proxy("proxy-blocking",
                "URL proxy, version 1: fetches with a blocking call, one client at a time (proxy1.py)",
                (args, reactor) -> BlockingProxy::new);
    }

    /** {@code proxy-deferred}: {@code getPage} and a callback. */
    public static ServerSample deferred() {
        return proxy("proxy-deferred",
                "URL proxy, version 2: getPage and Deferred callbacks, clients served together (proxy2.py)",
                (args, reactor) -> () -> new DeferredProxy(reactor));
    }

    /** {@code proxy-inline}: {@code getPage} awaited in an {@code inlineCallbacks} body. */
    public static ServerSample inline() {
        return proxy("proxy-inline", "URL proxy, version 3: getPage awaited with inlineCallbacks (proxy3.py)",
                (args, reactor) -> () -> new InlineProxy(reactor));
    }

    /** {@code caching-proxy}: version 2 with a cache that also shares fetches in flight. */
    public static ServerSample caching() {
        return proxy("caching-proxy",
                "URL proxy with a cache: a page is fetched once, concurrent requests share the fetch",
                (args, reactor) -> {
                    PageCache cache = new PageCache(url -> Client.getPage(reactor, url), args.intValue("max-pages"));
                    return () -> new CachingProxy(cache);
                }).withOptions(Option.integer("max-pages", "N",
                        "how many pages to keep, least recently used dropped first", MAX_PAGES, 1, 1_000_000));
    }
}
