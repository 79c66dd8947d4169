package dev.jtwisted.scripts;

import dev.jtwisted.application.service.IService;
import dev.jtwisted.application.service.IServiceMaker;
import dev.jtwisted.application.service.MultiService;
import dev.jtwisted.application.service.Service;
import dev.jtwisted.application.strports.Strports;
import dev.jtwisted.internet.Factory;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.python.usage.Positional;
import dev.jtwisted.python.usage.UsageError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plugin for the runner's tests, registered in the test resources' {@code META-INF/services}:
 * a service listening on {@code --port} and a service recording its calls in {@link #EVENTS}.
 */
public final class RecordingPlugin implements IServiceMaker {
    /** What the plugin and its services did, in order; tests clear it first. */
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    @Override
    public String tapname() {
        return "recording";
    }

    @Override
    public String description() {
        return "Records its start and stop, for the runner's tests";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.port(0),
                Option.value("watch", "FILE", "a file whose content to record when the service starts", null),
                Option.flag("fail-make", "throw from makeService"),
                Option.flag("fail-start", "throw from startService"),
                Option.flag("refuse", "throw a UsageError from makeService"));
    }

    @Override
    public List<Positional> positionals() {
        return List.of(Positional.optional("LABEL", "a word to record"));
    }

    @Override
    public IService makeService(Args options, IReactor reactor) {
        EVENTS.add("make " + options.positional());
        if (options.flag("fail-make")) {
            throw new IllegalStateException("no configuration");
        }
        if (options.flag("refuse")) {
            throw new UsageError("--refuse refuses");
        }
        MultiService root = new MultiService();
        Strports.service("tcp:" + options.port() + ":interface=127.0.0.1", Factory.forProtocol(Protocol::new), reactor)
                .setServiceParent(root);
        new Recorder(reactor, options.value("watch"), options.flag("fail-start")).setServiceParent(root);
        return root;
    }

    /** Records its start and stop, the reactor's state then, and the watched file's content. */
    static final class Recorder extends Service {
        private final IReactor reactor;
        private final String watch;
        private final boolean failStart;

        Recorder(IReactor reactor, String watch, boolean failStart) {
            this.reactor = reactor;
            this.watch = watch;
            this.failStart = failStart;
        }

        @Override
        public void startService() {
            super.startService();
            EVENTS.add("start, reactor running: " + reactor.running());
            if (watch != null) {
                try {
                    EVENTS.add("watched: " + Files.readString(Path.of(watch)).strip());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (failStart) {
                throw new IllegalStateException("cannot start");
            }
        }

        @Override
        public Deferred<Void> stopService() {
            EVENTS.add("stop, reactor running: " + reactor.running());
            return super.stopService();
        }
    }
}
