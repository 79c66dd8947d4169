package dev.jtwisted.scripts;

import dev.jtwisted.application.service.Application;
import dev.jtwisted.application.service.IService;
import dev.jtwisted.internet.IReactor;

/** An application class for {@code --app-class}: the Java form of a {@code .tac} file. */
public final class RecordingApp {
    private RecordingApp() {}

    public static IService application(IReactor reactor) {
        Application application = new Application("recording-app");
        new RecordingPlugin.Recorder(reactor, null, false).setServiceParent(application);
        return application;
    }

    /** A class that does not follow the convention: its method is not static. */
    public static final class NotStatic {
        public IService application(IReactor reactor) {
            return new Application("never");
        }
    }
}
