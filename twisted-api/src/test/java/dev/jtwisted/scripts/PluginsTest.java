package dev.jtwisted.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.application.service.IService;
import dev.jtwisted.application.service.IServiceMaker;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.python.usage.Args;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding plugins with ServiceLoader, and what happens to the ones that are broken. */
class PluginsTest {
    @TempDir
    Path tmp;

    /** A maker with a given tapname, registered nowhere. */
    private static IServiceMaker named(String tapname) {
        return new IServiceMaker() {
            @Override
            public String tapname() {
                return tapname;
            }

            @Override
            public String description() {
                return "test";
            }

            @Override
            public IService makeService(Args options, IReactor reactor) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void findsThePluginsRegisteredInMetaInfServices() {
        Plugins plugins = Plugins.load(getClass().getClassLoader());
        assertTrue(plugins.find("recording") instanceof RecordingPlugin);
        assertEquals(List.of(), plugins.problems());
    }

    @Test
    void skipsARegistrationThatCannotBeLoadedAndKeepsTheOthers() throws Exception {
        Path services = tmp.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(IServiceMaker.class.getName()), "com.example.MissingPlugin\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, getClass().getClassLoader())) {
            Plugins plugins = Plugins.load(loader);

            assertTrue(plugins.find("recording") instanceof RecordingPlugin);
            assertEquals(1, plugins.problems().size());
            String problem = plugins.problems().get(0);
            assertTrue(problem.startsWith("cannot load a plugin: ") && problem.contains("com.example.MissingPlugin"),
                    problem);
        }
    }

    @Test
    void refusesATapnameRegisteredTwiceButKeepsTheOthers() {
        IServiceMaker one = named("web");
        Plugins plugins = new Plugins(List.of(one, named("web"), named("echo")), List.of());

        assertNull(plugins.find("web"));
        assertTrue(plugins.isAmbiguous("web"));
        assertEquals(List.of("echo"), plugins.all().stream().map(IServiceMaker::tapname).toList());
        assertEquals(1, plugins.problems().size());
        assertTrue(plugins.problems().get(0).startsWith("plugin web is registered 2 times: "),
                plugins.problems().get(0));
    }

    @Test
    void refusesABadTapname() {
        Plugins plugins = new Plugins(List.of(named("Web Server"), named(null)), List.of());
        assertEquals(List.of(), plugins.all());
        assertEquals(2, plugins.problems().size());
        assertFalse(plugins.isAmbiguous("Web Server"));
    }

    @Test
    void listsThePluginsSortedByTapname() {
        Plugins plugins = new Plugins(List.of(named("web"), named("echo-line"), named("echo")), List.of());
        assertEquals(List.of("echo", "echo-line", "web"), plugins.all().stream().map(IServiceMaker::tapname).toList());
    }
}
