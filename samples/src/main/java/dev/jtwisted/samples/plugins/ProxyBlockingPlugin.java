package dev.jtwisted.samples.plugins;

import dev.jtwisted.samples.proxy.ProxyServer;

/** {@code twistd proxy-blocking}: {@link ProxyServer#blocking()}. */
public final class ProxyBlockingPlugin extends SamplePlugin {
    /** For {@link java.util.ServiceLoader}. */
    public ProxyBlockingPlugin() {
        super(ProxyServer.blocking());
    }
}
