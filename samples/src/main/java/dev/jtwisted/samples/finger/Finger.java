package dev.jtwisted.samples.finger;

import dev.jtwisted.application.internet.TimerService;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.IReactorTime;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.python.usage.UsageError;
import dev.jtwisted.samples.Seconds;
import dev.jtwisted.samples.ServerSample;
import dev.jtwisted.samples.Serving;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The finger tutorial's final server: a {@link FingerService} owning the users, serving finger
 * queries on {@code --port} (1079) of {@code --interface} and a setter on {@code --setter-port}
 * (1080) of 127.0.0.1 only, whatever {@code --interface} says, as the tutorial's naive access
 * control. Without {@code --users} it knows one user, {@code moshez}, "Happy and well"; with
 * {@code --users FILE} it reads {@code user:status} lines from the file, and a
 * {@code TimerService} reads it again every {@code --reload} seconds (30).
 *
 * <pre>
 * $ java -jar jtwisted-samples.jar finger
 * finger listening on 127.0.0.1:1079
 * finger-setter listening on 127.0.0.1:1080
 * $ echo moshez | nc -C 127.0.0.1 1079
 * Happy and well
 * $ printf 'moshez\nHacking\n' | nc -C 127.0.0.1 1080
 * </pre>
 *
 * <p>Twisted: the tutorial's last {@code .tac} files, one service tree: {@code FingerService},
 * {@code internet.TCPServer(79, f.getFingerFactory())}, {@code internet.TCPServer(1079,
 * f.getFingerSetterFactory(), interface='127.0.0.1')} and {@code internet.TimerService(30,
 * f.update)}; here each port is an endpoint string and the tree is a {@link Serving}.
 */
public final class Finger extends ServerSample {
    /** Where the setter listens, whatever {@code --interface} says. */
    static final String SETTER_INTERFACE = "127.0.0.1";

    private final Consumer<FingerService> made;
    private final IReactorTime timerClock;

    /** The sample as the jar and {@code twistd} run it. */
    public Finger() {
        this(service -> { }, null);
    }

    /**
     * For tests: {@code made} gets each service made, and the reload timer runs on
     * {@code timerClock} (a {@link dev.jtwisted.internet.task.Clock}) if not null.
     */
    Finger(Consumer<FingerService> made, IReactorTime timerClock) {
        this.made = made;
        this.timerClock = timerClock;
    }

    @Override
    public String name() {
        return "finger";
    }

    @Override
    public String description() {
        return "Finger server with a loopback-only setter port and a reloaded users file (the finger tutorial)";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.port(1079),
                Option.integer("setter-port", "N", "TCP port of the setter, on 127.0.0.1 only; 0 picks any free port",
                        1080, 0, 65535),
                Option.interfaceAddress("127.0.0.1"),
                Option.value("users", "FILE", "read the users from FILE, one user:status per line;"
                        + " without it the only user is moshez", null),
                Option.value("reload", "SECONDS", "with --users, read FILE again every SECONDS", "30"));
    }

    @Override
    protected Serving serving(Args args, IReactor reactor) {
        double reload = Seconds.parse("--reload", args.value("reload"));
        String users = args.value("users");
        FingerService finger;
        if (users == null) {
            finger = new FingerService(FingerService.DEFAULT_USERS);
        } else {
            try {
                finger = new FingerService(Path.of(users));
            } catch (InvalidPathException e) {
                throw new UsageError("--users: not a file name: '" + users + "'");
            } catch (IOException e) {
                throw new UsageError("--users: " + e.getMessage());
            }
        }
        made.accept(finger);
        Serving serving = Serving.listen("finger", tcpEndpoint(reactor, args),
                        finger.getFingerFactory())
                .and("finger-setter", tcpEndpoint(reactor, args.intValue("setter-port"), SETTER_INTERFACE),
                        finger.getFingerSetterFactory())
                .with(finger);
        if (finger.filename() != null) {
            TimerService periodic = new TimerService(reload, finger::reload);
            periodic.setClock(timerClock != null ? timerClock : reactor);
            serving.with(periodic);
        }
        return serving;
    }

    @Override
    public String toString() {
        return "Finger";
    }
}
