package dev.jtwisted.samples.plugins;

import dev.jtwisted.samples.web.WebSlow;

/** {@code twistd web-slow}: {@link WebSlow}. */
public final class WebSlowPlugin extends SamplePlugin {
    /** For {@link java.util.ServiceLoader}. */
    public WebSlowPlugin() {
        super(new WebSlow());
    }
}
