package dev.jtwisted.scripts;

import dev.jtwisted.python.usage.ArgParser;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.python.usage.Positional;
import dev.jtwisted.python.usage.UsageError;
import java.nio.file.Path;
import java.util.List;

/**
 * The runner's own options, which come before the plugin's name:
 * {@code twistd [options] PLUGIN [plugin options]} or {@code twistd [options] --app-class CLASS}.
 * Parsing them needs no plugin, so it happens before anything is loaded or logged: the logging
 * configuration they carry must be in place before the first logger is made.
 *
 * <p>Twisted: {@code twisted.application.app.ServerOptions} with the Unix runner's
 * {@code --pidfile}; its plugins are {@code subCommands}, here a {@link Positional#remainder}.
 */
final class ServerOptions {
    /** The {@code --reactor} names: Netty's transports, as {@code -Djtwisted.reactor} takes them. */
    static final List<String> REACTORS = List.of("epoll", "io_uring", "nio");
    /** The {@code --loglevel} names: SLF4J's levels. */
    static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error");

    static final ArgParser PARSER = new ArgParser(List.of(
            Option.value("logfile", "FILE",
                    "append the log, and the program's standard output and error, to FILE; - for standard "
                            + "output, the default", null),
            Option.value("pidfile", "FILE",
                    "write the process id to FILE while running; refuse to start if a running process owns it",
                    null),
            Option.choice("reactor", "NAME",
                    "the reactor's I/O backend: epoll, io_uring or nio (default: epoll where available, else nio)",
                    null, REACTORS),
            Option.choice("loglevel", "LEVEL",
                    "the lowest level logged: trace, debug, info, warn or error (default: info)", null, LEVELS),
            Option.value("app-class", "CLASS",
                    "run the service that CLASS's public static application(IReactor) method returns, "
                            + "instead of a plugin", null)),
            List.of(Positional.remainder("PLUGIN", "the plugin to run, followed by its own options")));

    private final Args args;

    private ServerOptions(Args args) {
        this.args = args;
    }

    /**
     * Parses the runner's part of the command line.
     *
     * @throws UsageError for an unknown option or a bad value, for both a plugin and
     *     {@code --app-class}, or for neither (unless {@code --help} was asked for)
     */
    static ServerOptions parse(List<String> argv) {
        ServerOptions options = new ServerOptions(PARSER.parse(argv));
        if (options.helpRequested()) {
            return options;
        }
        if (options.appClass() != null && !options.pluginArgs().isEmpty()) {
            throw new UsageError("--app-class names what to run, so no plugin may follow it, not '"
                    + options.pluginArgs().get(0) + "'");
        }
        if (options.appClass() == null && options.pluginArgs().isEmpty()) {
            throw new UsageError("name a plugin to run, or give --app-class");
        }
        return options;
    }

    boolean helpRequested() {
        return args.helpRequested();
    }

    /** The log file, or null for standard output. */
    Path logfile() {
        String value = args.value("logfile");
        return value == null || value.equals("-") ? null : Path.of(value);
    }

    /** The pid file, or null for none. */
    Path pidfile() {
        String value = args.value("pidfile");
        return value == null ? null : Path.of(value);
    }

    /** One of {@link #REACTORS}, or null to leave the choice to the reactor. */
    String reactor() {
        return args.value("reactor");
    }

    /** One of {@link #LEVELS}, or null to leave it to the logging configuration. */
    String loglevel() {
        return args.value("loglevel");
    }

    /** The {@code --app-class}, or null. */
    String appClass() {
        return args.value("app-class");
    }

    /** The plugin's name and its arguments; empty with {@code --app-class}. */
    List<String> pluginArgs() {
        return args.positional();
    }
}
