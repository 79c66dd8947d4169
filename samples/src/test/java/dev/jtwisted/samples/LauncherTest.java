package dev.jtwisted.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.testing.MemoryReactor;
import dev.jtwisted.python.usage.ArgParser;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.python.usage.Positional;
import dev.jtwisted.python.usage.UsageError;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LauncherTest {

    /** A sample that records how it was run. */
    private static final class Recording implements Sample {
        private final String name;
        private final List<Option> options;
        private final List<Positional> positionals;
        Args args;
        Context context;

        Recording(String name, List<Option> options, List<Positional> positionals) {
            this.name = name;
            this.options = options;
            this.positionals = positionals;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "Records how it was run";
        }

        @Override
        public List<Option> options() {
            return options;
        }

        @Override
        public List<Positional> positionals() {
            return positionals;
        }

        @Override
        public void run(Args args, Context context) {
            this.args = args;
            this.context = context;
            context.out().println("ran " + name);
        }
    }

    /** A sample whose run throws {@code failure}. */
    private static Sample throwing(String name, Exception failure) {
        return new Sample() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "Throws";
            }

            @Override
            public void run(Args args, Context context) throws Exception {
                context.out().println("about to throw");
                throw failure;
            }
        };
    }

    private final Recording chat = new Recording("chat", List.of(Option.port(8000), Option.flag("verbose", "say more")),
            List.of(Positional.optional("BANNER", "the greeting")));
    private final Recording quiet = new Recording("quiet", List.of(), List.of());
    private final Samples registry = new Samples("quiet", List.of(quiet, chat,
            throwing("broken", new IllegalStateException("disk on fire")),
            throwing("picky", new UsageError("--verbose needs a BANNER"))));

    private final Captured io = new Captured();

    private int launch(Samples samples, String... argv) {
        return new Launcher(samples, io.out, io.err, Captured.NO_REACTOR).launch(argv);
    }

    private int launch(String... argv) {
        return launch(registry, argv);
    }

    @Nested
    class ListingSamples {
        @Test
        void printsEveryBuiltInSampleAlignedWithItsDescriptionAndMarksTheDefault() {
            assertEquals(0, launch(Samples.builtIn(), "--list"));
            assertEquals("""
                    call-later      callLater demo: schedule, cancel, delay and reset a call, on a fake clock (training)
                    counting        Counting server: tells each client how many clients are connected, then uppercases (training)
                    echo            Echo server: writes back whatever bytes arrive (Twisted's echoserv.py)
                    echo-int32      Length-prefixed echo server: an Int32StringReceiver sends back each string
                    echo-line       Line echo server: a LineReceiver sends back each line
                    echo-netstring  Netstring echo server: a NetstringReceiver sends back each netstring
                    errback-demo    How a Deferred's chain switches between callbacks and errbacks (default)
                    fib             Fibonacci numbers over HTTP, computed in a thread pool with deferToThread (training)
                    http-get        HTTP client written by hand on a Protocol: GET an http:// URL and print the body (training)
                    inline-demo     The errback demo as sequential code: inlineCallbacks, await and try/catch
                    null            Do-nothing server: accepts connections and ignores everything (training)
                    simple-client   The training's simple clients 1-4: one connection per word to an upper server (--variant)
                    upper           Uppercase server: sends back what it receives in upper case (training)
                    web-slow        A response written over time with NOT_DONE_YET and callLater: a, b, c, one delay apart (training)
                    web-tree        A web resource tree: putChild, isLeaf, render_GET and render_POST with request.args (training)
                    """, io.out());
            assertEquals("", io.err());
        }

        @Test
        void sortsByNameWhateverTheRegistrationOrder() {
            assertEquals(0, launch("--list"));
            assertEquals("""
                    broken  Throws
                    chat    Records how it was run
                    picky   Throws
                    quiet   Records how it was run (default)
                    """, io.out());
        }

        @Test
        void takesNoFurtherArguments() {
            assertEquals(2, launch("--list", "chat"));
            assertEquals("""
                    jtwisted-samples: unexpected argument 'chat' after --list
                    usage: java -jar jtwisted-samples.jar --list
                    """, io.err());
        }
    }

    @Nested
    class Help {
        @Test
        void withoutASampleShowsTheUsageAndTheSamples() {
            assertEquals(0, launch(Samples.builtIn(), "--help"));
            assertEquals("""
                    usage: java -jar jtwisted-samples.jar [NAME] [options]
                           java -jar jtwisted-samples.jar --list
                           java -jar jtwisted-samples.jar NAME --help
                           java -jar jtwisted-samples.jar twistd [options] PLUGIN [plugin options]

                    Runs one of the Twisted programs ported to jtwisted; with no NAME, errback-demo.
                    The servers are also plugins of the twistd runner: java -jar jtwisted-samples.jar twistd --help.

                    samples:
                      call-later      callLater demo: schedule, cancel, delay and reset a call, on a fake clock (training)
                      counting        Counting server: tells each client how many clients are connected, then uppercases (training)
                      echo            Echo server: writes back whatever bytes arrive (Twisted's echoserv.py)
                      echo-int32      Length-prefixed echo server: an Int32StringReceiver sends back each string
                      echo-line       Line echo server: a LineReceiver sends back each line
                      echo-netstring  Netstring echo server: a NetstringReceiver sends back each netstring
                      errback-demo    How a Deferred's chain switches between callbacks and errbacks (default)
                      fib             Fibonacci numbers over HTTP, computed in a thread pool with deferToThread (training)
                      http-get        HTTP client written by hand on a Protocol: GET an http:// URL and print the body (training)
                      inline-demo     The errback demo as sequential code: inlineCallbacks, await and try/catch
                      null            Do-nothing server: accepts connections and ignores everything (training)
                      simple-client   The training's simple clients 1-4: one connection per word to an upper server (--variant)
                      upper           Uppercase server: sends back what it receives in upper case (training)
                      web-slow        A response written over time with NOT_DONE_YET and callLater: a, b, c, one delay apart (training)
                      web-tree        A web resource tree: putChild, isLeaf, render_GET and render_POST with request.args (training)
                    """, io.out());
        }

        @Test
        void forASampleShowsItsUsageDescriptionArgumentsAndOptions() {
            assertEquals(0, launch("chat", "--help"));
            assertEquals("""
                    usage: java -jar jtwisted-samples.jar chat [options] [BANNER]

                    Records how it was run

                    arguments:
                      [BANNER]   the greeting
                    options:
                      --port N   TCP port to listen on; 0 picks any free port (default: 8000)
                      --verbose  say more
                      --help     show this help and exit
                    """, io.out());
            assertNull(chat.args, "--help must not run the sample");
        }

        @Test
        void forTheErrbackDemoSaysItHasNoOptions() {
            assertEquals(0, launch(Samples.builtIn(), "errback-demo", "-h"));
            assertEquals("""
                    usage: java -jar jtwisted-samples.jar errback-demo [options]

                    How a Deferred's chain switches between callbacks and errbacks

                    options:
                      --help  show this help and exit
                    """, io.out());
        }

        @Test
        void forTheLineEchoServerDocumentsItsPortAndInterface() {
            assertEquals(0, launch(Samples.builtIn(), "echo-line", "--help"));
            assertEquals("""
                    usage: java -jar jtwisted-samples.jar echo-line [options]

                    Line echo server: a LineReceiver sends back each line

                    options:
                      --port N          TCP port to listen on; 0 picks any free port (default: 8000)
                      --interface ADDR  IP address to listen on; 0.0.0.0 for every interface (default: 127.0.0.1)
                      --help            show this help and exit
                    """, io.out());
        }

        @ParameterizedTest
        @ValueSource(strings = {"echo", "echo-line", "echo-netstring", "echo-int32"})
        void forEveryEchoServerDocumentsPortAndInterface(String name) {
            assertEquals(0, launch(Samples.builtIn(), name, "--help"));
            assertTrue(io.out().contains("\n  --port N          TCP port to listen on; 0 picks any free port "
                    + "(default: 8000)\n"), io.out());
            assertTrue(io.out().contains("\n  --interface ADDR  IP address to listen on"), io.out());
        }

        @Test
        void isAvailableForEveryBuiltInSample() {
            for (Sample sample : Samples.builtIn().all()) {
                Captured each = new Captured();
                Launcher launcher = new Launcher(Samples.builtIn(), each.out, each.err, Captured.NO_REACTOR);
                assertEquals(0, launcher.launch(sample.name(), "--help"));
                assertTrue(each.out().startsWith("usage: java -jar jtwisted-samples.jar " + sample.name()), each.out());
            }
        }
    }

    @Nested
    class TheDefaultSample {
        @Test
        void isTheErrbackDemoForNow() {
            assertEquals("errback-demo", Samples.DEFAULT);
            assertEquals("errback-demo", Samples.builtIn().defaultSample().name());
        }

        @Test
        void runsWhenNoNameIsGivenAndExitsWithZero() {
            assertEquals(0, launch(Samples.builtIn()));
            assertTrue(io.out().startsWith("== 1. callback runs the callbacks, errback runs the errbacks\n"), io.out());
            assertEquals("", io.err());
        }

        @Test
        void getsTheOptionsWhenTheyComeWithoutAName() {
            Samples chatFirst = new Samples("chat", List.of(chat, quiet));
            assertEquals(0, launch(chatFirst, "--port", "0", "--verbose"));
            assertEquals(0, chat.args.port());
            assertTrue(chat.args.flag("verbose"));
        }

        @Test
        void isNamedInTheErrorWhenItsOptionIsWrong() {
            assertEquals(2, launch("--bogus"));
            assertEquals("""
                    jtwisted-samples quiet: unknown option --bogus
                    usage: java -jar jtwisted-samples.jar quiet [options]; quiet --help shows its options
                    """, io.err());
        }
    }

    @Nested
    class UnknownSamples {
        @Test
        void exitWithTwoAndANamedErrorOnStandardError() {
            assertEquals(2, launch("finger"));
            assertEquals("""
                    jtwisted-samples: unknown sample 'finger'
                    usage: java -jar jtwisted-samples.jar [NAME] [options]; --list shows the samples
                    """, io.err());
            assertEquals("", io.out());
        }

        @Test
        void areMatchedExactly() {
            assertEquals(2, launch("Chat"));
            assertTrue(io.err().startsWith("jtwisted-samples: unknown sample 'Chat'\n"), io.err());
        }
    }

    @Nested
    class BadOptions {
        @Test
        void nameTheOptionAndTheSampleAndExitWithTwo() {
            assertEquals(2, launch("chat", "--colour", "red"));
            assertEquals("""
                    jtwisted-samples chat: unknown option --colour
                    usage: java -jar jtwisted-samples.jar chat [options] [BANNER]; chat --help shows its options
                    """, io.err());
            assertNull(chat.args);
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "65536", "http", "80.5", ""})
        void aBadPortIsNamedAndNothingRuns(String port) {
            assertEquals(2, launch("chat", "--port", port));
            assertEquals("jtwisted-samples chat: --port must be an integer from 0 to 65535, not '" + port + "'\n"
                    + "usage: java -jar jtwisted-samples.jar chat [options] [BANNER]; chat --help shows its options\n",
                    io.err());
            assertNull(chat.args);
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "70000", "-1"})
        void aBadPortForAnEchoServerIsNamedAndNoReactorIsMade(String port) {
            assertEquals(2, launch(Samples.builtIn(), "echo-line", "--port", port));
            assertEquals("jtwisted-samples echo-line: --port must be an integer from 0 to 65535, not '" + port + "'\n"
                    + "usage: java -jar jtwisted-samples.jar echo-line [options]; echo-line --help shows its options\n",
                    io.err());
            assertEquals("", io.out());
        }

        @Test
        void aHostNameForAnInterfaceIsNamed() {
            assertEquals(2, launch(Samples.builtIn(), "echo", "--interface", "localhost"));
            assertTrue(io.err().startsWith("jtwisted-samples echo: --interface must be an IP address such as "
                    + "127.0.0.1 or ::1, not 'localhost'\n"), io.err());
        }

        @Test
        void aMissingPortValueIsNamed() {
            assertEquals(2, launch("chat", "--port"));
            assertTrue(io.err().startsWith("jtwisted-samples chat: option --port needs a value (N)\n"), io.err());
        }

        @Test
        void anExtraArgumentIsNamed() {
            assertEquals(2, launch("chat", "hello", "again"));
            assertTrue(io.err().startsWith("jtwisted-samples chat: unexpected argument 'again'\n"), io.err());
        }
    }

    @Nested
    class Running {
        @Test
        void givesTheSampleItsParsedArgumentsAndTheStreams() {
            assertEquals(0, launch("chat", "--port=0", "Welcome!"));
            assertEquals(0, chat.args.port());
            assertEquals(List.of("Welcome!"), chat.args.positional());
            assertSame(io.out, chat.context.out());
            assertSame(io.err, chat.context.err());
            assertEquals("ran chat\n", io.out());
        }

        @Test
        void givesTheSampleTheLaunchersReactorOnlyWhenItAsks() {
            MemoryReactor reactor = new MemoryReactor();
            AtomicInteger made = new AtomicInteger();
            Launcher launcher = new Launcher(registry, io.out, io.err, () -> {
                made.incrementAndGet();
                return reactor;
            });
            assertEquals(0, launcher.launch("chat"));
            assertEquals(0, made.get(), "a sample that does not ask makes no reactor");
            assertSame(reactor, chat.context.reactor());
            assertSame(reactor, chat.context.reactor());
            assertEquals(1, made.get());
        }

        @Test
        void aSampleAskingForAReactorWhereThereIsNoneFailsWithOne() {
            Sample needy = new Sample() {
                @Override
                public String name() {
                    return "needy";
                }

                @Override
                public String description() {
                    return "Asks for a reactor";
                }

                @Override
                public void run(Args args, Context context) {
                    context.reactor();
                }
            };
            assertEquals(1, launch(new Samples("needy", List.of(needy)), "needy"));
            assertTrue(io.err().startsWith("jtwisted-samples needy: failed: java.lang.IllegalStateException: "
                    + "this test gives the sample no reactor\n"), io.err());
        }

        @Test
        void aSampleThatThrowsExitsWithOneAndReportsTheException() {
            assertEquals(1, launch("broken"));
            assertEquals("about to throw\n", io.out());
            assertTrue(io.err().startsWith("jtwisted-samples broken: failed: java.lang.IllegalStateException: disk on fire\n"
                    + "java.lang.IllegalStateException: disk on fire\n"), io.err());
        }

        @Test
        void aSampleThatThrowsAUsageErrorExitsWithTwo() {
            assertEquals(2, launch("picky"));
            assertEquals("""
                    jtwisted-samples picky: --verbose needs a BANNER
                    usage: java -jar jtwisted-samples.jar picky [options]; picky --help shows its options
                    """, io.err());
        }
    }

    @Nested
    class TheRegistry {
        @Test
        void findsSamplesByName() {
            assertSame(chat, registry.find("chat"));
            assertNull(registry.find("finger"));
        }

        @Test
        void refusesTwoSamplesWithOneName() {
            var e = assertThrows(IllegalArgumentException.class, () -> new Samples("chat", List.of(chat, chat)));
            assertEquals("two samples are named chat", e.getMessage());
        }

        @Test
        void refusesADefaultItDoesNotHave() {
            var e = assertThrows(IllegalArgumentException.class, () -> new Samples("finger", List.of(chat)));
            assertEquals("default sample 'finger' is not among [chat]", e.getMessage());
        }

        @Test
        void refusesANameThatIsNotLowerCaseWordsJoinedByDashes() {
            var bad = new Recording("Chat_Server", List.of(), List.of());
            var e = assertThrows(IllegalArgumentException.class, () -> new Samples("Chat_Server", List.of(bad)));
            assertEquals("sample name must be lower case words joined by dashes: 'Chat_Server'", e.getMessage());
        }

        @Test
        void acceptsEveryBuiltInSamplesDeclarations() {
            for (Sample sample : Samples.builtIn().all()) {
                new ArgParser(sample.options(), sample.positionals());
            }
        }
    }
}
