package dev.jtwisted.samples.plugins;

import dev.jtwisted.samples.echo.EchoServer;

/** {@code twistd echo-line}: {@link EchoServer#lines()}. */
public final class EchoLinePlugin extends SamplePlugin {
    /** For {@link java.util.ServiceLoader}. */
    public EchoLinePlugin() {
        super(EchoServer.lines());
    }
}
