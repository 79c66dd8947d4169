package dev.jtwisted.samples.plugins;

import dev.jtwisted.samples.upper.UpperServer;

/** {@code twistd counting}: {@link UpperServer#counting()}. */
public final class CountingPlugin extends SamplePlugin {
    /** For {@link java.util.ServiceLoader}. */
    public CountingPlugin() {
        super(UpperServer.counting());
    }
}
