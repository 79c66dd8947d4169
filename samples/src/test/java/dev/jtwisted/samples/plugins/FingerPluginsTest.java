package dev.jtwisted.samples.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jtwisted.application.app.App;
import dev.jtwisted.application.service.IService;
import dev.jtwisted.application.service.IServiceMaker;
import dev.jtwisted.internet.testing.MemoryReactor;
import dev.jtwisted.python.usage.ArgParser;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.samples.ServerSample;
import dev.jtwisted.samples.finger.Finger;
import dev.jtwisted.samples.finger.FingerProxy;
import dev.jtwisted.samples.finger.steps.FingerSteps;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The finger samples as {@code twistd} plugins. */
class FingerPluginsTest {
    private static IServiceMaker plugin(String name) {
        for (IServiceMaker maker : ServiceLoader.load(IServiceMaker.class)) {
            if (maker.tapname().equals(name)) {
                return maker;
            }
        }
        throw new AssertionError("no plugin " + name);
    }

    @Test
    void eachFingerSampleIsAPluginWithItsDescriptionOptionsAndArguments() {
        for (ServerSample sample : List.of(new Finger(), new FingerSteps(), new FingerProxy())) {
            IServiceMaker plugin = plugin(sample.name());
            assertEquals(sample.description(), plugin.description());
            assertEquals(sample.options().stream().map(Option::toString).toList(),
                    plugin.options().stream().map(Option::toString).toList());
            assertEquals(sample.positionals().size(), plugin.positionals().size());
        }
    }

    @Test
    void fingerListsOnItsInterfaceAndItsSetterOnLoopbackOnly() throws Exception {
        IServiceMaker plugin = plugin("finger");
        MemoryReactor reactor = new MemoryReactor();
        ArgParser parser = new ArgParser(plugin.options(), plugin.positionals());
        IService service = plugin.makeService(parser.parse(List.of("--port", "8079", "--setter-port", "8080",
                "--interface", "::1")), reactor);

        App.startApplication(service, reactor);
        reactor.startRunning();
        assertEquals(2, reactor.tcpServers().size());
        assertEquals(8079, reactor.tcpServers().get(0).port());
        assertEquals("::1", reactor.tcpServers().get(0).interfaceAddress());
        assertEquals(8080, reactor.tcpServers().get(1).port());
        assertEquals("127.0.0.1", reactor.tcpServers().get(1).interfaceAddress());
        reactor.stop();
    }

    @Test
    void fingerStepsServesTheStepGivenAsItsArgument() throws Exception {
        IServiceMaker plugin = plugin("finger-steps");
        MemoryReactor reactor = new MemoryReactor();
        ArgParser parser = new ArgParser(plugin.options(), plugin.positionals());
        IService service = plugin.makeService(parser.parse(List.of("--port", "8079", "7")), reactor);

        App.startApplication(service, reactor);
        reactor.startRunning();
        assertEquals(1, reactor.tcpServers().size());
        assertEquals(8079, reactor.tcpServers().get(0).port());
        reactor.stop();
    }
}
