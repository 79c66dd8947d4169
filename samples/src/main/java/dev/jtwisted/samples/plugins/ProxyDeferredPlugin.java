package dev.jtwisted.samples.plugins;

import dev.jtwisted.samples.proxy.ProxyServer;

/** {@code twistd proxy-deferred}: {@link ProxyServer#deferred()}. */
public final class ProxyDeferredPlugin extends SamplePlugin {
    /** For {@link java.util.ServiceLoader}. */
    public ProxyDeferredPlugin() {
        super(ProxyServer.deferred());
    }
}
