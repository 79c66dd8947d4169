package dev.jtwisted.samples;

import dev.jtwisted.internet.Reactor;
import dev.jtwisted.scripts.StopOnSignal;
import dev.jtwisted.scripts.Twistd;
import java.time.Duration;
import java.util.Arrays;

/**
 * The jar's entry point: runs the sample named by the first argument and exits with its status.
 * Everything happens in {@link Launcher}, so that tests can run it without exiting the JVM.
 * Here the samples get the global reactor, made only if one asks, and Ctrl-C stops it
 * ({@link StopOnSignal}).
 *
 * <p>{@code twistd} as the first argument hands the rest to the runner instead,
 * {@link Twistd#main}, whose plugins include the server samples: {@code java -jar
 * jtwisted-samples.jar twistd echo-line --port 8000} is {@code java -cp jtwisted-samples.jar
 * dev.jtwisted.scripts.Twistd echo-line --port 8000}.
 *
 * <p>Twisted: running a program with {@code python prog.py}, or with {@code twistd}.
 */
public final class Main {
    /** How long Ctrl-C waits for a sample to end after stopping its reactor. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(Launcher.TWISTD)) {
            Twistd.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        StopOnSignal signals = StopOnSignal.install(Launcher.PROGRAM, Reactor::reactor, System.err::println, PATIENCE);
        int status = new Launcher(Samples.builtIn(), System.out, System.err, signals::reactor).launch(args);
        signals.finished(status);
        System.exit(status);
    }
}
