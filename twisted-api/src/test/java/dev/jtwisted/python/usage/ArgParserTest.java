package dev.jtwisted.python.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parser moved here from the samples launcher; the runner and the launcher share it. */
class ArgParserTest {
    private static final List<Option> OPTIONS = List.of(
            Option.port(8000),
            Option.flag("verbose", "say more"),
            Option.value("name", "WHO", "who to greet", "world"),
            Option.value("offset", "N", "a value with no default", null));

    private final ArgParser parser = new ArgParser(OPTIONS, List.of(Positional.zeroOrMore("FILE", "files")));

    private Args parse(String... argv) {
        return parser.parse(List.of(argv));
    }

    private String errorFor(String... argv) {
        return assertThrows(UsageError.class, () -> parse(argv)).getMessage();
    }

    @Nested
    class ValueOptions {
        @Test
        void takeTheNextArgumentAsTheirValue() {
            assertEquals("moshez", parse("--name", "moshez").value("name"));
        }

        @Test
        void takeTheTextAfterAnEqualsSignAsTheirValue() {
            assertEquals("moshez", parse("--name=moshez").value("name"));
        }

        @Test
        void acceptAValueStartingWithDashesOnlyAfterAnEqualsSign() {
            assertEquals("--x", parse("--name=--x").value("name"));
            assertEquals("option --name needs a value (WHO)", errorFor("--name", "--x"));
        }

        @Test
        void acceptAValueStartingWithOneDash() {
            assertEquals("-5", parse("--offset", "-5").value("offset"));
        }

        @Test
        void acceptAnEmptyValueAfterAnEqualsSign() {
            assertEquals("", parse("--name=").value("name"));
        }

        @Test
        void haveTheirDefaultWhenNotGiven() {
            assertEquals("world", parse().value("name"));
            assertEquals(8000, parse().port());
        }

        @Test
        void areNullWhenNotGivenAndWithoutDefault() {
            assertNull(parse().value("offset"));
        }

        @Test
        void needAValueAtTheEndOfTheLine() {
            assertEquals("option --port needs a value (N)", errorFor("--port"));
        }

        @Test
        void mayNotBeGivenTwice() {
            assertEquals("option --name given twice", errorFor("--name", "a", "--name=b"));
        }
    }

    @Nested
    class Flags {
        @Test
        void areTrueOnlyWhenGiven() {
            assertTrue(parse("--verbose").flag("verbose"));
            assertFalse(parse().flag("verbose"));
        }

        @Test
        void takeNoValue() {
            assertEquals("option --verbose is a flag and takes no value, not 'yes'", errorFor("--verbose=yes"));
        }

        @Test
        void doNotConsumeTheNextArgument() {
            Args args = parse("--verbose", "notes.txt");
            assertTrue(args.flag("verbose"));
            assertEquals(List.of("notes.txt"), args.positional());
        }

        @Test
        void mayNotBeGivenTwice() {
            assertEquals("option --verbose given twice", errorFor("--verbose", "--verbose"));
        }
    }

    @Nested
    class Ports {
        @ParameterizedTest
        @ValueSource(strings = {"0", "1", "8000", "65535"})
        void fromZeroTo65535AreAccepted(String port) {
            assertEquals(Integer.parseInt(port), parse("--port", port).port());
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "65536", "99999999999", "abc", "80x", "1e3", " 80", ""})
        void outsideTheRangeOrNotIntegersAreRejectedByValue(String port) {
            assertEquals("--port must be an integer from 0 to 65535, not '" + port + "'",
                    errorFor("--port=" + port));
        }

        @Test
        void zeroMeansAnyFreePort() {
            assertEquals(0, parse("--port", "0").port());
        }
    }

    @Nested
    class InterfaceAddresses {
        private final ArgParser withInterface = new ArgParser(
                List.of(Option.interfaceAddress("127.0.0.1")), List.of());

        @ParameterizedTest
        @ValueSource(strings = {"127.0.0.1", "0.0.0.0", "10.20.30.40", "255.255.255.255", "::1", "::",
                "fe80::1", "2001:DB8::8:800:200C:417A", "::ffff:127.0.0.1"})
        void acceptIpv4AndIpv6Literals(String address) {
            assertEquals(address, withInterface.parse(List.of("--interface", address)).interfaceAddress());
        }

        @ParameterizedTest
        @ValueSource(strings = {"localhost", "example.com", "256.0.0.1", "127.0.0", "127.0.0.1.", "01.2.3.4",
                "1:2:3", ":::", "127.0.0.1:80", "[::1]", " 127.0.0.1", ""})
        void refuseHostNamesAndMalformedAddressesByValue(String address) {
            var e = assertThrows(UsageError.class, () -> withInterface.parse(List.of("--interface=" + address)));
            assertEquals("--interface must be an IP address such as 127.0.0.1 or ::1, not '" + address + "'",
                    e.getMessage());
        }

        @Test
        void defaultToTheGivenAddress() {
            assertEquals("127.0.0.1", withInterface.parse(List.of()).interfaceAddress());
        }
    }

    @Nested
    class Choices {
        private final ArgParser withChoice = new ArgParser(List.of(
                Option.choice("reactor", "NAME", "the backend", null, List.of("epoll", "io_uring", "nio"))), List.of());

        @ParameterizedTest
        @ValueSource(strings = {"epoll", "io_uring", "nio"})
        void acceptEachChoice(String name) {
            assertEquals(name, withChoice.parse(List.of("--reactor", name)).value("reactor"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"kqueue", "EPOLL", "", " nio"})
        void refuseAnythingElseListingTheChoices(String name) {
            var e = assertThrows(UsageError.class, () -> withChoice.parse(List.of("--reactor=" + name)));
            assertEquals("--reactor must be one of epoll, io_uring, nio; not '" + name + "'", e.getMessage());
        }

        @Test
        void haveNoValueWhenNotGivenAndWithoutDefault() {
            assertNull(withChoice.parse(List.of()).value("reactor"));
        }

        @Test
        void mustHaveADefaultAmongTheChoices() {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> Option.choice("level", "LEVEL", "how much", "loud", List.of("info", "debug")));
            assertEquals("bad default: --level must be one of info, debug; not 'loud'", e.getMessage());
        }
    }

    @Nested
    class Remainders {
        private final ArgParser withCommand = new ArgParser(
                List.of(Option.flag("verbose", "say more"), Option.value("logfile", "FILE", "where", null)),
                List.of(Positional.remainder("COMMAND", "what to run, with its own options")));

        @Test
        void takeEverythingFromTheFirstPositionalOnUnparsed() {
            Args args = withCommand.parse(List.of("--logfile", "x.log", "echo", "--port", "0", "--verbose", "--help"));
            assertEquals("x.log", args.value("logfile"));
            assertFalse(args.flag("verbose"));
            assertFalse(args.helpRequested());
            assertEquals(List.of("echo", "--port", "0", "--verbose", "--help"), args.positional());
        }

        @Test
        void mayBeEmpty() {
            assertEquals(List.of(), withCommand.parse(List.of("--verbose")).positional());
        }

        @Test
        void startAfterADoubleDashToo() {
            assertEquals(List.of("--odd-name", "-x"), withCommand.parse(List.of("--", "--odd-name", "-x")).positional());
        }

        @Test
        void leaveHelpBeforeThemToTheParser() {
            assertTrue(withCommand.parse(List.of("--help", "echo")).helpRequested());
        }

        @Test
        void stillRefuseUnknownOptionsBeforeThem() {
            var e = assertThrows(UsageError.class, () -> withCommand.parse(List.of("--port", "0", "echo")));
            assertEquals("unknown option --port", e.getMessage());
        }

        @Test
        void readAsTheirNameWithDotsInTheSynopsis() {
            assertEquals("[options] [COMMAND...]", withCommand.synopsis());
        }

        @Test
        void mustComeLast() {
            assertThrows(IllegalArgumentException.class, () -> new ArgParser(List.of(), List.of(
                    Positional.remainder("A", "a"), Positional.required("B", "b"))));
        }
    }

    @Nested
    class PositionalArguments {
        @Test
        void keepTheirOrderAmongOptions() {
            Args args = parse("a", "--verbose", "b", "--port", "1", "c");
            assertEquals(List.of("a", "b", "c"), args.positional());
        }

        @Test
        void followADoubleDashEvenWhenTheyLookLikeOptions() {
            assertEquals(List.of("--verbose", "-x"), parse("--", "--verbose", "-x").positional());
        }

        @Test
        void includeALoneDash() {
            assertEquals(List.of("-"), parse("-").positional());
        }

        @Test
        void mustBeThereWhenRequired() {
            ArgParser p = new ArgParser(List.of(), List.of(
                    Positional.required("HOST", "where"), Positional.oneOrMore("URL", "what")));
            assertEquals("missing argument HOST", assertThrows(UsageError.class, () -> p.parse(List.of())).getMessage());
            assertEquals("missing argument URL",
                    assertThrows(UsageError.class, () -> p.parse(List.of("example.com"))).getMessage());
            assertEquals(List.of("h", "u1", "u2"), p.parse(List.of("h", "u1", "u2")).positional());
        }

        @Test
        void mayBeLeftOutWhenOptional() {
            ArgParser p = new ArgParser(List.of(), List.of(Positional.optional("USER", "who")));
            assertEquals(List.of(), p.parse(List.of()).positional());
            assertEquals(List.of("moshez"), p.parse(List.of("moshez")).positional());
        }

        @Test
        void beyondTheDeclaredOnesAreRejectedByValue() {
            ArgParser p = new ArgParser(List.of(), List.of(Positional.optional("USER", "who")));
            assertEquals("unexpected argument 'extra'",
                    assertThrows(UsageError.class, () -> p.parse(List.of("moshez", "extra"))).getMessage());
        }

        @Test
        void areRejectedWhenNoneAreDeclared() {
            ArgParser p = new ArgParser(List.of(), List.of());
            assertEquals("unexpected argument 'x'",
                    assertThrows(UsageError.class, () -> p.parse(List.of("x"))).getMessage());
        }
    }

    @Nested
    class Help {
        @Test
        void isRequestedByDashDashHelpOrDashH() {
            assertTrue(parse("--help").helpRequested());
            assertTrue(parse("-h").helpRequested());
            assertFalse(parse().helpRequested());
        }

        @Test
        void stopsParsingSoLaterMistakesDoNotMatter() {
            assertTrue(parse("--help", "--bogus", "--port=x").helpRequested());
        }

        @Test
        void afterADoubleDashIsPositional() {
            assertEquals(List.of("--help"), parse("--", "--help").positional());
        }

        @Test
        void listsArgumentsAndOptionsAlignedWithTheirDefaults() {
            ArgParser p = new ArgParser(OPTIONS, List.of(
                    Positional.required("HOST", "the server"), Positional.zeroOrMore("URL", "pages to fetch")));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            p.printHelp(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            assertEquals("[options] HOST [URL...]", p.synopsis());
            assertEquals("""
                    arguments:
                      HOST        the server
                      [URL...]    pages to fetch
                    options:
                      --port N    TCP port to listen on; 0 picks any free port (default: 8000)
                      --verbose   say more
                      --name WHO  who to greet (default: world)
                      --offset N  a value with no default
                      --help      show this help and exit
                    """, bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
        }
    }

    @Nested
    class Mistakes {
        @Test
        void anUnknownOptionIsNamed() {
            assertEquals("unknown option --colour", errorFor("--colour", "red"));
            assertEquals("unknown option --colour", errorFor("--colour=red"));
        }

        @Test
        void aSingleDashOptionIsUnknownAndTheRightSpellingIsShown() {
            assertEquals("unknown option -p (options are spelled --name)", errorFor("-p", "80"));
        }

        @Test
        void theFirstMistakeIsTheOneReported() {
            assertEquals("unknown option --a", errorFor("--a", "--b"));
        }
    }

    @Nested
    class Declarations {
        @Test
        void anOptionDeclaredTwiceIsRejected() {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> new ArgParser(List.of(Option.port(1), Option.port(2)), List.of()));
            assertEquals("option --port declared twice", e.getMessage());
        }

        @Test
        void helpIsBuiltInAndCannotBeDeclared() {
            assertThrows(IllegalArgumentException.class, () -> Option.flag("help", "mine"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"--port", "Port", "two words", "", "trailing-", "under_score"})
        void anOptionNameMustBeLowerCaseWordsJoinedByDashes(String name) {
            var e = assertThrows(IllegalArgumentException.class, () -> Option.flag(name, "x"));
            assertTrue(e.getMessage().endsWith("'" + name + "'"), e.getMessage());
        }

        @Test
        void aDefaultMustPassTheOptionsOwnCheck() {
            var e = assertThrows(IllegalArgumentException.class, () -> Option.port(70000));
            assertEquals("bad default: --port must be an integer from 0 to 65535, not '70000'", e.getMessage());
        }

        @Test
        void onlyTheLastPositionalMayBeOptionalOrRepeated() {
            assertThrows(IllegalArgumentException.class, () -> new ArgParser(List.of(), List.of(
                    Positional.optional("A", "a"), Positional.required("B", "b"))));
            assertThrows(IllegalArgumentException.class, () -> new ArgParser(List.of(), List.of(
                    Positional.oneOrMore("A", "a"), Positional.required("B", "b"))));
        }

        @Test
        void aPositionalNameIsUpperCase() {
            var e = assertThrows(IllegalArgumentException.class, () -> Positional.required("url", "u"));
            assertEquals("positional names are upper case, e.g. URL: 'url'", e.getMessage());
        }
    }

    @Nested
    class ParsedArgs {
        @Test
        void refuseAnOptionTheCommandDidNotDeclare() {
            var e = assertThrows(IllegalArgumentException.class, () -> parse().value("colour"));
            assertEquals("no option --colour was declared; declared: [name, offset, port, verbose]", e.getMessage());
        }

        @Test
        void refuseToReadAFlagAsAValueOrTheOtherWayRound() {
            assertThrows(IllegalArgumentException.class, () -> parse().value("verbose"));
            assertThrows(IllegalArgumentException.class, () -> parse().flag("port"));
        }
    }
}
