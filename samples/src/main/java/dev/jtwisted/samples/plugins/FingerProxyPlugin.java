package dev.jtwisted.samples.plugins;

import dev.jtwisted.samples.finger.FingerProxy;

/** {@code twistd finger-proxy}: {@link FingerProxy}. */
public final class FingerProxyPlugin extends SamplePlugin {
    /** For {@link java.util.ServiceLoader}. */
    public FingerProxyPlugin() {
        super(new FingerProxy());
    }
}
