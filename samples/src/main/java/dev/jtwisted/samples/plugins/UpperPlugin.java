package dev.jtwisted.samples.plugins;

import dev.jtwisted.samples.upper.UpperServer;

/** {@code twistd upper}: {@link UpperServer#upper()}. */
public final class UpperPlugin extends SamplePlugin {
    /** For {@link java.util.ServiceLoader}. */
    public UpperPlugin() {
        super(UpperServer.upper());
    }
}
