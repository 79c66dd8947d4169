package dev.jtwisted.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.jtwisted.application.service.IServiceMaker;
import dev.jtwisted.python.usage.Option;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The registry of the jar's samples, and the {@code twistd} plugins it must match. */
class SamplesTest {
    /** Plugins that are not samples: the runner's built-in ones from twisted-api. */
    private static final Set<String> BUILT_IN_PLUGINS = Set.of("web");

    private static Map<String, IServiceMaker> plugins() {
        Map<String, IServiceMaker> byName = new TreeMap<>();
        for (IServiceMaker maker : ServiceLoader.load(IServiceMaker.class)) {
            byName.put(maker.tapname(), maker);
        }
        return byName;
    }

    @Test
    void everyServerSampleIsAPluginUnderItsOwnNameWithItsOwnOptionsAndNothingElseIs() {
        Map<String, IServiceMaker> plugins = plugins();
        Set<String> servers = new TreeSet<>();
        for (Sample sample : Samples.builtIn().all()) {
            if (!(sample instanceof ServerSample)) {
                continue;
            }
            servers.add(sample.name());
            IServiceMaker plugin = plugins.get(sample.name());
            assertNotNull(plugin, "no twistd plugin for the server sample " + sample.name()
                    + " (a class in dev.jtwisted.samples.plugins and its line in META-INF/services)");
            assertEquals(sample.description(), plugin.description());
            assertEquals(sample.options().stream().map(Option::toString).toList(),
                    plugin.options().stream().map(Option::toString).toList());
        }
        Set<String> expected = new TreeSet<>(servers);
        expected.addAll(BUILT_IN_PLUGINS);
        assertEquals(expected, plugins.keySet());
    }
}
