package dev.jtwisted.samples.plugins;

import dev.jtwisted.samples.proxy.ProxyServer;

/** {@code twistd caching-proxy}: {@link ProxyServer#caching()}. */
public final class CachingProxyPlugin extends SamplePlugin {
    /** For {@link java.util.ServiceLoader}. */
    public CachingProxyPlugin() {
        super(ProxyServer.caching());
    }
}
