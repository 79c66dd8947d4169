package dev.jtwisted.samples.plugins;

import dev.jtwisted.samples.finger.Finger;

/** {@code twistd finger}: {@link Finger}. */
public final class FingerPlugin extends SamplePlugin {
    /** For {@link java.util.ServiceLoader}. */
    public FingerPlugin() {
        super(new Finger());
    }
}
