package dev.jtwisted.samples.simpleclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.python.usage.UsageError;
import dev.jtwisted.samples.LaunchedSample;
import dev.jtwisted.samples.RunningServer;
import dev.jtwisted.samples.echo.EchoServer;
import dev.jtwisted.samples.upper.UpperServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The four simple clients, each run against an upper server started by the test. */
@Timeout(60)
class SimpleClientTest {
    private static final List<String> WORDS = List.of("a", "b", "c", "d");

    private RunningServer upper;

    @BeforeEach
    void startUpperServer() throws Exception {
        upper = RunningServer.start(UpperServer.upper());
    }

    @AfterEach
    void stopUpperServer() throws Exception {
        upper.close();
    }

    private String address() {
        return "127.0.0.1:" + upper.port();
    }

    private LaunchedSample launch(String variant, List<String> words) {
        List<String> argv = new ArrayList<>(List.of("--variant", variant, address()));
        argv.addAll(words);
        return LaunchedSample.launch(new SimpleClient(), argv.toArray(new String[0]));
    }

    private static List<String> lines(String out) {
        return out.lines().toList();
    }

    /** The first lines: one {@code sending w} per word, in the order given, before any answer. */
    private static void assertSendingFirst(List<String> lines, List<String> words) {
        List<String> expected = words.stream().map(w -> "sending " + w).toList();
        assertEquals(expected, lines.subList(0, words.size()), String.join("\n", lines));
    }

    /** After the sending lines: a {@code received response for w} line, then its answer, per word. */
    private static void assertMatchedAnswers(List<String> lines, List<String> words, boolean upperCased) {
        List<String> rest = lines.subList(words.size(), lines.size());
        assertEquals(2 * words.size(), rest.size(), String.join("\n", lines));
        Set<String> answered = new HashSet<>();
        for (int i = 0; i < rest.size(); i += 2) {
            String header = rest.get(i);
            assertTrue(header.startsWith("received response for "), header);
            String word = header.substring("received response for ".length());
            assertEquals(upperCased ? word.toUpperCase(Locale.ROOT) : word, rest.get(i + 1),
                    "the answer printed under the request it answers");
            answered.add(word);
        }
        assertEquals(Set.copyOf(words), answered);
    }

    @Nested
    class Variant1 {
        @Test
        void printsEachAnswerAsItComesAndKeepsRunningUntilStopped() throws Exception {
            try (LaunchedSample client = launch("1", WORDS)) {
                String out = client.awaitOutput("four answers", o -> lines(o).size() >= 8);
                List<String> lines = lines(out);
                assertSendingFirst(lines, WORDS);
                assertEquals(Set.of("A", "B", "C", "D"), Set.copyOf(lines.subList(4, lines.size())), out);
                assertEquals(8, lines.size(), out);
                assertTrue(client.reactor().running(), "the first client never stops by itself");
                assertEquals(0, client.stop());
                assertEquals("", client.err());
            }
        }
    }

    @Nested
    class Variant2 {
        @Test
        void matchesEachAnswerToItsRequestAndKeepsRunningUntilStopped() throws Exception {
            try (LaunchedSample client = launch("2", WORDS)) {
                String out = client.awaitOutput("four answers", o -> lines(o).size() >= 12);
                assertSendingFirst(lines(out), WORDS);
                assertMatchedAnswers(lines(out), WORDS, true);
                assertTrue(client.reactor().running(), "the second client never stops by itself");
                assertEquals(0, client.stop());
                assertEquals("", client.err());
            }
        }
    }

    @Nested
    class Variant3 {
        @Test
        void matchesEachAnswerAndStopsOnceAllAreIn() throws Exception {
            try (LaunchedSample client = launch("3", WORDS)) {
                assertEquals(0, client.awaitExit(), client.err());
                assertSendingFirst(lines(client.out()), WORDS);
                assertMatchedAnswers(lines(client.out()), WORDS, true);
                assertEquals("", client.err());
            }
        }

        @Test
        void isTheDefault() throws Exception {
            try (LaunchedSample client = LaunchedSample.launch(new SimpleClient(), address(), "x", "y")) {
                assertEquals(0, client.awaitExit(), client.err());
                assertMatchedAnswers(lines(client.out()), List.of("x", "y"), true);
            }
        }

        @Test
        void handlesManyConnectionsAtOnce() throws Exception {
            List<String> words = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                words.add("word" + i);
            }
            try (LaunchedSample client = launch("3", words)) {
                assertEquals(0, client.awaitExit(), client.err());
                assertMatchedAnswers(lines(client.out()), words, true);
            }
        }

        @Test
        void worksAgainstAServerThatKeepsTheConnectionOpen() throws Exception {
            try (RunningServer echo = RunningServer.start(EchoServer.lines());
                    LaunchedSample client = LaunchedSample.launch(new SimpleClient(), "--variant", "3",
                            "127.0.0.1:" + echo.port(), "hello", "world")) {
                assertEquals(0, client.awaitExit(), client.err());
                assertMatchedAnswers(lines(client.out()), List.of("hello", "world"), false);
            }
        }
    }

    @Nested
    class Variant4 {
        @Test
        void timesEachRequestAndTheWholeRunThenStops() throws Exception {
            try (LaunchedSample client = launch("4", WORDS)) {
                assertEquals(0, client.awaitExit(), client.err());
                List<String> lines = lines(client.out());
                assertSendingFirst(lines, WORDS);
                assertEquals(WORDS.size() + WORDS.size() + 1, lines.size(), client.out());
                Pattern timed = Pattern.compile("request ([a-d]) took \\d+\\.\\d{3} seconds");
                Set<String> timedWords = new HashSet<>();
                for (String line : lines.subList(4, 8)) {
                    var m = timed.matcher(line);
                    assertTrue(m.matches(), line);
                    timedWords.add(m.group(1));
                }
                assertEquals(Set.copyOf(WORDS), timedWords);
                assertTrue(lines.get(8).matches("finished, took \\d+\\.\\d{3} seconds"), lines.get(8));
                assertEquals("", client.err());
            }
        }
    }

    @Nested
    class Failures {
        @Test
        void aRefusedConnectionIsReportedPerRequestAndExitsWithOne() throws Exception {
            int closedPort;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                closedPort = probe.getLocalPort();
            }
            for (String variant : List.of("3", "4")) {
                try (LaunchedSample client = LaunchedSample.launch(new SimpleClient(), "--variant", variant,
                        "127.0.0.1:" + closedPort, "a", "b")) {
                    assertEquals(1, client.awaitExit(), client.err());
                    List<String> err = lines(client.err());
                    assertEquals(3, err.size(), client.err());
                    assertEquals(Set.of("a", "b"), Set.of(requestOf(err.get(0)), requestOf(err.get(1))), client.err());
                    assertTrue(err.get(2).startsWith("jtwisted-samples simple-client: Connection was refused"),
                            client.err());
                }
            }
        }

        private static String requestOf(String line) {
            assertTrue(line.matches("request [ab] failed: Connection was refused.*"), line);
            return line.substring("request ".length(), "request ".length() + 1);
        }

        @Test
        void aBadAddressIsAUsageErrorNamingIt() throws Exception {
            for (String bad : List.of("localhost", "localhost:", ":8000", "localhost:http", "localhost:0",
                    "localhost:65536")) {
                try (LaunchedSample client = LaunchedSample.launch(new SimpleClient(), bad, "a")) {
                    assertEquals(2, client.awaitExit(), bad);
                    assertTrue(client.err().startsWith("jtwisted-samples simple-client: ADDRESS"), client.err());
                    assertTrue(client.err().contains(bad), client.err());
                    assertEquals("", client.out());
                }
            }
        }

        @Test
        void noWordsOrABadVariantIsAUsageError() throws Exception {
            try (LaunchedSample client = LaunchedSample.launch(new SimpleClient(), address())) {
                assertEquals(2, client.awaitExit());
                assertTrue(client.err().contains("WORD"), client.err());
            }
            try (LaunchedSample client = LaunchedSample.launch(new SimpleClient(), "--variant", "5", address(), "a")) {
                assertEquals(2, client.awaitExit());
                assertTrue(client.err().contains("--variant must be an integer from 1 to 4, not '5'"), client.err());
            }
        }
    }

    @Nested
    class Addresses {
        @Test
        void parseHostAndPortIncludingABracketedIpv6Literal() {
            assertEquals(new HostPort("127.0.0.1", 8000), HostPort.parse("ADDRESS", "127.0.0.1:8000"));
            assertEquals(new HostPort("::1", 8000), HostPort.parse("ADDRESS", "[::1]:8000"));
            assertEquals("[::1]:8000", HostPort.parse("ADDRESS", "[::1]:8000").toString());
            assertEquals("tcp:host=example.com:port=80", HostPort.parse("ADDRESS", "example.com:80").clientDescription());
            UsageError e = assertThrows(UsageError.class, () -> HostPort.parse("ADDRESS", "[::1]"));
            assertEquals("ADDRESS must be HOST:PORT, e.g. 127.0.0.1:8000, not '[::1]'", e.getMessage());
            assertFalse(HostPort.parse("ADDRESS", "h:1").host().isEmpty());
        }
    }
}
