package dev.jtwisted.scripts;

import dev.jtwisted.application.app.App;
import dev.jtwisted.application.service.IService;
import dev.jtwisted.internet.CannotListenError;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.usage.UsageError;
import java.io.FileOutputStream;
import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one application in the foreground, once the command line has been understood: checks
 * the pid file, starts the log, makes the reactor and the service, writes the pid file, starts
 * the service when the reactor runs, and, once the reactor has stopped (SIGTERM, SIGINT, or
 * the program itself), which stops the service first, removes the pid file.
 *
 * <p>Twisted: {@code twisted.application.app.ApplicationRunner} and
 * {@code twisted.scripts._twistd_unix.UnixApplicationRunner}, without daemonizing, shedding
 * privileges, {@code chroot} or {@code umask}.
 */
final class ApplicationRunner {
    /** Makes the service to run once the reactor exists. */
    @FunctionalInterface
    interface ServiceSource {
        /**
         * @throws UsageError for a mistake on the command line only the maker can see
         * @throws Exception for anything else
         */
        IService makeService(IReactor reactor) throws Exception;
    }

    private final String what;
    private final ServiceSource source;
    private final ServerOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private final Jvm jvm;
    private final Supplier<? extends IReactor> reactors;
    private final Duration stopTimeout;
    private Logger log;
    private boolean logToFile;

    /**
     * @param what what runs, for messages: the plugin's tapname or the application class
     * @param out where the log goes without {@code --logfile}
     * @param err where errors go before the log has started, and also after it has, when the
     *     log goes to a file
     * @param reactors makes the reactor, once
     * @param stopTimeout how long the shutdown waits for the service to stop
     */
    ApplicationRunner(String what, ServiceSource source, ServerOptions options, PrintStream out, PrintStream err,
            Jvm jvm, Supplier<? extends IReactor> reactors, Duration stopTimeout) {
        this.what = Objects.requireNonNull(what, "what");
        this.source = Objects.requireNonNull(source, "source");
        this.options = Objects.requireNonNull(options, "options");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.jvm = Objects.requireNonNull(jvm, "jvm");
        this.reactors = Objects.requireNonNull(reactors, "reactors");
        this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
    }

    /**
     * Runs until the reactor stops; returns the exit status: 0 after a clean stop, 1 when
     * something kept the application from starting or running.
     *
     * @throws UsageError from the service maker; nothing has been started then
     */
    int run() {
        long pid = jvm.pid();
        PidFile pidFile = options.pidfile() == null ? null : new PidFile(options.pidfile());
        List<String> notes = new ArrayList<>();
        try {
            if (pidFile != null) {
                pidFile.check(pid, notes::add);
            }
            startLogging(options.logfile());
        } catch (StartError e) {
            return failed(e.getMessage(), null);
        }
        log = LoggerFactory.getLogger(Twistd.class);
        log.info("twistd starting up: {} (pid {}, Java {})", what, pid, Runtime.version());
        notes.forEach(log::warn);

        IReactor reactor;
        try {
            reactor = Objects.requireNonNull(reactors.get(), "the reactor supplier gave null");
        } catch (RuntimeException e) {
            return failed("cannot make the reactor: " + e.getMessage(), e);
        }
        log.info("reactor: {}", reactor);

        IService service;
        try {
            service = Objects.requireNonNull(source.makeService(reactor), "the service maker gave null");
        } catch (UsageError e) {
            throw e;
        } catch (Exception e) {
            return failed("cannot make the service: " + e, e);
        }

        int[] status = {Twistd.OK};
        try {
            if (pidFile != null) {
                pidFile.write(pid);
            }
            Deferred<Void> started;
            try {
                started = App.startApplication(service, reactor, stopTimeout);
            } catch (CannotListenError e) {
                // The machine's state, not a bug: one line, as twistd says "Couldn't listen on ...".
                return failed(e.getMessage(), null);
            } catch (RuntimeException e) {
                return failed(service + " failed to start: " + e, e);
            }
            started.addCallbacks(ok -> {
                log.info("{} started", service);
                return null;
            }, failure -> {
                status[0] = Twistd.FAILED;
                log.error("{} failed to start; stopping", service, failure.value());
                if (logToFile) {
                    err.println(Twistd.PROGRAM + ": " + service + " failed to start: " + failure.value());
                }
                return null;
            });
            reactor.run();
        } catch (StartError e) {
            return failed(e.getMessage(), null);
        } finally {
            if (pidFile != null) {
                String left = pidFile.remove(pid);
                if (left != null) {
                    log.warn(left);
                }
            }
        }
        log.info("Server Shut Down.");
        return status[0];
    }

    /**
     * Points standard output and standard error, and so the log (slf4j-simple writes to the
     * current standard error), at {@code logfile}, or at {@link #out} when it is null.
     */
    private void startLogging(Path logfile) {
        if (logfile == null) {
            jvm.redirectOutput(out);
            return;
        }
        PrintStream stream;
        try {
            stream = new PrintStream(new FileOutputStream(logfile.toFile(), true), true, StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            Path dir = logfile.toAbsolutePath().getParent();
            String why = dir != null && !Files.isDirectory(dir) ? "its directory does not exist" : e.getMessage();
            throw new StartError("cannot open log file " + logfile + ": " + why);
        }
        jvm.redirectOutput(stream);
        logToFile = true;
    }

    /**
     * Reports why the run failed, in one line on {@link #err}, and in the log if it has started;
     * returns 1.
     *
     * @param cause logged with its trace when not null: a surprise rather than the machine's state
     */
    private int failed(String message, Throwable cause) {
        if (log != null) {
            log.error("{}: {}", what, message, cause);
        }
        if (log == null || logToFile) {
            err.println(Twistd.PROGRAM + " " + what + ": " + message);
            err.flush();
        }
        return Twistd.FAILED;
    }
}
