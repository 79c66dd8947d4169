package dev.jtwisted.samples.plugins;

import dev.jtwisted.samples.web.WebTree;

/** {@code twistd web-tree}: {@link WebTree}. */
public final class WebTreePlugin extends SamplePlugin {
    /** For {@link java.util.ServiceLoader}. */
    public WebTreePlugin() {
        super(new WebTree());
    }
}
