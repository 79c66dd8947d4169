package dev.jtwisted.samples.plugins;

import dev.jtwisted.samples.proxy.WebProxy;

/** {@code twistd web-proxy}: {@link WebProxy}. */
public final class WebProxyPlugin extends SamplePlugin {
    /** For {@link java.util.ServiceLoader}. */
    public WebProxyPlugin() {
        super(new WebProxy());
    }
}
