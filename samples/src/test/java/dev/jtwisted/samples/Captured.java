package dev.jtwisted.samples;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.python.usage.ArgParser;
import dev.jtwisted.python.usage.Args;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a sample or the launcher printed, captured through the streams they are given, so no
 * test touches {@code System.out}. Line ends are normalised to {@code \n}.
 */
public final class Captured {
    /** The reactor supplier of runs that must not use one: asking for it fails the sample. */
    static final Supplier<IReactor> NO_REACTOR = () -> {
        throw new IllegalStateException("this test gives the sample no reactor");
    };

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    /** Runs {@code sample} with the command line {@code argv}, as the launcher would, without a reactor. */
    public static Captured run(Sample sample, String... argv) throws Exception {
        Captured captured = new Captured();
        Args args = new ArgParser(sample.options(), sample.positionals()).parse(List.of(argv));
        sample.run(args, captured.context(sample.name(), NO_REACTOR));
        return captured;
    }

    /** A context printing to these streams, for the sample {@code name}. */
    Context context(String name, Supplier<? extends IReactor> reactor) {
        return new Context(name, out, err, reactor);
    }

    public String out() {
        return outBytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    public String err() {
        return errBytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
