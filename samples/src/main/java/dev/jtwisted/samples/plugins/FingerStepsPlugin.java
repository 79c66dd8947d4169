package dev.jtwisted.samples.plugins;

import dev.jtwisted.samples.finger.steps.FingerSteps;

/** {@code twistd finger-steps}: {@link FingerSteps}. */
public final class FingerStepsPlugin extends SamplePlugin {
    /** For {@link java.util.ServiceLoader}. */
    public FingerStepsPlugin() {
        super(new FingerSteps());
    }
}
