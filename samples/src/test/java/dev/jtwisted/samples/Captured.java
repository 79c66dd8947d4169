package dev.jtwisted.samples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a sample or the launcher printed, captured through the streams they are given, so no
 * test touches {@code System.out}. Line ends are normalised to {@code \n}.
 */
public final class Captured {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    /** Runs {@code sample} with the command line {@code argv}, as the launcher would. */
    public static Captured run(Sample sample, String... argv) throws Exception {
        Captured captured = new Captured();
        Args args = new ArgParser(sample.options(), sample.positionals()).parse(List.of(argv));
        sample.run(args, captured.out, captured.err);
        return captured;
    }

    public String out() {
        return outBytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    public String err() {
        return errBytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
