package dev.jtwisted.samples.finger;

import static dev.jtwisted.samples.finger.FingerWire.ask;
import static dev.jtwisted.samples.finger.FingerWire.connect;
import static dev.jtwisted.samples.finger.FingerWire.expectSilence;
import static dev.jtwisted.samples.finger.FingerWire.onReactor;
import static dev.jtwisted.samples.finger.FingerWire.readToEnd;
import static dev.jtwisted.samples.finger.FingerWire.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.task.Clock;
import dev.jtwisted.internet.testing.Chunks;
import dev.jtwisted.internet.testing.StringTransport;
import dev.jtwisted.samples.RunningServer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code finger}: queries, the setter, and the users file with its reloads, over real sockets. */
@Timeout(60)
class FingerTest {
    /** FingerProtocol's MAX_LENGTH. */
    private static final int MAX_LENGTH = 1024;

    @Nested
    class TheProtocol {
        private final StringTransport transport = new StringTransport();

        private FingerProtocol connect(FingerFactory factory) {
            FingerProtocol proto = (FingerProtocol) factory.buildProtocol(null);
            proto.makeConnection(transport);
            return proto;
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 7, 64})
        void answersTheUserLineWhateverTheChunkSize(int chunk) {
            FingerProtocol proto = connect(new FingerService(FingerService.DEFAULT_USERS).getFingerFactory());
            Chunks.feed(proto, "moshez\r\n", chunk);
            assertEquals("Happy and well\r\n", transport.valueString());
            assertTrue(transport.disconnecting());
        }

        @Test
        void answersNothingBeforeTheLineEnds() {
            FingerProtocol proto = connect(new FingerService(FingerService.DEFAULT_USERS).getFingerFactory());
            Chunks.feed(proto, "moshez", 1);
            assertEquals("", transport.valueString());
            assertFalse(transport.disconnecting());
        }

        @Test
        void answersALookupThatFailsWithInternalError() {
            FingerProtocol proto = connect(new FingerFactory(user -> Defer.fail(new IllegalStateException("db down"))));
            proto.dataReceived("moshez\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("Internal error in server\r\n", transport.valueString());
            assertTrue(transport.disconnecting());
        }

        @Test
        void answersALookupThatThrowsWithInternalError() {
            FingerProtocol proto = connect(new FingerFactory(user -> {
                throw new IllegalStateException("bug");
            }));
            proto.dataReceived("moshez\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("Internal error in server\r\n", transport.valueString());
            assertTrue(transport.disconnecting());
        }

        @Test
        void asksOnlyAboutTheFirstLine() {
            List<String> asked = new ArrayList<>();
            FingerProtocol proto = connect(new FingerFactory(user -> {
                asked.add(user);
                return new dev.jtwisted.internet.defer.Deferred<>();
            }));
            proto.dataReceived("one\r\ntwo\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(List.of("one"), asked);
        }
    }

    @Nested
    class Queries {
        private RunningServer server;
        private int port;

        @BeforeEach
        void start() throws Exception {
            server = RunningServer.start(new Finger(), "--setter-port", "0");
            port = server.port("finger");
        }

        @AfterEach
        void stop() throws Exception {
            server.close();
        }

        @Test
        void answersMoshezHappyAndWellAndCloses() throws Exception {
            assertEquals("Happy and well\r\n", ask(port, "moshez\r\n"));
        }

        @Test
        void answersAnUnknownUserNoSuchUser() throws Exception {
            assertEquals("No such user\r\n", ask(port, "nobody\r\n"));
        }

        @Test
        void answersAnEmptyLineNoSuchUser() throws Exception {
            assertEquals("No such user\r\n", ask(port, "\r\n"));
        }

        @Test
        void answersOneLineOnlyAndCloses() throws Exception {
            assertEquals("Happy and well\r\n", ask(port, "moshez\r\nnobody\r\n"));
        }

        @Test
        void waitsForTheEndOfTheLine() throws Exception {
            try (Socket socket = connect(port)) {
                send(socket, "mosh");
                expectSilence(socket);
                send(socket, "ez\r\n");
                assertEquals("Happy and well\r\n", readToEnd(socket));
            }
        }

        @Test
        void answersAUserNameOfExactlyMaxLength() throws Exception {
            assertEquals("No such user\r\n", ask(port, "x".repeat(MAX_LENGTH) + "\r\n"));
        }

        @Test
        void answersATooLongLineWithAnErrorAndCloses() throws Exception {
            // MAX_LENGTH + 2 bytes without a line end are enough to know; the server reads all of them.
            assertEquals("Line too long: a user name has at most 1024 bytes\r\n",
                    ask(port, "x".repeat(MAX_LENGTH + 2)));
        }

        @Test
        void aTooLongLineClosesOnlyItsOwnConnection() throws Exception {
            try (Socket other = connect(port)) {
                send(other, "mos");
                assertTrue(ask(port, "x".repeat(MAX_LENGTH + 2)).startsWith("Line too long"));
                send(other, "hez\r\n");
                assertEquals("Happy and well\r\n", readToEnd(other));
            }
        }
    }

    @Nested
    class Setter {
        private RunningServer server;
        private int port;
        private int setterPort;

        @BeforeEach
        void start() throws Exception {
            server = RunningServer.start(new Finger(), "--setter-port", "0");
            port = server.port("finger");
            setterPort = server.port("finger-setter");
        }

        @AfterEach
        void stop() throws Exception {
            server.close();
        }

        @Test
        void setsAStatusThatTheNextQueryAnswers() throws Exception {
            assertEquals("", ask(setterPort, "moshez\r\nHacking on jtwisted\r\n"), "the setter answers nothing");
            assertEquals("Hacking on jtwisted\r\n", ask(port, "moshez\r\n"));
        }

        @Test
        void addsAUser() throws Exception {
            assertEquals("No such user\r\n", ask(port, "glyph\r\n"));
            assertEquals("", ask(setterPort, "glyph\r\nIn a meeting\r\n"));
            assertEquals("In a meeting\r\n", ask(port, "glyph\r\n"));
            assertEquals("Happy and well\r\n", ask(port, "moshez\r\n"));
        }

        @Test
        void waitsForBothLines() throws Exception {
            try (Socket socket = connect(setterPort)) {
                send(socket, "moshez\r\n");
                expectSilence(socket);
                send(socket, "Away\r\n");
                assertEquals("", readToEnd(socket));
            }
            assertEquals("Away\r\n", ask(port, "moshez\r\n"));
        }

        @Test
        void setsNothingWhenTheClientLeavesAfterTheUserLine() throws Exception {
            try (Socket socket = connect(setterPort)) {
                send(socket, "moshez\r\n");
                socket.shutdownOutput();
                assertEquals("", readToEnd(socket));
            }
            assertEquals("Happy and well\r\n", ask(port, "moshez\r\n"));
        }

        @Test
        void refusesAnEmptyUserName() throws Exception {
            assertEquals("Empty user name: send a user line, then a status line; nothing set\r\n",
                    ask(setterPort, "\r\n"));
            assertEquals("No such user\r\n", ask(port, "\r\n"));
        }

        @Test
        void refusesATooLongLine() throws Exception {
            assertEquals("Line too long: at most 1024 bytes; nothing set\r\n",
                    ask(setterPort, "moshez\r\n" + "x".repeat(MAX_LENGTH + 2)));
            assertEquals("Happy and well\r\n", ask(port, "moshez\r\n"));
        }
    }

    @Nested
    class SetterInterface {
        @Test
        void theSetterListensOnLoopbackEvenWhenFingerListensEverywhere() throws Exception {
            try (RunningServer server = RunningServer.start(new Finger(), "--setter-port", "0",
                    "--interface", "0.0.0.0")) {
                int setterPort = server.port("finger-setter");
                assertEquals("0.0.0.0", host(server.out(), "finger"));
                assertEquals("127.0.0.1", host(server.out(), "finger-setter"));
                assertEquals("", ask(setterPort, "moshez\r\nEverywhere\r\n"));
                assertEquals("Everywhere\r\n", ask(server.port("finger"), "moshez\r\n"));
            }
        }

        private String host(String out, String name) {
            for (String line : out.split("\n")) {
                Matcher m = RunningServer.LISTENING.matcher(line.strip());
                if (m.matches() && m.group(1).equals(name)) {
                    return m.group(2);
                }
            }
            throw new AssertionError("no listening line for " + name + " in: " + out);
        }
    }

    @Nested
    class UsersFile {
        @TempDir
        Path dir;
        private Path users;
        private final Clock clock = new Clock();
        private final AtomicReference<FingerService> service = new AtomicReference<>();
        private RunningServer server;
        private int port;

        @BeforeEach
        void start() throws Exception {
            users = dir.resolve("users.txt");
            Files.writeString(users, "alice:Coding\nbob:Out: back at 3\n\n");
            server = RunningServer.start(new Finger(service::set, clock), "--setter-port", "0",
                    "--users", users.toString(), "--reload", "30");
            port = server.port("finger");
            // The timer starts after the ports and reads the file at once; once it has, its next
            // call waits on the clock. Only then may a test change the file.
            assertEquals(1, (int) onReactor(server.reactor(), () -> clock.getDelayedCalls().size()),
                    "the reload timer has started");
        }

        @AfterEach
        void stop() throws Exception {
            server.close();
        }

        /** Moves the reload timer's clock on, on the reactor thread where the reload runs. */
        private void advance(double seconds) throws Exception {
            onReactor(server.reactor(), () -> {
                clock.advance(seconds);
                return null;
            });
        }

        private String lastError() throws Exception {
            return onReactor(server.reactor(), () -> service.get().lastError());
        }

        @Test
        void answersFromTheFileOnly() throws Exception {
            assertEquals("Coding\r\n", ask(port, "alice\r\n"));
            assertEquals("Out: back at 3\r\n", ask(port, "bob\r\n"), "the status is everything after the first ':'");
            assertEquals("No such user\r\n", ask(port, "moshez\r\n"));
        }

        @Test
        void readsTheFileAgainEveryReloadSeconds() throws Exception {
            Files.writeString(users, "alice:Asleep\ncarol:New here\n");
            advance(29.9);
            assertEquals("Coding\r\n", ask(port, "alice\r\n"), "not reloaded before --reload seconds");
            advance(0.1);
            assertEquals("Asleep\r\n", ask(port, "alice\r\n"));
            assertEquals("New here\r\n", ask(port, "carol\r\n"));
            assertEquals("No such user\r\n", ask(port, "bob\r\n"), "a user gone from the file is gone");
        }

        @Test
        void reloadCalledDirectlyReadsTheChangedFile() throws Exception {
            Files.writeString(users, "alice:Reloaded\n");
            onReactor(server.reactor(), () -> {
                service.get().reload();
                return null;
            });
            assertEquals("Reloaded\r\n", ask(port, "alice\r\n"));
        }

        @Test
        void keepsTheLastGoodUsersWhenALineIsBadAndNamesTheFileAndLine() throws Exception {
            Files.writeString(users, "alice:Changed\ngarbage\n");
            advance(30);
            assertEquals("Coding\r\n", ask(port, "alice\r\n"), "nothing of a bad file is taken");
            String error = lastError();
            assertNotNull(error);
            assertEquals("users file " + users + " line 2: no ':' between user and status in 'garbage'"
                    + " (each line is user:status)", error);

            Files.writeString(users, "alice:Fixed\n");
            advance(30);
            assertEquals("Fixed\r\n", ask(port, "alice\r\n"), "the timer goes on after a bad file");
            assertNull(lastError());
        }

        @Test
        void refusesALineWithAnEmptyUserName() throws Exception {
            Files.writeString(users, "alice:Changed\n:nobody\n");
            advance(30);
            assertEquals("Coding\r\n", ask(port, "alice\r\n"));
            assertTrue(lastError().contains(users + " line 2: empty user name"), lastError());
        }

        @Test
        void keepsTheLastGoodUsersWhenTheFileIsGone() throws Exception {
            Files.delete(users);
            advance(30);
            assertEquals("Coding\r\n", ask(port, "alice\r\n"));
            assertEquals("users file " + users + ": no such file", lastError());
        }

        @Test
        void aReloadReplacesWhatTheSetterSet() throws Exception {
            assertEquals("", ask(server.port("finger-setter"), "alice\r\nOn the phone\r\n"));
            assertEquals("On the phone\r\n", ask(port, "alice\r\n"));
            advance(30);
            assertEquals("Coding\r\n", ask(port, "alice\r\n"));
        }
    }

    @Nested
    class CommandLine {
        @TempDir
        Path dir;

        @Test
        void refusesToStartWithABadUsersFile() throws Exception {
            Path users = dir.resolve("users.txt");
            Files.writeString(users, "alice:Coding\nbob\n");
            try (RunningServer server = RunningServer.launch(new Finger(), "--port", "0", "--setter-port", "0",
                    "--users", users.toString())) {
                assertEquals(2, server.awaitExit());
                assertTrue(server.err().contains("jtwisted-samples finger: --users: users file " + users
                        + " line 2: no ':' between user and status in 'bob'"), server.err());
            }
        }

        @Test
        void refusesToStartWithoutTheUsersFile() throws Exception {
            Path users = dir.resolve("missing.txt");
            try (RunningServer server = RunningServer.launch(new Finger(), "--port", "0", "--setter-port", "0",
                    "--users", users.toString())) {
                assertEquals(2, server.awaitExit());
                assertTrue(server.err().contains("--users: users file " + users + ": no such file"), server.err());
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "soon", "NaN", "1e9"})
        void refusesAReloadThatIsNotAPositiveNumberOfSeconds(String reload) throws Exception {
            try (RunningServer server = RunningServer.launch(new Finger(), "--port", "0", "--setter-port", "0",
                    "--reload", reload)) {
                assertEquals(2, server.awaitExit());
                assertTrue(server.err().contains("--reload must be a number of seconds above 0 and at most 31536000"
                        + " (such as 15 or 0.5), not '" + reload + "'"), server.err());
            }
        }
    }
}
