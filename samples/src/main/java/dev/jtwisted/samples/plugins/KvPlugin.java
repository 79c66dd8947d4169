package dev.jtwisted.samples.plugins;

import dev.jtwisted.samples.kv.KeyValueServer;

/** {@code twistd kv}: {@link KeyValueServer}. */
public final class KvPlugin extends SamplePlugin {
    /** For {@link java.util.ServiceLoader}. */
    public KvPlugin() {
        super(new KeyValueServer());
    }
}
