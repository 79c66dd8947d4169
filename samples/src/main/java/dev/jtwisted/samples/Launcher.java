package dev.jtwisted.samples;

import dev.jtwisted.internet.CannotListenError;
import dev.jtwisted.internet.ConnectError;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.python.usage.ArgParser;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.UsageError;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Reads the jar's command line, picks the sample, parses its options and runs it; returns the
 * exit status: 0 done, 1 the sample failed, 2 the command line was wrong.
 * Kept apart from {@link Main} so tests run it with their own registry and streams.
 *
 * <pre>
 * java -jar jtwisted-samples.jar                     runs the default sample
 * java -jar jtwisted-samples.jar --list              lists the samples
 * java -jar jtwisted-samples.jar NAME [options]      runs NAME
 * java -jar jtwisted-samples.jar NAME --help         shows NAME's options
 * java -jar jtwisted-samples.jar --port 0            options alone go to the default sample
 * java -jar jtwisted-samples.jar twistd ...          the twistd runner ({@link Main} hands it over)
 * </pre>
 *
 * <p>The reactor: the launcher hands each sample a {@link Context} whose reactor comes from the
 * supplier it was built with, asked only when the sample wants one. {@link Main} gives the
 * global reactor; tests give a fresh one each, so they can run servers in-process, one after
 * the other.
 *
 * <p>Stopping: a sample runs on the calling thread until {@link Sample#run} returns. A server
 * sample returns when its reactor stops; from the jar, Ctrl-C does that
 * ({@link dev.jtwisted.scripts.StopOnSignal}).
 *
 * <p>Twisted: {@code twistd}'s {@code runApp}: choose the plugin, parse its options, run it.
 */
final class Launcher {
    static final String PROGRAM = "jtwisted-samples";
    static final String COMMAND = "java -jar " + PROGRAM + ".jar";
    /** The first argument that hands the rest of the command line to the runner ({@link Main}). */
    static final String TWISTD = "twistd";

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final Samples samples;
    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<? extends IReactor> reactor;

    /**
     * @param reactor gives the reactor of a sample that asks for one ({@link Context#reactor()});
     *     not called for samples that do not
     */
    Launcher(Samples samples, PrintStream out, PrintStream err, Supplier<? extends IReactor> reactor) {
        this.samples = Objects.requireNonNull(samples, "samples");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.reactor = Objects.requireNonNull(reactor, "reactor");
    }

    /** Runs the command line {@code argv}; returns the exit status. */
    int launch(String... argv) {
        List<String> args = Arrays.asList(argv);
        try {
            return dispatch(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int dispatch(List<String> args) {
        if (args.isEmpty()) {
            return run(samples.defaultSample(), args);
        }
        String first = args.get(0);
        if (first.equals("--list")) {
            if (args.size() > 1) {
                return usageError(PROGRAM, "unexpected argument '" + args.get(1) + "' after --list",
                        COMMAND + " --list");
            }
            printList(out, "");
            return OK;
        }
        if (first.equals("--help") || first.equals("-h")) {
            printUsage();
            return OK;
        }
        if (first.startsWith("-") && !first.equals("-")) {
            return run(samples.defaultSample(), args);
        }
        Sample sample = samples.find(first);
        if (sample == null) {
            return usageError(PROGRAM, "unknown sample '" + first + "'",
                    COMMAND + " [NAME] [options]; --list shows the samples");
        }
        return run(sample, args.subList(1, args.size()));
    }

    private int run(Sample sample, List<String> argv) {
        ArgParser parser = new ArgParser(sample.options(), sample.positionals());
        String who = PROGRAM + " " + sample.name();
        String hint = COMMAND + " " + sample.name() + " " + parser.synopsis() + "; "
                + sample.name() + " --help shows its options";
        Args args;
        try {
            args = parser.parse(argv);
        } catch (UsageError e) {
            return usageError(who, e.getMessage(), hint);
        }
        if (args.helpRequested()) {
            printHelp(sample, parser);
            return OK;
        }
        try {
            sample.run(args, new Context(sample.name(), out, err, reactor));
            return OK;
        } catch (UsageError e) {
            return usageError(who, e.getMessage(), hint);
        } catch (CannotListenError | ConnectError e) {
            // The machine's state, not a bug: one line, as twistd says "Couldn't listen on ..."
            // (a client's "Connection was refused ..." likewise).
            out.flush();
            err.println(who + ": " + e.getMessage());
            return FAILED;
        } catch (Exception e) {
            // The top of the program: report the failure with its trace and exit non-zero.
            out.flush();
            err.println(who + ": failed: " + e);
            e.printStackTrace(err);
            return FAILED;
        }
    }

    private int usageError(String who, String message, String usage) {
        out.flush();
        err.println(who + ": " + message);
        err.println("usage: " + usage);
        return USAGE;
    }

    private void printUsage() {
        out.println("usage: " + COMMAND + " [NAME] [options]");
        out.println("       " + COMMAND + " --list");
        out.println("       " + COMMAND + " NAME --help");
        out.println("       " + COMMAND + " " + TWISTD + " [options] PLUGIN [plugin options]");
        out.println();
        out.println("Runs one of the Twisted programs ported to jtwisted; with no NAME, "
                + samples.defaultSample().name() + ".");
        out.println("The servers are also plugins of the " + TWISTD + " runner: " + COMMAND + " " + TWISTD
                + " --help.");
        out.println();
        out.println("samples:");
        printList(out, "  ");
    }

    /** One aligned line per sample: name, description, and a mark on the default. */
    private void printList(PrintStream to, String indent) {
        List<Sample> all = samples.all();
        int width = 0;
        for (Sample s : all) {
            width = Math.max(width, s.name().length());
        }
        for (Sample s : all) {
            String mark = s == samples.defaultSample() ? " (default)" : "";
            to.println(indent + ArgParser.pad(s.name(), width) + "  " + s.description() + mark);
        }
    }

    private void printHelp(Sample sample, ArgParser parser) {
        out.println("usage: " + COMMAND + " " + sample.name() + " " + parser.synopsis());
        out.println();
        out.println(sample.description());
        out.println();
        parser.printHelp(out);
    }
}
