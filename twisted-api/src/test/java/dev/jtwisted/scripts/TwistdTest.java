package dev.jtwisted.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.CannotListenError;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.testing.MemoryReactor;
import dev.jtwisted.testing.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner in-process: its command line, help and exit statuses, and a whole run of the test
 * plugin ({@link RecordingPlugin}) on a {@link MemoryReactor}, whose {@code run()} starts and at
 * once stops, as if SIGTERM came as soon as it ran. The JVM around it is a recording fake, so
 * nothing here touches system properties or {@code System.out}; the samples' jar test runs the
 * real thing in a child JVM and sends it SIGTERM.
 */
@Timeout(60)
class TwistdTest {
    /** The JVM as the runner sees it, recording what it changes. */
    static final class RecordingJvm implements Jvm {
        final Map<String, String> properties = new HashMap<>();
        final List<PrintStream> redirects = new ArrayList<>();

        @Override
        public String getProperty(String key) {
            return properties.get(key);
        }

        @Override
        public void setProperty(String key, String value) {
            properties.put(key, value);
        }

        @Override
        public void redirectOutput(PrintStream log) {
            redirects.add(log);
        }

        @Override
        public long pid() {
            return ProcessHandle.current().pid();
        }
    }

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private final RecordingJvm jvm = new RecordingJvm();
    private final MemoryReactor reactor = new MemoryReactor();
    private final List<String> reactorsMade = new ArrayList<>();
    private Supplier<IReactor> reactors = () -> {
        reactorsMade.add("made");
        return reactor;
    };

    @BeforeEach
    void clear() {
        RecordingPlugin.EVENTS.clear();
        LogCapture.clear();
    }

    private int twistd(String... argv) {
        return new Twistd(out, err, jvm, reactors, getClass().getClassLoader(), Duration.ofSeconds(10))
                .run(List.of(argv));
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    private static boolean logged(String text) {
        return !LogCapture.containing(text).isEmpty();
    }

    @Nested
    class RunningAPlugin {
        @Test
        void startsItsServicesWhenTheReactorRunsStopsThemBeforeItStopsAndExitsWithZero() {
            assertEquals(0, twistd("recording", "--port", "8080", "first"));

            assertEquals(List.of("make [first]", "start, reactor running: true", "stop, reactor running: true"),
                    RecordingPlugin.EVENTS);
            assertEquals(8080, reactor.tcpServers().get(0).port());
            assertEquals("127.0.0.1", reactor.tcpServers().get(0).interfaceAddress());
            assertTrue(reactor.ports().get(0).stopped(), "the port was closed");
            assertEquals("", err());
        }

        @Test
        void logsItsStartAndItsEnd() {
            twistd("recording");

            assertTrue(logged("twistd starting up: recording (pid " + ProcessHandle.current().pid()), LogCapture.events()
                    .toString());
            assertTrue(logged("reactor: MemoryReactor("), LogCapture.events().toString());
            assertTrue(logged("Server Shut Down."), LogCapture.events().toString());
        }

        @Test
        void sendsTheLogAndStandardErrorToStandardOutputWithoutALogFile() {
            twistd("recording");
            assertEquals(List.of(out), jvm.redirects);
        }

        @Test
        void appendsTheLogAndTheProgramsOutputToTheLogFile() throws Exception {
            Path logfile = tmp.resolve("twistd.log");
            Files.writeString(logfile, "earlier run\n");

            assertEquals(0, twistd("--logfile", logfile.toString(), "recording"));

            assertEquals(1, jvm.redirects.size());
            jvm.redirects.get(0).println("printed by the program");
            assertEquals("earlier run\nprinted by the program\n", Files.readString(logfile));
        }

        @Test
        void takesADashAsTheLogFileToMeanStandardOutput() {
            assertEquals(0, twistd("--logfile", "-", "recording"));
            assertEquals(List.of(out), jvm.redirects);
        }
    }

    @Nested
    class RunningAnApplicationClass {
        @Test
        void callsItsStaticApplicationMethodWithTheReactorAndRunsWhatItReturns() {
            assertEquals(0, twistd("--app-class", RecordingApp.class.getName()));

            assertEquals(List.of("start, reactor running: true", "stop, reactor running: true"),
                    RecordingPlugin.EVENTS);
            assertTrue(logged("twistd starting up: " + RecordingApp.class.getName()), LogCapture.events().toString());
        }

        @Test
        void refusesAClassThatIsNotThereWithTwo() {
            assertEquals(2, twistd("--app-class", "com.example.Missing"));
            assertTrue(err().startsWith("twistd: no class com.example.Missing on the class path\nusage: "), err());
            assertEquals(List.of(), reactorsMade);
        }

        @Test
        void refusesAClassWithoutAStaticApplicationMethodWithTwo() {
            assertEquals(2, twistd("--app-class", RecordingApp.NotStatic.class.getName()));
            assertTrue(err().startsWith("twistd: " + RecordingApp.NotStatic.class.getName()
                    + ".application must be public static IService application(IReactor reactor), in a public class\n"),
                    err());

            assertEquals(2, twistd("--app-class", String.class.getName()));
            assertTrue(err().contains("twistd: java.lang.String has no method public static IService "
                    + "application(IReactor reactor)\n"), err());
        }

        @Test
        void refusesAPluginAfterIt() {
            assertEquals(2, twistd("--app-class", RecordingApp.class.getName(), "recording"));
            assertTrue(err().startsWith(
                    "twistd: --app-class names what to run, so no plugin may follow it, not 'recording'\n"), err());
        }
    }

    @Nested
    class PidFiles {
        @Test
        void holdsThePidWhileRunningAndIsRemovedAfterwards() {
            Path pidfile = tmp.resolve("twistd.pid");

            assertEquals(0, twistd("--pidfile", pidfile.toString(), "recording", "--watch", pidfile.toString()));

            assertTrue(RecordingPlugin.EVENTS.contains("watched: " + ProcessHandle.current().pid()),
                    RecordingPlugin.EVENTS.toString());
            assertFalse(Files.exists(pidfile));
        }

        @Test
        void refusesToStartWhileALiveProcessOwnsItWithOne() throws Exception {
            Path pidfile = tmp.resolve("twistd.pid");
            Process live = new ProcessBuilder("cat").start();
            try {
                Files.writeString(pidfile, live.pid() + "\n");

                assertEquals(1, twistd("--pidfile", pidfile.toString(), "recording"));

                assertEquals("twistd recording: pid file " + pidfile + " names process " + live.pid()
                        + ", which is running; stop it first, or use another --pidfile\n", err());
                assertEquals(List.of(), RecordingPlugin.EVENTS);
                assertEquals(List.of(), reactorsMade);
                assertEquals(live.pid() + "\n", Files.readString(pidfile));
            } finally {
                live.destroyForcibly().waitFor();
            }
        }

        @Test
        void replacesAStaleOneAndSaysSo() throws Exception {
            Path pidfile = tmp.resolve("twistd.pid");
            Process exited = new ProcessBuilder("true").start();
            exited.waitFor();
            Files.writeString(pidfile, Long.toString(exited.pid()));

            assertEquals(0, twistd("--pidfile", pidfile.toString(), "recording"));

            assertTrue(logged("Removed stale pid file " + pidfile + " (process " + exited.pid() + " has exited)"),
                    LogCapture.events().toString());
            assertFalse(Files.exists(pidfile));
        }

        @Test
        void isRemovedWhenTheServiceCannotListen() {
            Path pidfile = tmp.resolve("twistd.pid");
            reactor.setListenException(new CannotListenError("Couldn't listen on 127.0.0.1:8080: Address in use"));

            assertEquals(1, twistd("--pidfile", pidfile.toString(), "recording", "--port", "8080"));

            assertFalse(Files.exists(pidfile));
        }
    }

    @Nested
    class Failing {
        @Test
        void toListenIsOneLineAndOne() {
            reactor.setListenException(new CannotListenError("Couldn't listen on 127.0.0.1:8080: Address in use"));

            assertEquals(1, twistd("--logfile", tmp.resolve("x.log").toString(), "recording", "--port", "8080"));

            assertEquals("twistd recording: Couldn't listen on 127.0.0.1:8080: Address in use\n", err());
            assertFalse(reactor.hasRun());
            assertTrue(logged("Couldn't listen on 127.0.0.1:8080: Address in use"));
        }

        @Test
        void toStartStopsTheReactorAndExitsWithOne() {
            assertEquals(1, twistd("recording", "--fail-start"));

            assertEquals("stop, reactor running: true", RecordingPlugin.EVENTS.get(RecordingPlugin.EVENTS.size() - 1));
            assertTrue(logged("failed to start; stopping"), LogCapture.events().toString());
        }

        @Test
        void toMakeTheServiceIsOneLineAndOne() {
            assertEquals(1, twistd("--logfile", tmp.resolve("x.log").toString(), "recording", "--fail-make"));
            assertEquals("twistd recording: cannot make the service: java.lang.IllegalStateException: "
                    + "no configuration\n", err());
        }

        @Test
        void toMakeTheReactorIsOneLineAndOne() {
            reactors = () -> {
                throw new IllegalStateException("IO_URING is not available here: kernel too old");
            };
            assertEquals(1, twistd("--reactor", "io_uring", "--logfile", tmp.resolve("x.log").toString(), "recording"));
            assertEquals("twistd recording: cannot make the reactor: IO_URING is not available here: kernel too old\n",
                    err());
            assertEquals(List.of(), RecordingPlugin.EVENTS);
        }

        @Test
        void toOpenTheLogFileIsOneLineAndOneBeforeAnythingStarts() {
            Path logfile = tmp.resolve("no-such-dir").resolve("x.log");

            assertEquals(1, twistd("--logfile", logfile.toString(), "recording"));

            assertEquals("twistd recording: cannot open log file " + logfile + ": its directory does not exist\n",
                    err());
            assertEquals(List.of(), jvm.redirects);
            assertEquals(List.of(), reactorsMade);
        }

        @Test
        void withAPluginsOwnUsageErrorIsTwo() {
            assertEquals(2, twistd("recording", "--refuse"));
            assertTrue(err().startsWith("twistd recording: --refuse refuses\nusage: twistd [options] recording "),
                    err());
        }
    }

    @Nested
    class CommandLineMistakes {
        @Test
        void anUnknownPluginIsTwo() {
            assertEquals(2, twistd("no-such-plugin"));
            assertTrue(err().startsWith("twistd: unknown plugin 'no-such-plugin'\nusage: twistd [options] PLUGIN "),
                    err());
            assertEquals("", out());
            assertEquals(List.of(), reactorsMade);
        }

        @Test
        void noPluginIsTwo() {
            assertEquals(2, twistd("--pidfile", "x.pid"));
            assertTrue(err().startsWith("twistd: name a plugin to run, or give --app-class\n"), err());
        }

        @Test
        void anUnknownRunnerOptionIsTwo() {
            assertEquals(2, twistd("--daemon", "recording"));
            assertTrue(err().startsWith("twistd: unknown option --daemon\n"), err());
        }

        @Test
        void aBadReactorIsTwo() {
            assertEquals(2, twistd("--reactor", "kqueue", "recording"));
            assertTrue(err().startsWith("twistd: --reactor must be one of epoll, io_uring, nio; not 'kqueue'\n"),
                    err());
            assertNull(jvm.properties.get("jtwisted.reactor"));
        }

        @Test
        void aBadLogLevelIsTwo() {
            assertEquals(2, twistd("--loglevel", "verbose", "recording"));
            assertTrue(err().startsWith("twistd: --loglevel must be one of trace, debug, info, warn, error; "
                    + "not 'verbose'\n"), err());
        }

        @Test
        void anUnknownPluginOptionIsTwoAndNamesThePlugin() {
            assertEquals(2, twistd("recording", "--bogus"));
            assertTrue(err().startsWith("twistd recording: unknown option --bogus\n"
                    + "usage: twistd [options] recording [options] [LABEL]; twistd recording --help shows its options\n"),
                    err());
            assertEquals(List.of(), RecordingPlugin.EVENTS);
        }

        @Test
        void aRunnerOptionAfterThePluginIsThePluginsAndSoUnknown() {
            assertEquals(2, twistd("recording", "--pidfile", "x.pid"));
            assertTrue(err().startsWith("twistd recording: unknown option --pidfile\n"), err());
        }
    }

    @Nested
    class Configuration {
        @Test
        void setsTheLogLevelAndTheReactorBeforeMakingAnything() {
            reactors = () -> {
                assertEquals("debug", jvm.properties.get("org.slf4j.simpleLogger.defaultLogLevel"));
                assertEquals("nio", jvm.properties.get("jtwisted.reactor"));
                return reactor;
            };
            assertEquals(0, twistd("--loglevel", "debug", "--reactor", "nio", "recording"));
        }

        @Test
        void leavesTheLevelAndTheReactorAloneWhenNotGiven() {
            twistd("recording");
            assertNull(jvm.properties.get("org.slf4j.simpleLogger.defaultLogLevel"));
            assertNull(jvm.properties.get("jtwisted.reactor"));
        }

        @Test
        void turnsOnTimestampsUnlessConfiguredOtherwise() {
            twistd("recording");
            assertEquals("true", jvm.properties.get("org.slf4j.simpleLogger.showDateTime"));
            assertEquals("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", jvm.properties.get("org.slf4j.simpleLogger.dateTimeFormat"));

            jvm.properties.clear();
            jvm.properties.put("org.slf4j.simpleLogger.showDateTime", "false");
            reactors = MemoryReactor::new;
            twistd("recording");
            assertEquals(Map.of("org.slf4j.simpleLogger.showDateTime", "false"), jvm.properties);
        }
    }

    @Nested
    class Help {
        @Test
        void listsTheOptionsAndThePluginsAndSaysThereIsNoDaemonMode() {
            assertEquals(0, twistd("--help"));

            String help = out();
            assertTrue(help.startsWith("usage: twistd [options] PLUGIN [plugin options]\n"), help);
            assertTrue(help.contains("There is no daemon mode"), help);
            assertTrue(help.contains("shows a systemd unit"), help);
            for (String option : List.of("--logfile FILE", "--pidfile FILE", "--reactor NAME", "--loglevel LEVEL",
                    "--app-class CLASS", "--help")) {
                assertTrue(help.contains("\n  " + option + " "), option + " in " + help);
            }
            assertTrue(help.contains("plugins:\n  recording  Records its start and stop, for the runner's tests\n"),
                    help);
            assertEquals("", err());
            assertEquals(List.of(), reactorsMade);
        }

        @Test
        void ofAPluginShowsItsOptionsAndRunsNothing() {
            assertEquals(0, twistd("recording", "--help"));

            String help = out();
            assertTrue(help.startsWith("usage: twistd [options] recording [options] [LABEL]\n\n"
                    + "Records its start and stop, for the runner's tests\n"), help);
            assertTrue(help.contains("\n  --port N "), help);
            assertEquals(List.of(), RecordingPlugin.EVENTS);
            assertEquals(List.of(), reactorsMade);
        }
    }
}
