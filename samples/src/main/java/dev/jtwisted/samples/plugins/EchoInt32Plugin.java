package dev.jtwisted.samples.plugins;

import dev.jtwisted.samples.echo.EchoServer;

/** {@code twistd echo-int32}: {@link EchoServer#int32Strings()}. */
public final class EchoInt32Plugin extends SamplePlugin {
    /** For {@link java.util.ServiceLoader}. */
    public EchoInt32Plugin() {
        super(EchoServer.int32Strings());
    }
}
