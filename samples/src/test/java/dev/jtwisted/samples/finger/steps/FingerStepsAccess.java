package dev.jtwisted.samples.finger.steps;

import dev.jtwisted.samples.RunningServer;

/** Starts {@code finger-steps N} for tests outside this package, such as the proxy's upstreams. */
public final class FingerStepsAccess {
    private FingerStepsAccess() {}

    /** {@code finger-steps step --port 0}, listening. */
    public static RunningServer start(int step) throws Exception {
        return RunningServer.start(new FingerSteps(), Integer.toString(step));
    }
}
