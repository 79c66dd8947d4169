package dev.jtwisted.interop;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.google.gson.JsonObject;
import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.interop.ConnectionLog.Closed;
import dev.jtwisted.interop.ScriptedPeer.Case;
import dev.jtwisted.interop.ScriptedPeer.EchoEnd;
import dev.jtwisted.interop.ScriptedPeer.Outcome;
import dev.jtwisted.interop.ScriptedPeer.Report;
import dev.jtwisted.testing.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * jtwisted's {@code protocols.basic} receivers against Twisted 22.4's over real sockets, both
 * ways: Twisted clients sending frames with {@code LineReceiver}, {@code LineOnlyReceiver},
 * {@code NetstringReceiver} and {@code Int32StringReceiver} to jtwisted echo servers, jtwisted
 * clients doing the same to Twisted's, and a Twisted peer ({@code scripted_peer.py}) that plays
 * the malformed inputs of {@link MalformedInputs} to a Twisted echo and to a jtwisted one (servers,
 * then clients) and requires the same result of each: the same bytes back, the same close or not,
 * the same complaint from the receiver, and a well-behaved connection alongside that keeps working.
 * Needs the reactor (see {@link Reactors}) and {@code python3-twisted}; skips, saying which is
 * missing, otherwise.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FramingInteropTest {
    private static final Duration LINE = Duration.ofSeconds(10);
    private static final Duration RUN = Duration.ofSeconds(40);
    private static final String HOST = "127.0.0.1";
    private static final int FRAMES = 200;
    private static final int CONNECTIONS = 3;

    @RegisterExtension
    final PythonTwisted python = new PythonTwisted();

    private Reactors.Running running;

    @BeforeEach
    void startReactor() {
        running = Reactors.start();
    }

    @AfterEach
    void stopReactor() {
        if (running != null) {
            running.close();
        }
    }

    @Nested
    class LineReceivers extends FramingTests {
        LineReceivers() {
            super(Framing.LINE);
        }
    }

    @Nested
    class LineOnlyReceivers extends FramingTests {
        LineOnlyReceivers() {
            super(Framing.LINE_ONLY);
        }
    }

    @Nested
    class NetstringReceivers extends FramingTests {
        NetstringReceivers() {
            super(Framing.NETSTRING);
        }
    }

    @Nested
    class Int32StringReceivers extends FramingTests {
        Int32StringReceivers() {
            super(Framing.INT32);
        }
    }

    /** The tests of one framing; each {@code @Nested} class above runs them for its own. */
    abstract class FramingTests {
        final Framing framing;
        final List<Case> cases;

        FramingTests(Framing framing) {
            this.framing = framing;
            this.cases = MalformedInputs.of(framing);
        }

        @Test
        void aTwistedClientGetsEveryFrameBackFromAJtwistedServer() {
            ConnectionLog log = new ConnectionLog();
            int port = listen(FrameEcho.serverFactory(framing, framing.defaultMaxLength, null, log));

            PythonProcess client = python.start("frame_client.py", HOST, String.valueOf(port),
                    String.valueOf(FRAMES), String.valueOf(CONNECTIONS), "--framing", framing.pythonName);
            JsonObject result = client.readJson(RUN);
            int exit = client.waitFor(LINE);

            assertAll(
                    () -> assertTrue(result.get("ok").getAsBoolean(), () -> "frame_client: " + result + client.diagnostics()),
                    () -> assertEquals(0, exit, client::diagnostics),
                    () -> assertEquals(FRAMES * CONNECTIONS, result.get("frames").getAsInt(), result::toString));
            for (Closed c : log.awaitAllClosed(CONNECTIONS, LINE)) {
                assertEquals(new EchoEnd("ConnectionDone", null), EchoEnd.of(c), c::toString);
            }
        }

        @Test
        void aJtwistedClientGetsEveryFrameBackFromATwistedServer() {
            PythonProcess server = python.start("echo_server.py", "--framing", framing.pythonName);
            int port = server.awaitListening(LINE);

            List<CompletableFuture<CheckingFrameClient.Result>> results = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                CompletableFuture<CheckingFrameClient.Result> result = new CompletableFuture<>();
                ClientFactory factory = CheckingFrameClient.factory(framing,
                        CheckingFrameClient.frames(framing, i, FRAMES), result);
                connect(port, factory);
                results.add(result);
            }

            for (CompletableFuture<CheckingFrameClient.Result> f : results) {
                CheckingFrameClient.Result r = server.await(f, RUN);
                assertTrue(r.ok(), () -> r + server.diagnostics());
                assertEquals(ConnectionDone.class, r.reason(), r::toString);
            }
            // And Twisted's receivers took every frame and closed cleanly, with no complaint.
            for (EchoEnd end : ScriptedPeer.readEchoEnds(server, CONNECTIONS, LINE)) {
                assertEquals(new EchoEnd("ConnectionDone", null), end);
            }
        }

        @TestFactory
        List<DynamicTest> aJtwistedServerEndsEachBadInputAsTwistedsServerDoes(@TempDir Path dir) {
            String file = ScriptedPeer.write(dir, framing, cases).toString();
            LogCapture.clear();
            int n = cases.size() + 1;
            ConnectionLog log = new ConnectionLog();
            int jtwistedPort = listen(FrameEcho.serverFactory(framing, MalformedInputs.MAX_LENGTH,
                    ScriptedPeer.bytes(MalformedInputs.CLOSE_ON), log));
            PythonProcess server = python.start("echo_server.py", "--framing", framing.pythonName,
                    "--max-length", String.valueOf(MalformedInputs.MAX_LENGTH), "--close-on", MalformedInputs.CLOSE_ON);
            int twistedPort = server.awaitListening(LINE);

            PythonProcess toTwisted = python.start("scripted_peer.py", file, "connect", HOST,
                    String.valueOf(twistedPort));
            PythonProcess toJtwisted = python.start("scripted_peer.py", file, "connect", HOST,
                    String.valueOf(jtwistedPort));
            Report twisted = ScriptedPeer.read(toTwisted, server, cases, LINE);
            Report jtwisted = ScriptedPeer.read(toJtwisted, null, cases, LINE);

            return compare("server", twisted, ScriptedPeer.readEchoEnds(server, n, LINE),
                    jtwisted, ScriptedPeer.echoEnds(log, n, LINE));
        }

        @TestFactory
        List<DynamicTest> aJtwistedClientEndsEachBadInputAsTwistedsClientDoes(@TempDir Path dir) {
            String file = ScriptedPeer.write(dir, framing, cases).toString();
            LogCapture.clear();
            int n = cases.size() + 1;
            PythonProcess forTwisted = python.start("scripted_peer.py", file, "listen");
            PythonProcess forJtwisted = python.start("scripted_peer.py", file, "listen");
            int twistedPeerPort = forTwisted.awaitListening(LINE);
            int jtwistedPeerPort = forJtwisted.awaitListening(LINE);

            PythonProcess client = python.start("frame_echo_client.py", HOST, String.valueOf(twistedPeerPort),
                    String.valueOf(n), "--framing", framing.pythonName,
                    "--max-length", String.valueOf(MalformedInputs.MAX_LENGTH), "--close-on", MalformedInputs.CLOSE_ON);
            // The order the peer counts on (see frame_echo_client.py): the steady connection,
            // then each case's once the one before it has closed.
            ConnectionLog log = new ConnectionLog();
            ClientFactory factory = FrameEcho.clientFactory(framing, MalformedInputs.MAX_LENGTH,
                    ScriptedPeer.bytes(MalformedInputs.CLOSE_ON), log);
            connect(jtwistedPeerPort, factory);
            log.awaitMade(1, LINE);
            for (int i = 1; i < n; i++) {
                connect(jtwistedPeerPort, factory);
                log.awaitClosed(i, LINE);
            }
            Report twisted = ScriptedPeer.read(forTwisted, client, cases, LINE);
            Report jtwisted = ScriptedPeer.read(forJtwisted, null, cases, LINE);
            List<EchoEnd> twistedEnds = ScriptedPeer.readEchoEnds(client, n, LINE);
            assertEquals("done", client.readJson(LINE).get("event").getAsString(), client::diagnostics);

            return compare("client", twisted, twistedEnds, jtwisted, ScriptedPeer.echoEnds(log, n, LINE));
        }

        /**
         * A test per case, requiring Twisted's echo to do what the case says, jtwisted's to do what
         * Twisted's did and to log the case's complaint (once) if it has one, and a test for the
         * steady connection that ran alongside.
         */
        private List<DynamicTest> compare(String side, Report twisted, List<EchoEnd> twistedEnds,
                Report jtwisted, List<EchoEnd> jtwistedEnds) {
            String probe = ScriptedPeer.probe(framing);
            List<DynamicTest> tests = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                Outcome expected = c.expected(framing, probe);
                Outcome fromTwisted = twisted.outcome(i, twistedEnds.get(i + 1));
                Outcome fromJtwisted = jtwisted.outcome(i, jtwistedEnds.get(i + 1));
                List<String> said = FrameEcho.said(i + 1);
                tests.add(dynamicTest(c.name(), () -> assertAll(c.name(),
                        () -> assertEquals(expected, fromTwisted, "Twisted's " + side + ", the reference"),
                        () -> assertEquals(fromTwisted, fromJtwisted, "jtwisted's " + side + " against Twisted's"),
                        () -> assertComplaint(c.complaint(), said))));
            }
            Outcome steady = new Outcome(probe + probe, "survived", new EchoEnd("ConnectionDone", null));
            String alongside = "a well-behaved connection alongside keeps working";
            tests.add(dynamicTest(alongside, () -> assertAll(alongside,
                    () -> assertEquals(steady, twisted.steadyOutcome(twistedEnds.get(0)), "Twisted's " + side),
                    () -> assertEquals(steady, jtwisted.steadyOutcome(jtwistedEnds.get(0)), "jtwisted's " + side),
                    () -> assertTrue(twisted.ok() && jtwisted.ok(), "no case hung"))));
            return tests;
        }
    }

    /** Requires jtwisted's receiver to have logged {@code complaint} once, or nothing if it is null. */
    private static void assertComplaint(String complaint, List<String> said) {
        if (complaint == null) {
            assertEquals(List.of(), said, "jtwisted's receiver logs no complaint");
        } else {
            assertTrue(said.size() == 1 && said.get(0).contains(complaint),
                    () -> "jtwisted's receiver logs once why it closes, saying \"" + complaint + "\": " + said);
        }
    }

    /** Listens on 127.0.0.1, port 0, with {@code factory}; returns the port chosen. */
    private int listen(ServerFactory factory) {
        IListeningPort port = running.call(() -> running.reactor.listenTCP(0, factory, 50, HOST));
        return ((IPv4Address) port.getHost()).port();
    }

    private void connect(int port, ClientFactory factory) {
        running.call(() -> running.reactor.connectTCP(HOST, port, factory, 10, null));
    }
}
