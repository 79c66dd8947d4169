package dev.jtwisted.samples.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.samples.LinePeer;
import dev.jtwisted.samples.RunningServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code notify-client}, run as the jar runs it, against a notify-server started here. */
@Timeout(60)
class NotifyClientTest {
    private static final String AD = "(nice flat in the 11e|bike for sale, barely ridden"
            + "|piano lessons, the first one free|kittens to a good home)";
    /**
     * What a run prints: which kind each notification is depends on the server's timing (one
     * pushed before the server reads {@code stop} is dropped), but each is followed by what it
     * announces.
     */
    private static final Pattern OUTPUT = Pattern.compile("random: [0-9]{1,5}\n"
            + "classified: nice flat in the 11e\n"
            + "(notif: random\nrandom: [0-9]{1,5}\n|notif: classified\nclassified: " + AD + "\n){3}"
            + "done after 3 notifications\n");

    @ParameterizedTest
    @ValueSource(strings = {"callbacks", "inline"})
    void printsTheAnswersAndThreeNotificationsThenExitsWithZero(String style) throws Exception {
        try (RunningServer server = RunningServer.start(new NotifyServer(), "--interval", "0.02");
                RunningServer run = RunningServer.launch(new NotifyClient(), "--server", "127.0.0.1:" + server.port(),
                        "--style", style)) {
            assertEquals(0, run.awaitExit(), run.err());
            assertTrue(OUTPUT.matcher(run.out()).matches(), run.out());
        }
    }

    @Test
    void handlesAsManyNotificationsAsAsked() throws Exception {
        try (RunningServer server = RunningServer.start(new NotifyServer(), "--interval", "0.01");
                RunningServer run = RunningServer.launch(new NotifyClient(), "--server", "127.0.0.1:" + server.port(),
                        "--style", "inline", "--count", "5")) {
            assertEquals(0, run.awaitExit(), run.err());
            assertEquals(5, run.out().split("notif: ", -1).length - 1, run.out());
            assertTrue(run.out().endsWith("done after 5 notifications\n"), run.out());
        }
    }

    @Test
    void aServerThatClosesEarlyFailsTheRunWithOneOnOneLine() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            fake.setSoTimeout((int) RunningServer.WAIT.toMillis());
            try (RunningServer run = RunningServer.launch(new NotifyClient(), "--server",
                    "127.0.0.1:" + fake.getLocalPort())) {
                try (LinePeer server = new LinePeer(fake.accept())) {
                    server.expect("random?");
                    server.send("42");
                    server.expect("classified?");
                }
                assertEquals(1, run.awaitExit(), run.out());
                assertEquals("random: 42\n", run.out());
                assertTrue(run.err().startsWith("jtwisted-samples notify-client: "), run.err());
                assertFalse(run.err().contains("\tat "), "one line, no stack trace: " + run.err());
            }
        }
    }

    @Test
    void anUnreachableServerExitsWithOne() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        try (RunningServer run = RunningServer.launch(new NotifyClient(), "--server", "127.0.0.1:" + closedPort)) {
            assertEquals(1, run.awaitExit());
            assertTrue(run.err().toLowerCase().contains("refused"), run.err());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--style=threads", "--count=0", "--server=localhost"})
    void aBadOptionIsNamedAndExitsWithTwo(String option) throws Exception {
        try (RunningServer run = RunningServer.launch(new NotifyClient(), option)) {
            assertEquals(2, run.awaitExit());
            assertTrue(run.err().contains(option.substring(0, option.indexOf('='))), run.err());
        }
    }
}
