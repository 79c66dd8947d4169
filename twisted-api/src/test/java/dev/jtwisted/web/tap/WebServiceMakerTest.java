package dev.jtwisted.web.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.application.service.IService;
import dev.jtwisted.application.service.IServiceMaker;
import dev.jtwisted.internet.testing.MemoryReactor;
import dev.jtwisted.python.usage.ArgParser;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.UsageError;
import dev.jtwisted.web.resource.Resource;
import dev.jtwisted.web.server.Site;
import dev.jtwisted.web.static_.File;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebServiceMakerTest {
    private final WebServiceMaker maker = new WebServiceMaker();
    private final MemoryReactor reactor = new MemoryReactor();

    /** A resource class for --class. */
    public static final class Root extends Resource {}

    private Args parse(String... argv) {
        return new ArgParser(maker.options(), maker.positionals()).parse(List.of(argv));
    }

    /** The Site the started service listens with. */
    private Site started(IService service) {
        service.startService();
        assertEquals(1, reactor.tcpServers().size());
        return assertInstanceOf(Site.class, reactor.tcpServers().get(0).factory());
    }

    @Test
    void isRegisteredAsThePluginNamedWeb() {
        assertTrue(ServiceLoader.load(IServiceMaker.class).stream()
                .anyMatch(p -> p.type() == WebServiceMaker.class));
        assertEquals("web", maker.tapname());
    }

    @Nested
    class Serving {
        @Test // Twisted: twisted.web.test.test_tap.ServiceTests.test_path
        void aDirectoryAsStaticFilesOnTcp8080ByDefault(@TempDir Path dir) throws Exception {
            Site site = started(maker.makeService(parse("--path", dir.toString()), reactor));
            assertEquals(8080, reactor.tcpServers().get(0).port());
            assertInstanceOf(File.class, site.resource());
        }

        @Test
        void aResourceClassOnTheGivenEndpoint() throws Exception {
            Site site = started(maker.makeService(
                    parse("--listen", "tcp:8123:interface=127.0.0.1", "--class", Root.class.getName()), reactor));
            assertEquals(8123, reactor.tcpServers().get(0).port());
            assertEquals("127.0.0.1", reactor.tcpServers().get(0).interfaceAddress());
            assertInstanceOf(Root.class, site.resource());
        }
    }

    @Nested
    class BadOptions {
        @Test
        void neitherPathNorClassIsAUsageError() {
            UsageError e = assertThrows(UsageError.class, () -> maker.makeService(parse(), reactor));
            assertTrue(e.getMessage().contains("exactly one of --path and --class"), e.getMessage());
        }

        @Test
        void bothPathAndClassIsAUsageError(@TempDir Path dir) {
            assertThrows(UsageError.class, () -> maker.makeService(
                    parse("--path", dir.toString(), "--class", Root.class.getName()), reactor));
        }

        @Test
        void aMissingPathIsNamed(@TempDir Path dir) {
            String missing = dir.resolve("nope").toString();
            UsageError e = assertThrows(UsageError.class,
                    () -> maker.makeService(parse("--path", missing), reactor));
            assertTrue(e.getMessage().contains(missing), e.getMessage());
        }

        @Test
        void aClassThatIsNotAResourceIsNamed() {
            UsageError e = assertThrows(UsageError.class,
                    () -> maker.makeService(parse("--class", "java.lang.String"), reactor));
            assertTrue(e.getMessage().contains("java.lang.String is not an IResource"), e.getMessage());
        }

        @Test
        void anUnknownClassIsNamed() {
            UsageError e = assertThrows(UsageError.class,
                    () -> maker.makeService(parse("--class", "com.example.Nope"), reactor));
            assertTrue(e.getMessage().contains("com.example.Nope"), e.getMessage());
        }
    }
}
