package dev.jtwisted.samples.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.samples.LinePeer;
import dev.jtwisted.samples.RunningServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code kv-client}, run as the jar runs it, against a kv server or a fake one started here. */
@Timeout(60)
class KeyValueClientSampleTest {

    private static RunningServer client(String server, String... commands) {
        String[] argv = new String[commands.length + 2];
        argv[0] = "--server";
        argv[1] = server;
        System.arraycopy(commands, 0, argv, 2, commands.length);
        return RunningServer.launch(new KeyValueClientSample(), argv);
    }

    /** A server socket for a fake kv server whose {@code accept} gives up after {@link RunningServer#WAIT}. */
    private static ServerSocket fakeServer() throws Exception {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        socket.setSoTimeout((int) RunningServer.WAIT.toMillis());
        return socket;
    }

    @Nested
    class AgainstTheKvServer {
        @Test
        void printsEachReplyInOrderAndExitsWithZero() throws Exception {
            try (RunningServer kv = RunningServer.start(new KeyValueServer());
                    RunningServer run = client("127.0.0.1:" + kv.port(), "set", "a", "hello world", "get", "a",
                            "get", "b", "delete", "a", "delete", "a", "set", "e", "", "get", "e", "set", "r",
                            "not found")) {
                assertEquals(0, run.awaitExit(), run.err());
                assertEquals("""
                        set a hello world -> stored
                        get a -> hello world
                        get b -> Error: not found: b
                        delete a -> deleted
                        delete a -> Error: not found: a
                        set e  -> stored
                        get e -> \n\
                        set r not found -> Error: reserved value
                        """, run.out());
            }
        }

        @Test
        void leavesTheValuesItSetForTheNextClient() throws Exception {
            try (RunningServer kv = RunningServer.start(new KeyValueServer())) {
                try (RunningServer first = client("127.0.0.1:" + kv.port(), "set", "k", "v")) {
                    assertEquals(0, first.awaitExit(), first.err());
                }
                try (RunningServer second = client("127.0.0.1:" + kv.port(), "get", "k")) {
                    assertEquals(0, second.awaitExit(), second.err());
                    assertEquals("get k -> v\n", second.out());
                }
            }
        }
    }

    @Nested
    class AgainstAFakeServer {
        @Test
        void sendsEveryRequestBeforeReadingAnyReplyAndMatchesTheRepliesInOrder() throws Exception {
            try (ServerSocket fake = fakeServer();
                    RunningServer run = client("127.0.0.1:" + fake.getLocalPort(), "set", "a", "1", "get", "a",
                            "get", "b", "delete", "a", "set", "r", "not found")) {
                try (LinePeer server = new LinePeer(fake.accept())) {
                    // No reply goes out until all five requests are in: a client waiting for each
                    // reply before the next request would leave this read waiting, and fail.
                    server.expect("set a 1", "get a", "get b", "delete a", "set r not found");
                    server.send("stored", "1", "not found", "deleted", "error: reserved value");
                    server.expectClosed();
                }
                assertEquals(0, run.awaitExit(), run.err());
                assertEquals("""
                        set a 1 -> stored
                        get a -> 1
                        get b -> Error: not found: b
                        delete a -> deleted
                        set r not found -> Error: reserved value
                        """, run.out());
            }
        }

        @Test
        void aLostConnectionFailsThePendingRequestsAndTheRunWithOne() throws Exception {
            try (ServerSocket fake = fakeServer();
                    RunningServer run = client("127.0.0.1:" + fake.getLocalPort(), "get", "a", "get", "b",
                            "get", "c")) {
                try (LinePeer server = new LinePeer(fake.accept())) {
                    server.expect("get a", "get b", "get c");
                    server.send("1");
                }
                assertEquals(1, run.awaitExit(), run.out());
                String[] lines = run.out().split("\n");
                assertEquals(3, lines.length, run.out());
                assertEquals("get a -> 1", lines[0]);
                assertTrue(lines[1].startsWith("get b -> Error: "), lines[1]);
                assertTrue(lines[2].startsWith("get c -> Error: "), lines[2]);
                assertTrue(run.err().startsWith("jtwisted-samples kv-client: "), run.err());
                assertFalse(run.err().contains("\tat "), "one line, no stack trace: " + run.err());
            }
        }
    }

    @Nested
    class Failing {
        @Test
        void anUnreachableServerIsNamedOnOneLineAndExitsWithOne() throws Exception {
            int closedPort;
            try (ServerSocket s = fakeServer()) {
                closedPort = s.getLocalPort();
            }
            try (RunningServer run = client("127.0.0.1:" + closedPort, "get", "a")) {
                assertEquals(1, run.awaitExit());
                assertEquals("", run.out());
                assertTrue(run.err().startsWith("jtwisted-samples kv-client: "), run.err());
                assertTrue(run.err().toLowerCase().contains("refused"), run.err());
                assertFalse(run.err().contains("\tat "), "one line, no stack trace: " + run.err());
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"frob a", "get", "set a", "get a|b", "delete a|b c", "get a set b", "get _"})
        void aBadCommandListIsNamedAndExitsWithTwoWithoutConnecting(String commands) throws Exception {
            // "a|b" stands for one argument with a space in it, "_" for an empty one.
            String[] words = commands.split(" ");
            for (int i = 0; i < words.length; i++) {
                words[i] = words[i].equals("_") ? "" : words[i].replace('|', ' ');
            }
            try (ServerSocket fake = fakeServer();
                    RunningServer run = client("127.0.0.1:" + fake.getLocalPort(), words)) {
                assertEquals(2, run.awaitExit(), run.out());
                assertTrue(run.err().startsWith("jtwisted-samples kv-client: "), run.err());
                assertTrue(run.err().contains("usage: "), run.err());
                // It has exited: a connection it made would be waiting already.
                fake.setSoTimeout(100);
                assertThrows(SocketTimeoutException.class, fake::accept);
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"127.0.0.1", "127.0.0.1:", ":8000", "127.0.0.1:0", "127.0.0.1:65536", "::1:8000",
                "[::1]8000", "host:port"})
        void aBadServerIsNamedAndExitsWithTwo(String server) throws Exception {
            try (RunningServer run = client(server, "get", "a")) {
                assertEquals(2, run.awaitExit());
                assertTrue(run.err().contains("--server must be HOST:PORT"), run.err());
                assertTrue(run.err().contains("'" + server + "'"), run.err());
            }
        }
    }
}
