package dev.jtwisted.samples.plugins;

import dev.jtwisted.samples.notify.NotifyServer;

/** {@code twistd notify-server}: {@link NotifyServer}. */
public final class NotifyServerPlugin extends SamplePlugin {
    /** For {@link java.util.ServiceLoader}. */
    public NotifyServerPlugin() {
        super(new NotifyServer());
    }
}
