package dev.jtwisted.samples.plugins;

import dev.jtwisted.samples.web.FibServer;

/** {@code twistd fib}: {@link FibServer}. */
public final class FibPlugin extends SamplePlugin {
    /** For {@link java.util.ServiceLoader}. */
    public FibPlugin() {
        super(new FibServer());
    }
}
