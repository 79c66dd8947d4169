package dev.jtwisted.samples;

import dev.jtwisted.internet.Reactor;
import dev.jtwisted.scripts.StopOnSignal;
import java.time.Duration;

/**
 * The jar's entry point: runs the sample named by the first argument and exits with its status.
 * Everything happens in {@link Launcher}, so that tests can run it without exiting the JVM.
 * Here the samples get the global reactor, made only if one asks, and Ctrl-C stops it
 * ({@link StopOnSignal}).
 *
 * <p>Twisted: the {@code twistd} script.
 */
public final class Main {
    /** How long Ctrl-C waits for a sample to end after stopping its reactor. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private Main() {}

    public static void main(String[] args) {
        StopOnSignal signals = StopOnSignal.install(Launcher.PROGRAM, Reactor::reactor, System.err::println, PATIENCE);
        int status = new Launcher(Samples.builtIn(), System.out, System.err, signals::reactor).launch(args);
        signals.finished(status);
        System.exit(status);
    }
}
