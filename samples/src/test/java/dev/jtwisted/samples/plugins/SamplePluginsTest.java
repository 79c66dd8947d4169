package dev.jtwisted.samples.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.application.app.App;
import dev.jtwisted.application.service.IService;
import dev.jtwisted.application.service.IServiceMaker;
import dev.jtwisted.internet.testing.MemoryReactor;
import dev.jtwisted.python.usage.ArgParser;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.samples.ServerSample;
import dev.jtwisted.samples.echo.EchoServer;
import dev.jtwisted.samples.upper.UpperServer;
import dev.jtwisted.samples.web.FibServer;
import dev.jtwisted.samples.web.WebSlow;
import dev.jtwisted.samples.web.WebTree;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The server samples as {@code twistd} plugins, found as the runner finds them. SamplesJarIT runs
 * one under the real runner in a child JVM.
 */
class SamplePluginsTest {
    private static Map<String, IServiceMaker> plugins() {
        Map<String, IServiceMaker> byName = new TreeMap<>();
        for (IServiceMaker maker : ServiceLoader.load(IServiceMaker.class)) {
            byName.put(maker.tapname(), maker);
        }
        return byName;
    }

    @Test
    void everyServerSampleIsRegisteredUnderItsOwnNameWithItsOwnOptions() {
        Map<String, IServiceMaker> plugins = plugins();
        List<ServerSample> samples = List.of(EchoServer.raw(), EchoServer.lines(), EchoServer.netstrings(),
                EchoServer.int32Strings(),
                UpperServer.nothing(), UpperServer.upper(), UpperServer.counting(), new WebTree(), new WebSlow(),
                new FibServer());

        // Beside the samples, the runner's built-in plugin from twisted-api.
        assertEquals(List.of("counting", "echo", "echo-int32", "echo-line", "echo-netstring", "fib", "null", "upper",
                "web", "web-slow", "web-tree"),
                List.copyOf(plugins.keySet()));
        for (ServerSample sample : samples) {
            IServiceMaker plugin = plugins.get(sample.name());
            assertEquals(sample.description(), plugin.description());
            assertEquals(sample.options().stream().map(Option::toString).toList(),
                    plugin.options().stream().map(Option::toString).toList());
        }
    }

    @Test
    void makesAServiceThatListensOnTheGivenInterfaceAndPortOnlyWhileItRuns() throws Exception {
        IServiceMaker plugin = plugins().get("echo-line");
        MemoryReactor reactor = new MemoryReactor();
        ArgParser parser = new ArgParser(plugin.options(), plugin.positionals());

        IService service = plugin.makeService(parser.parse(List.of("--port", "8123", "--interface", "::1")), reactor);
        assertEquals(List.of(), reactor.tcpServers(), "nothing listens before the service starts");

        App.startApplication(service, reactor);
        reactor.startRunning();
        assertEquals(8123, reactor.tcpServers().get(0).port());
        assertEquals("::1", reactor.tcpServers().get(0).interfaceAddress());
        assertFalse(reactor.ports().get(0).stopped());

        reactor.stop();
        assertTrue(reactor.ports().get(0).stopped());
    }
}
