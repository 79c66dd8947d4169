package dev.jtwisted.samples.plugins;

import dev.jtwisted.application.service.IService;
import dev.jtwisted.application.service.IServiceMaker;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.python.usage.Positional;
import dev.jtwisted.samples.ServerSample;
import java.util.List;
import java.util.Objects;

/**
 * A server sample as a plugin: everything is the sample's. Twisted:
 * {@code twisted.application.service.ServiceMaker}, the plugin object that stands for a module.
 */
abstract class SamplePlugin implements IServiceMaker {
    private final ServerSample sample;

    SamplePlugin(ServerSample sample) {
        this.sample = Objects.requireNonNull(sample, "sample");
    }

    @Override
    public final String tapname() {
        return sample.tapname();
    }

    @Override
    public final String description() {
        return sample.description();
    }

    @Override
    public final List<Option> options() {
        return sample.options();
    }

    @Override
    public final List<Positional> positionals() {
        return sample.positionals();
    }

    @Override
    public final IService makeService(Args options, IReactor reactor) {
        return sample.makeService(options, reactor);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + sample.tapname() + ")";
    }
}
