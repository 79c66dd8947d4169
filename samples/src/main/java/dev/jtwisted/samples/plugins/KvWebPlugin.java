package dev.jtwisted.samples.plugins;

import dev.jtwisted.samples.kv.KeyValueWeb;

/** {@code twistd kv-web}: {@link KeyValueWeb}. */
public final class KvWebPlugin extends SamplePlugin {
    /** For {@link java.util.ServiceLoader}. */
    public KvWebPlugin() {
        super(new KeyValueWeb());
    }
}
