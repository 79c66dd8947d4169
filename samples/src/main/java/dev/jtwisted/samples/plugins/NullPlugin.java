package dev.jtwisted.samples.plugins;

import dev.jtwisted.samples.upper.UpperServer;

/** {@code twistd null}: {@link UpperServer#nothing()}. */
public final class NullPlugin extends SamplePlugin {
    /** For {@link java.util.ServiceLoader}. */
    public NullPlugin() {
        super(UpperServer.nothing());
    }
}
