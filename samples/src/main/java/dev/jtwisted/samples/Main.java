package dev.jtwisted.samples;

/**
 * The jar's entry point: runs the sample named by the first argument and exits with its status.
 * Everything happens in {@link Launcher}, so that tests can run it without exiting the JVM.
 *
 * <p>Twisted: the {@code twistd} script.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(new Launcher(Samples.builtIn(), System.out, System.err).launch(args));
    }
}
