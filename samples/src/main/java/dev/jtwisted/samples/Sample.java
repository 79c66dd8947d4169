package dev.jtwisted.samples;

import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.python.usage.Positional;
import dev.jtwisted.python.usage.UsageError;
import java.util.List;

/**
 * One runnable program of the samples jar: its name on the command line, a one-line
 * description for {@code --list}, the options and arguments it accepts, and its body.
 * Adding a sample means one class implementing this and one line in the registry.
 *
 * <p>The launcher parses the command line against {@link #options()} and
 * {@link #positionals()} before calling {@link #run}, so {@code run} only sees valid arguments;
 * {@code --help} is always accepted and never reaches {@code run}.
 *
 * <p>Twisted: a {@code twistd} plugin ({@code tapname}, {@code description}, an
 * {@code Options} class and {@code makeService}).
 */
public interface Sample {

    /** The name that selects it: lower case, digits and dashes, e.g. {@code errback-demo}. */
    String name();

    /** One line, shown by {@code --list} and {@code --help}. */
    String description();

    /** The options it accepts besides {@code --help}; none by default. */
    default List<Option> options() {
        return List.of();
    }

    /** The positional arguments it accepts, in order; none by default. */
    default List<Positional> positionals() {
        return List.of();
    }

    /**
     * Runs the sample on the calling thread, printing to {@code context.out()} and
     * {@code context.err()} rather than to {@code System.out}, so that tests can capture both.
     * Returning means success (exit status 0); a {@link UsageError} exits with 2 and any other
     * exception with 1. A sample that serves until stopped ({@link Context#serve}) returns when
     * its reactor stops, which Ctrl-C does when it runs from the jar.
     *
     * @param args the parsed command line
     * @param context the streams and the reactor to use; the sample gets its reactor there, in
     *     one line, so that a test can give it a fresh one
     */
    void run(Args args, Context context) throws Exception;
}
