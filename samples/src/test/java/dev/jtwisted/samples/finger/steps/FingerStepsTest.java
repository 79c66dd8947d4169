package dev.jtwisted.samples.finger.steps;

import static dev.jtwisted.samples.finger.FingerWire.ask;
import static dev.jtwisted.samples.finger.FingerWire.connect;
import static dev.jtwisted.samples.finger.FingerWire.expectClosedWithoutAnswer;
import static dev.jtwisted.samples.finger.FingerWire.expectSilence;
import static dev.jtwisted.samples.finger.FingerWire.readToEnd;
import static dev.jtwisted.samples.finger.FingerWire.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.testing.Chunks;
import dev.jtwisted.internet.testing.StringTransport;
import dev.jtwisted.protocols.basic.LineReceiver;
import dev.jtwisted.samples.RunningServer;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code finger-steps N}: each step of the tutorial behaves as its listing, over a real socket. */
@Timeout(60)
class FingerStepsTest {

    private static RunningServer start(int step, String... options) throws Exception {
        String[] argv = new String[options.length + 1];
        argv[0] = Integer.toString(step);
        System.arraycopy(options, 0, argv, 1, options.length);
        return RunningServer.start(new FingerSteps(), argv);
    }

    @Nested
    class NoAnswers {
        @ParameterizedTest(name = "step {0}")
        @ValueSource(ints = {1, 2})
        void hangsTheConnectionWhateverIsSent(int step) throws Exception {
            try (RunningServer server = start(step); Socket socket = connect(server.port())) {
                expectSilence(socket);
                send(socket, "moshez\r\n");
                expectSilence(socket);
                send(socket, "more\r\nand more\r\n");
                expectSilence(socket);
            }
        }

        @Test
        void step3ClosesAtOnce() throws Exception {
            try (RunningServer server = start(3); Socket socket = connect(server.port())) {
                expectClosedWithoutAnswer(socket);
            }
        }

        @Test
        void step4ClosesOnceTheLineEndsWithoutAnAnswer() throws Exception {
            try (RunningServer server = start(4); Socket socket = connect(server.port())) {
                send(socket, "mosh");
                expectSilence(socket);
                send(socket, "ez\r\n");
                expectClosedWithoutAnswer(socket);
            }
        }
    }

    @Nested
    class Answers {
        @ParameterizedTest(name = "step {0}: {1} -> {2}")
        @CsvSource({
            "5, moshez, No such user",
            "5, nobody, No such user",
            "6, moshez, No such user",
            "6, '',     No such user",
            "7, moshez, Happy and well",
            "7, nobody, No such user",
            "7, '',     No such user",
            "8, moshez, Happy and well",
            "8, nobody, No such user",
            "9, moshez, Happy and well",
            "9, nobody, No such user",
        })
        void answersOneLineAndCloses(int step, String user, String answer) throws Exception {
            try (RunningServer server = start(step)) {
                assertEquals(answer + "\r\n", ask(server.port(), user + "\r\n"));
            }
        }

        @ParameterizedTest(name = "step {0}")
        @ValueSource(ints = {5, 7, 8, 9})
        void answersNothingBeforeTheLineEnds(int step) throws Exception {
            try (RunningServer server = start(step); Socket socket = connect(server.port())) {
                send(socket, "mosh");
                expectSilence(socket);
                send(socket, "ez\r\n");
                assertEquals(step == 5 ? "No such user\r\n" : "Happy and well\r\n", readToEnd(socket));
            }
        }
    }

    @Nested
    class OnAStringTransport {
        @ParameterizedTest(name = "chunks of {0}")
        @ValueSource(ints = {1, 2, 3, 64})
        void theDeferredStepsAnswerWhateverTheChunkSize(int chunk) {
            for (var factory : new dev.jtwisted.internet.ServerFactory[] {
                    new UsefulThingsForReal.FingerFactory(UsefulThingsForReal.USERS),
                    new MaybeDeferred.FingerFactory(UsefulThingsForReal.USERS),
                    new Succeed.FingerFactory(UsefulThingsForReal.USERS)}) {
                StringTransport transport = new StringTransport();
                LineReceiver proto = (LineReceiver) factory.buildProtocol(null);
                proto.makeConnection(transport);
                Chunks.feed(proto, "moshez\r\n", chunk);
                assertEquals("Happy and well\r\n", transport.valueString(), factory.toString());
                assertTrue(transport.disconnecting());
            }
        }

        @Test
        void step4ReadsALineThenLosesTheConnection() {
            StringTransport transport = new StringTransport();
            LineReceiver proto = (LineReceiver) new BeRudeSmartly.FingerFactory().buildProtocol(null);
            proto.makeConnection(transport);
            Chunks.feed(proto, "moshez", 1);
            assertFalse(transport.disconnecting());
            Chunks.feed(proto, "\r\n", 1);
            assertTrue(transport.disconnecting());
            assertEquals("", transport.valueString());
        }
    }

    @Nested
    class TheFingerProgram {
        @TempDir
        Path dir;

        /** A stand-in for finger: a shell script that prints what {@code body} prints. */
        private Path program(String body) throws Exception {
            Path script = dir.resolve("finger");
            Files.writeString(script, "#!/bin/sh\n" + body + "\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            return script;
        }

        @Test
        void step10AnswersWithTheProgramsOutputForTheUser() throws Exception {
            Path finger = program("echo \"Login: $1\"; echo \"Plan: a job at Microsoft\"");
            try (RunningServer server = start(10, "--finger-program", finger.toString())) {
                assertEquals("Login: moshez\nPlan: a job at Microsoft\n\r\n", ask(server.port(), "moshez\r\n"));
            }
        }

        @Test
        void step11WhitewashesTheOutput() throws Exception {
            Path finger = program("echo \"Login: $1\"; echo \"Plan: a job at Microsoft\"");
            try (RunningServer server = start(11, "--finger-program", finger.toString())) {
                assertEquals("Login: moshez\nPlan: a job at It which cannot be named\n\r\n",
                        ask(server.port(), "moshez\r\n"));
            }
        }

        @Test
        void theUserNameIsOneArgumentNeverShellText() throws Exception {
            Path finger = program("echo \"$#:$1\"");
            try (RunningServer server = start(10, "--finger-program", finger.toString())) {
                assertEquals("1:a b; echo pwned\n\r\n", ask(server.port(), "a b; echo pwned\r\n"));
            }
        }

        @ParameterizedTest(name = "step {0}")
        @ValueSource(ints = {10, 11})
        void answersInternalErrorWhenTheProgramWritesToStderr(int step) throws Exception {
            Path finger = program("echo \"finger: $1: no such user.\" >&2");
            try (RunningServer server = start(step, "--finger-program", finger.toString())) {
                assertEquals("Internal error in server\r\n", ask(server.port(), "nobody\r\n"));
            }
        }

        @ParameterizedTest(name = "step {0}")
        @ValueSource(ints = {10, 11})
        void saysSoClearlyWhenThereIsNoFingerProgram(int step) throws Exception {
            String missing = dir.resolve("no-such-dir/finger").toString();
            try (RunningServer server = start(step, "--finger-program", missing)) {
                assertEquals("No finger program on this server: cannot run '" + missing + "'\r\n",
                        ask(server.port(), "moshez\r\n"));
            }
        }

        @Test
        void runsTheLocalFingerProgramByDefaultOrSaysThereIsNone() throws Exception {
            boolean installed = Files.isExecutable(Path.of("/usr/bin/finger")) || Files.isExecutable(Path.of("/bin/finger"));
            try (RunningServer server = start(10)) {
                String reply = ask(server.port(), "root\r\n");
                if (installed) {
                    // Its output is the machine's; it is the program's, not our message.
                    assertFalse(reply.startsWith("No finger program"), reply);
                    assertTrue(reply.endsWith("\r\n"), reply);
                } else {
                    assertEquals("No finger program on this server: cannot run 'finger'\r\n", reply);
                }
            }
        }
    }

    @Nested
    class CommandLine {
        @ParameterizedTest
        @ValueSource(strings = {"0", "12", "x", "1.5", "007x"})
        void refusesAStepThatDoesNotExist(String n) throws Exception {
            try (RunningServer server = RunningServer.launch(new FingerSteps(), "--port", "0", n)) {
                assertEquals(2, server.awaitExit());
                assertTrue(server.err().startsWith("jtwisted-samples finger-steps: N must be a step from 1 to 11, not '"
                        + n + "'; finger-steps --help lists them\n"), server.err());
            }
        }

        @Test
        void refusesToRunWithoutAStep() throws Exception {
            try (RunningServer server = RunningServer.launch(new FingerSteps(), "--port", "0")) {
                assertEquals(2, server.awaitExit());
                assertTrue(server.err().startsWith("jtwisted-samples finger-steps: "), server.err());
            }
        }

        @Test
        void helpListsEveryStep() throws Exception {
            try (RunningServer server = RunningServer.launch(new FingerSteps(), "--help")) {
                assertEquals(0, server.awaitExit());
                String out = server.out();
                assertTrue(out.contains("the tutorial's step to serve, 1 to 11:"), out);
                for (int i = 0; i < FingerSteps.STEPS.size(); i++) {
                    FingerSteps.Step step = FingerSteps.STEPS.get(i);
                    assertTrue(out.matches("(?s).*\\n +" + (i + 1) + "  " + step.name() + " +\\Q" + step.what() + "\\E\\n.*"),
                            "step " + (i + 1) + " missing from: " + out);
                }
            }
        }
    }
}
