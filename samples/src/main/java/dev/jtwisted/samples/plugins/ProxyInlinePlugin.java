package dev.jtwisted.samples.plugins;

import dev.jtwisted.samples.proxy.ProxyServer;

/** {@code twistd proxy-inline}: {@link ProxyServer#inline()}. */
public final class ProxyInlinePlugin extends SamplePlugin {
    /** For {@link java.util.ServiceLoader}. */
    public ProxyInlinePlugin() {
        super(ProxyServer.inline());
    }
}
