package dev.jtwisted.samples.plugins;

import dev.jtwisted.samples.echo.EchoServer;

/** {@code twistd echo-netstring}: {@link EchoServer#netstrings()}. */
public final class EchoNetstringPlugin extends SamplePlugin {
    /** For {@link java.util.ServiceLoader}. */
    public EchoNetstringPlugin() {
        super(EchoServer.netstrings());
    }
}
