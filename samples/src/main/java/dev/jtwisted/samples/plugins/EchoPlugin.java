package dev.jtwisted.samples.plugins;

import dev.jtwisted.samples.echo.EchoServer;

/** {@code twistd echo}: {@link EchoServer#raw()}. */
public final class EchoPlugin extends SamplePlugin {
    /** For {@link java.util.ServiceLoader}. */
    public EchoPlugin() {
        super(EchoServer.raw());
    }
}
