package dev.jtwisted.scripts;

import dev.jtwisted.application.service.IService;
import dev.jtwisted.application.service.IServiceMaker;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.Reactor;
import dev.jtwisted.python.usage.ArgParser;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.UsageError;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The {@code twistd}-style runner: runs an application's services in the foreground until
 * SIGTERM or SIGINT, which stop them (waiting up to {@value #STOP_TIMEOUT_SECONDS} s for them)
 * and end the process with status 0.
 *
 * <pre>
 * java -cp APP.jar dev.jtwisted.scripts.Twistd [options] PLUGIN [plugin options]
 * java -cp APP.jar dev.jtwisted.scripts.Twistd [options] --app-class com.example.MyApp
 * java -cp APP.jar dev.jtwisted.scripts.Twistd --help            (the options and the plugins)
 * java -cp APP.jar dev.jtwisted.scripts.Twistd PLUGIN --help     (a plugin's options)
 * </pre>
 *
 * <p>What runs is either a plugin, an {@link IServiceMaker} registered with
 * {@link java.util.ServiceLoader} and chosen by its tapname, or a class named by
 * {@code --app-class} with a {@code public static IService application(IReactor reactor)}
 * method: the Java form of a {@code .tac} file, which defines {@code application}.
 *
 * <p>The runner's options: {@code --logfile FILE} (else the log goes to standard output),
 * {@code --pidfile FILE} (refuses to start while a live process owns it),
 * {@code --reactor epoll|io_uring|nio}, {@code --loglevel trace|debug|info|warn|error}. The log
 * is what the program's SLF4J binding writes to standard error, which the runner points at the
 * log file together with standard output; {@code --loglevel} and timestamps are set through
 * slf4j-simple's system properties, so with another binding configure that binding instead.
 *
 * <p>There is no daemon mode: a JVM cannot fork itself into the background, and a service
 * manager does the job better (see the README for a systemd unit).
 *
 * <p>Exit status: 0 after a clean stop, 1 when the machine's state kept it from running (a live
 * pid file, a log file that cannot be opened, a port in use), 2 for a wrong command line.
 *
 * <p>Twisted: {@code twisted.scripts.twistd} ({@code run}, {@code runApp}) and
 * {@code twisted.application.app.run}.
 */
public final class Twistd {
    static final String PROGRAM = "twistd";
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    static final long STOP_TIMEOUT_SECONDS = 10;
    /** How long the shutdown waits for the services to stop. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(STOP_TIMEOUT_SECONDS);
    /**
     * How long a signal waits for the whole shutdown: the services' stop, then the reactor's
     * grace period for connections, then the pid file.
     */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    /** The method {@code --app-class} calls. */
    static final String APPLICATION_METHOD = "application";

    /** slf4j-simple's configuration, read once, when the first logger is made. */
    static final String SIMPLE_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    static final String SIMPLE_SHOW_DATE_TIME = "org.slf4j.simpleLogger.showDateTime";
    static final String SIMPLE_DATE_TIME_FORMAT = "org.slf4j.simpleLogger.dateTimeFormat";
    /** The reactor's backend, read by netty-bridge when the global reactor is made. */
    static final String REACTOR_PROPERTY = "jtwisted.reactor";

    private final PrintStream out;
    private final PrintStream err;
    private final Jvm jvm;
    private final Supplier<? extends IReactor> reactors;
    private final ClassLoader loader;
    private final Duration stopTimeout;

    /**
     * @param out help, and the log without {@code --logfile}
     * @param err one-line errors
     * @param reactors makes the reactor once the options are in effect
     * @param loader finds the plugins and the {@code --app-class}
     */
    Twistd(PrintStream out, PrintStream err, Jvm jvm, Supplier<? extends IReactor> reactors, ClassLoader loader,
            Duration stopTimeout) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.jvm = Objects.requireNonNull(jvm, "jvm");
        this.reactors = Objects.requireNonNull(reactors, "reactors");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
    }

    /** Runs the command line {@code args} and exits with its status; see the class comment. */
    public static void main(String[] args) {
        // Nothing may log before run() has applied --loglevel: the hook makes its logger late.
        StopOnSignal signals = StopOnSignal.install(PROGRAM, Reactor::reactor,
                line -> LoggerFactory.getLogger(Twistd.class).info(line), PATIENCE);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        int status = new Twistd(System.out, System.err, Jvm.REAL, signals::reactor,
                loader != null ? loader : Twistd.class.getClassLoader(), STOP_TIMEOUT).run(Arrays.asList(args));
        signals.finished(status);
        System.exit(status);
    }

    /** Runs the command line {@code argv}; returns the exit status. */
    int run(List<String> argv) {
        try {
            return dispatch(argv);
        } catch (RuntimeException e) {
            // The top of the program: report the surprise with its trace and exit non-zero,
            // rather than leave the reactor's threads holding the JVM open.
            out.flush();
            err.println(PROGRAM + ": failed: " + e);
            e.printStackTrace(err);
            return FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int dispatch(List<String> argv) {
        ServerOptions options;
        try {
            options = ServerOptions.parse(argv);
        } catch (UsageError e) {
            return usageError(PROGRAM, e.getMessage(), PROGRAM + " [options] PLUGIN [plugin options]; "
                    + PROGRAM + " --help lists the options and the plugins");
        }
        configure(options);
        // Loaded only now: a plugin class that makes a logger when loaded fixes the configuration.
        Plugins plugins = Plugins.load(loader);
        if (options.helpRequested()) {
            printHelp(plugins);
            return OK;
        }
        if (options.appClass() != null) {
            return runAppClass(options);
        }
        return runPlugin(options, plugins);
    }

    /** Puts the options that must be in place before the first logger and the reactor. */
    private void configure(ServerOptions options) {
        if (options.loglevel() != null) {
            jvm.setProperty(SIMPLE_LEVEL, options.loglevel());
        }
        if (jvm.getProperty(SIMPLE_SHOW_DATE_TIME) == null) {
            jvm.setProperty(SIMPLE_SHOW_DATE_TIME, "true");
            if (jvm.getProperty(SIMPLE_DATE_TIME_FORMAT) == null) {
                jvm.setProperty(SIMPLE_DATE_TIME_FORMAT, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
            }
        }
        if (options.reactor() != null) {
            jvm.setProperty(REACTOR_PROPERTY, options.reactor());
        }
    }

    private int runPlugin(ServerOptions options, Plugins plugins) {
        List<String> pluginArgs = options.pluginArgs();
        String name = pluginArgs.get(0);
        IServiceMaker maker = plugins.find(name);
        if (maker == null) {
            String why = plugins.isAmbiguous(name) ? "plugin '" + name + "' is ambiguous" : "unknown plugin '" + name + "'";
            for (String problem : plugins.problems()) {
                err.println(PROGRAM + ": note: " + problem);
            }
            return usageError(PROGRAM, why, PROGRAM + " [options] PLUGIN [plugin options]; "
                    + PROGRAM + " --help lists the plugins");
        }
        String who = PROGRAM + " " + name;
        ArgParser parser = new ArgParser(maker.options(), maker.positionals());
        String hint = PROGRAM + " [options] " + name + " " + parser.synopsis() + "; "
                + PROGRAM + " " + name + " --help shows its options";
        Args args;
        try {
            args = parser.parse(pluginArgs.subList(1, pluginArgs.size()));
        } catch (UsageError e) {
            return usageError(who, e.getMessage(), hint);
        }
        if (args.helpRequested()) {
            out.println("usage: " + PROGRAM + " [options] " + name + " " + parser.synopsis());
            out.println();
            out.println(maker.description());
            out.println();
            parser.printHelp(out);
            out.println();
            out.println(PROGRAM + " --help shows the runner's options, which go before " + name + ".");
            return OK;
        }
        try {
            return new ApplicationRunner(name, reactor -> maker.makeService(args, reactor), options, out, err, jvm,
                    reactors, stopTimeout).run();
        } catch (UsageError e) {
            return usageError(who, e.getMessage(), hint);
        }
    }

    private int runAppClass(ServerOptions options) {
        String className = options.appClass();
        Method method;
        try {
            method = applicationMethod(className);
        } catch (UsageError e) {
            return usageError(PROGRAM, e.getMessage(), PROGRAM + " [options] --app-class CLASS, where CLASS has a "
                    + "public static IService " + APPLICATION_METHOD + "(IReactor reactor) method");
        }
        ApplicationRunner.ServiceSource source = reactor -> {
            try {
                return (IService) method.invoke(null, reactor);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                throw cause instanceof Exception ? (Exception) cause : e;
            }
        };
        try {
            return new ApplicationRunner(className, source, options, out, err, jvm, reactors, stopTimeout).run();
        } catch (UsageError e) {
            return usageError(PROGRAM + " " + className, e.getMessage(), PROGRAM + " --help");
        }
    }

    /**
     * The {@code public static IService application(IReactor)} method of {@code className},
     * found without initialising the class (that happens when the runner calls it, after the
     * log has started).
     *
     * @throws UsageError if there is no such class or method
     */
    private Method applicationMethod(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new UsageError("no class " + className + " on the class path"
                    + (e instanceof LinkageError ? " that can be loaded: " + e : ""));
        }
        String wanted = "public static IService " + APPLICATION_METHOD + "(IReactor reactor)";
        Method method;
        try {
            method = type.getMethod(APPLICATION_METHOD, IReactor.class);
        } catch (NoSuchMethodException e) {
            throw new UsageError(className + " has no method " + wanted);
        }
        if (!Modifier.isStatic(method.getModifiers()) || !IService.class.isAssignableFrom(method.getReturnType())
                || !Modifier.isPublic(type.getModifiers())) {
            throw new UsageError(className + "." + APPLICATION_METHOD + " must be " + wanted
                    + ", in a public class");
        }
        return method;
    }

    private int usageError(String who, String message, String usage) {
        out.flush();
        err.println(who + ": " + message);
        err.println("usage: " + usage);
        return USAGE;
    }

    private void printHelp(Plugins plugins) {
        out.println("usage: " + PROGRAM + " [options] PLUGIN [plugin options]");
        out.println("       " + PROGRAM + " [options] --app-class CLASS");
        out.println("       " + PROGRAM + " PLUGIN --help");
        out.println();
        out.println("Runs an application's services in the foreground. SIGTERM or SIGINT (Ctrl-C) stops them,");
        out.println("waits up to " + STOP_TIMEOUT_SECONDS + " s for them to finish, removes the pid file and exits"
                + " with status 0.");
        out.println();
        out.println("There is no daemon mode, and no --nodaemon: a JVM cannot fork itself into the background,");
        out.println("and a service manager (systemd, a container runtime, supervisord) does that job better: it");
        out.println("starts the process, keeps its output, restarts it and stops it with SIGTERM. The README");
        out.println("shows a systemd unit.");
        out.println();
        ServerOptions.PARSER.printHelp(out);
        out.println();
        List<IServiceMaker> all = plugins.all();
        if (all.isEmpty()) {
            out.println("plugins: none on the class path (they are IServiceMaker classes listed in "
                    + "META-INF/services/" + IServiceMaker.class.getName() + ")");
        } else {
            out.println("plugins:");
            int width = 0;
            for (IServiceMaker maker : all) {
                width = Math.max(width, maker.tapname().length());
            }
            for (IServiceMaker maker : all) {
                out.println("  " + ArgParser.pad(maker.tapname(), width) + "  " + maker.description());
            }
        }
        for (String problem : plugins.problems()) {
            out.println("note: " + problem);
        }
    }
}
