package dev.jtwisted.interop;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jtwisted.interop.LineClient.Closed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The samples as a user runs them, {@code java -jar samples/target/jtwisted-samples.jar NAME
 * --port 0}, spoken to by real Python Twisted 22.4 clients: {@code LineReceiver} connections
 * ({@code line_client.py}) for the chat, kv and finger servers, and {@code twisted.web.client.Agent}
 * with {@code readBody} ({@code web_client.py}) for the chat's admin API. Every byte each client
 * receives is checked, so a line that should not reach a client (the sender's own chat line, an
 * answer after an error) would show.
 *
 * <p>Skips without {@code python3-twisted}, or without the samples jar (built by the samples
 * module's {@code package}, which a full {@code mvn verify} runs before these tests).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SamplesInteropTest {
    private static final Duration LISTEN = Duration.ofSeconds(30);
    /** One byte more than the servers' {@code LineReceiver.MAX_LENGTH}. */
    private static final int OVER_MAX_LENGTH = 16384 + 1;
    /** How a connection the server closed may end at the client: a clean close, or a reset when
     *  the server closed with some of what the client sent still unread (as Twisted's own servers do). */
    private static final Set<String> CLOSED_BY_SERVER = Set.of("ConnectionDone", "ConnectionLost");

    // Declared first, so that it is stopped after the Python clients (extensions registered later
    // run their afterEach first).
    @RegisterExtension
    final SamplesJar samples = new SamplesJar();

    @RegisterExtension
    final PythonTwisted python = new PythonTwisted();

    @Nested
    class Chat {
        private static final String BANNER = "Welcome to the chat!";

        private int chatPort;
        private int apiPort;

        private void startChat() {
            SamplesJar.Sample chat = samples.start("chat", "--port", "0", "--api-port", "0");
            chatPort = chat.port("chat", LISTEN);
            apiPort = chat.port("chat-api", LISTEN);
        }

        @Test
        void greetsEachTwistedClientWithTheBannerAndSendsItsLinesToTheOthersOnly() {
            startChat();
            LineClient clients = LineClient.start(python, chatPort, "crlf");
            assertEquals(BANNER, clients.connectAndReadLine("a"));
            assertEquals(BANNER, clients.connectAndReadLine("b"));
            assertEquals(BANNER, clients.connectAndReadLine("c"));

            clients.sendLine("a", "hello from a");
            assertEquals("hello from a", clients.readLine("b"));
            assertEquals("hello from a", clients.readLine("c"));
            // As plain nc sends it: a bare \n ends a line too.
            clients.send("b", "hi from b\n", 1);
            assertEquals("hi from b", clients.readLine("a"));
            assertEquals("hi from b", clients.readLine("c"));
            // A line in two writes arrives whole; two lines in one write arrive as two.
            clients.send("c", "one line, ", 1);
            clients.send("c", "two writes\nand another\n", 1);
            assertEquals(List.of("one line, two writes", "and another"), clients.readLines("a", 2));
            assertEquals(List.of("one line, two writes", "and another"), clients.readLines("b", 2));
            // An empty line is a line, and UTF-8 passes as it came.
            clients.sendLine("a", "");
            clients.sendLine("a", "café ☕");
            assertEquals(List.of("", "café ☕"), clients.readLines("b", 2));
            assertEquals(List.of("", "café ☕"), clients.readLines("c", 2));

            // Everything each received, byte for byte: none got its own lines back.
            Closed a = clients.closeAndAwait("a");
            Closed b = clients.closeAndAwait("b");
            Closed c = clients.closeAndAwait("c");
            assertAll(
                    () -> assertEquals(new Closed("us", "ConnectionDone",
                            BANNER + "\r\nhi from b\r\none line, two writes\r\nand another\r\n"), a),
                    () -> assertEquals(new Closed("us", "ConnectionDone",
                            BANNER + "\r\nhello from a\r\none line, two writes\r\nand another\r\n\r\ncafé ☕\r\n"), b),
                    () -> assertEquals(new Closed("us", "ConnectionDone",
                            BANNER + "\r\nhello from a\r\nhi from b\r\n\r\ncafé ☕\r\n"), c));
        }

        @Test
        void disconnectsAClientWhoseLineIsOverMaxLengthAndTheOthersGoOnChatting() {
            startChat();
            LineClient clients = LineClient.start(python, chatPort, "crlf");
            assertEquals(BANNER, clients.connectAndReadLine("a"));
            assertEquals(BANNER, clients.connectAndReadLine("b"));
            assertEquals(BANNER, clients.connectAndReadLine("long"));

            // A line of exactly MAX_LENGTH bytes is still a line.
            String longest = "y".repeat(16384);
            clients.sendLine("long", longest);
            assertEquals(longest, clients.readLine("a"));
            assertEquals(longest, clients.readLine("b"));
            // Two bytes more (the first could still be the \r of a \r\n) and no newline yet: that
            // user is closed.
            clients.send("long", "x", OVER_MAX_LENGTH + 1);
            Closed dropped = clients.awaitClosed("long");
            assertEquals("peer", dropped.by(), "who closed the over-long line's connection");
            assertTrue(CLOSED_BY_SERVER.contains(dropped.reason()), dropped.reason());
            assertEquals(BANNER + "\r\n", dropped.received());

            clients.sendLine("a", "still here?");
            assertEquals("still here?", clients.readLine("b"));
            clients.sendLine("b", "yes");
            assertEquals("yes", clients.readLine("a"));
            Closed a = clients.closeAndAwait("a");
            Closed b = clients.closeAndAwait("b");
            assertAll(
                    () -> assertEquals(new Closed("us", "ConnectionDone", BANNER + "\r\n" + longest + "\r\nyes\r\n"), a),
                    () -> assertEquals(new Closed("us", "ConnectionDone",
                            BANNER + "\r\n" + longest + "\r\nstill here?\r\n"), b));
        }

        @Test
        void adminApiFromTwistedAgentCountsUsersAndSetsTheBannerOfNewUsersOnly() {
            startChat();
            LineClient clients = LineClient.start(python, chatPort, "crlf");
            assertEquals(BANNER, clients.connectAndReadLine("a"));
            assertEquals(BANNER, clients.connectAndReadLine("b"));

            JsonArray responses = web(apiPort,
                    get("/users/"),
                    post("/banner/", "{\"banner\": \"Hello, Twisted\""), // no closing brace
                    post("/banner/", "{\"banner\": 42}"),
                    get("/banner/"),
                    post("/banner/", "{\"banner\": \"Hello, Twisted\"}"),
                    get("/banner/"));
            JsonObject users = responses.get(0).getAsJsonObject();
            assertAll(
                    () -> assertEquals(200, users.get("code").getAsInt(), users.toString()),
                    () -> assertEquals("[\"application/json\"]", users.getAsJsonObject("headers")
                            .get("content-type").toString(), users.toString()),
                    () -> assertEquals("{\n    \"users\": 2\n}\n", users.get("body").getAsString()));
            JsonObject badJson = responses.get(1).getAsJsonObject();
            JsonObject badJsonBody = JsonParser.parseString(badJson.get("body").getAsString()).getAsJsonObject();
            assertAll(
                    () -> assertEquals(400, badJson.get("code").getAsInt(), badJson.toString()),
                    () -> assertEquals("ERROR", badJsonBody.get("status").getAsString(), badJson.toString()),
                    () -> assertTrue(badJsonBody.get("error").getAsString().startsWith("the body is not JSON: "),
                            badJson.toString()));
            JsonObject notString = responses.get(2).getAsJsonObject();
            assertAll(
                    () -> assertEquals(400, notString.get("code").getAsInt(), notString.toString()),
                    () -> assertEquals("{\n    \"status\": \"ERROR\",\n    \"error\": \"\\\"banner\\\" must be a string,"
                            + " not a number\"\n}\n", notString.get("body").getAsString()));
            assertEquals("{\n    \"banner\": \"Welcome to the chat!\"\n}\n",
                    responses.get(3).getAsJsonObject().get("body").getAsString(), "the banner after the 400s");
            JsonObject set = responses.get(4).getAsJsonObject();
            assertAll(
                    () -> assertEquals(200, set.get("code").getAsInt(), set.toString()),
                    () -> assertEquals("{\n    \"status\": \"SUCCESS\",\n    \"banner\": \"Hello, Twisted\"\n}\n",
                            set.get("body").getAsString()));
            assertEquals("{\n    \"banner\": \"Hello, Twisted\"\n}\n",
                    responses.get(5).getAsJsonObject().get("body").getAsString());

            // A user who connects now gets the new banner; those already there are not greeted again.
            assertEquals("Hello, Twisted", clients.connectAndReadLine("c"));
            clients.sendLine("c", "hi");
            assertEquals("hi", clients.readLine("a"));
            assertEquals("hi", clients.readLine("b"));
            assertEquals(BANNER + "\r\nhi\r\n", clients.closeAndAwait("a").received());
            assertEquals(BANNER + "\r\nhi\r\n", clients.closeAndAwait("b").received());
            assertEquals("Hello, Twisted\r\n", clients.closeAndAwait("c").received());
        }

        /** The requests, made in turn by {@code web_client.py} (Agent and readBody); its responses. */
        private JsonArray web(int port, JsonObject... requests) {
            JsonArray plan = new JsonArray();
            for (JsonObject request : requests) {
                plan.add(request);
            }
            PythonProcess client = python.start("web_client.py", "http://127.0.0.1:" + port, plan.toString(),
                    "--timeout", "30");
            JsonObject result = client.readJson(Duration.ofSeconds(40));
            assertEquals(0, client.waitFor(Duration.ofSeconds(10)), result + client.diagnostics());
            JsonArray responses = result.getAsJsonArray("responses");
            assertEquals(requests.length, responses.size(), result.toString());
            return responses;
        }

        private JsonObject get(String path) {
            JsonObject request = new JsonObject();
            request.addProperty("method", "GET");
            request.addProperty("path", path);
            return request;
        }

        private JsonObject post(String path, String body) {
            JsonObject request = get(path);
            request.addProperty("method", "POST");
            request.addProperty("body", body);
            return request;
        }
    }

    @Nested
    class Kv {
        private int startKv() {
            return samples.start("kv", "--port", "0").port("kv", LISTEN);
        }

        @Test
        void setGetDeleteAndEveryErrorAnsweredOnALineThatStaysOpen() {
            LineClient clients = LineClient.start(python, startKv(), "crlf");
            clients.connect("a");
            List<String[]> exchanges = List.of(
                    new String[] {"set greeting hello world", "stored"},
                    new String[] {"get greeting", "hello world"},
                    new String[] {"delete greeting", "deleted"},
                    new String[] {"get greeting", "not found"},
                    new String[] {"delete greeting", "not found"},
                    new String[] {"GET greeting", "error: unknown command"},
                    new String[] {"", "error: unknown command"},
                    new String[] {"get", "error: wrong number of arguments"},
                    new String[] {"get a b", "error: wrong number of arguments"},
                    new String[] {"set k", "error: wrong number of arguments"},
                    new String[] {"delete", "error: wrong number of arguments"},
                    new String[] {"get ", "error: empty key"},
                    new String[] {"set  v", "error: empty key"},
                    new String[] {"delete ", "error: empty key"},
                    new String[] {"set k not found", "error: reserved value"},
                    new String[] {"set empty ", "stored"},
                    new String[] {"get empty", ""},
                    new String[] {"set café crème brûlée", "stored"},
                    new String[] {"get café", "crème brûlée"},
                    new String[] {"set spaced  two  spaces ", "stored"},
                    new String[] {"get spaced", " two  spaces "});
            StringBuilder expected = new StringBuilder();
            for (String[] exchange : exchanges) {
                clients.sendLine("a", exchange[0]);
                assertEquals(exchange[1], clients.readLine("a"), "the answer to '" + exchange[0] + "'");
                expected.append(exchange[1]).append("\r\n");
            }
            assertEquals(new Closed("us", "ConnectionDone", expected.toString()), clients.closeAndAwait("a"));
        }

        @Test
        void answersPipelinedRequestsInOrderAndSharesTheStoreBetweenConnections() {
            LineClient clients = LineClient.start(python, startKv(), "crlf");
            clients.connect("a").connect("b");
            List<String> requests = new ArrayList<>();
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                requests.add("set key" + i + " value " + i);
                answers.add("stored");
                requests.add("get key" + i);
                answers.add("value " + i);
            }
            requests.add("nonsense");
            answers.add("error: unknown command");
            for (int i = 0; i < 100; i += 2) {
                requests.add("delete key" + i);
                answers.add("deleted");
            }
            for (int i = 0; i < 100; i++) {
                requests.add("get key" + i);
                answers.add(i % 2 == 0 ? "not found" : "value " + i);
            }
            clients.sendLines("a", requests); // 451 requests in one write
            assertEquals(answers, clients.readLines("a", answers.size()));

            clients.sendLines("b", List.of("get key1", "get key2", "set key1 from b"));
            assertEquals(List.of("value 1", "not found", "stored"), clients.readLines("b", 3));
            clients.sendLine("a", "get key1");
            assertEquals("from b", clients.readLine("a"));

            assertEquals(new Closed("us", "ConnectionDone", String.join("\r\n", answers) + "\r\nfrom b\r\n"),
                    clients.closeAndAwait("a"));
            assertEquals(new Closed("us", "ConnectionDone", "value 1\r\nnot found\r\nstored\r\n"),
                    clients.closeAndAwait("b"));
        }

        @Test
        void aLineOverMaxLengthClosesThatConnectionOnly() {
            LineClient clients = LineClient.start(python, startKv(), "crlf");
            clients.connect("a").connect("long");
            clients.sendLine("a", "set x 1");
            assertEquals("stored", clients.readLine("a"));
            clients.sendLine("long", "get x");
            assertEquals("1", clients.readLine("long"));

            // A value of exactly MAX_LENGTH bytes in all ("set big " and the rest) is fine.
            String fits = "v".repeat(16384 - "set big ".length());
            clients.sendLine("long", "set big " + fits);
            assertEquals("stored", clients.readLine("long"));
            // One byte more, delimiter and all sent at once: closed, with no answer.
            clients.sendLine("long", "set big " + fits + "v");
            Closed dropped = clients.awaitClosed("long");
            assertEquals("peer", dropped.by(), "who closed the over-long line's connection");
            assertTrue(CLOSED_BY_SERVER.contains(dropped.reason()), dropped.reason());
            assertEquals("1\r\nstored\r\n", dropped.received());

            clients.sendLines("a", List.of("get x", "get big"));
            assertEquals(List.of("1", fits), clients.readLines("a", 2));
            assertEquals(new Closed("us", "ConnectionDone", "stored\r\n1\r\n" + fits + "\r\n"),
                    clients.closeAndAwait("a"));
        }
    }

    @Nested
    class Finger {
        private int fingerPort;
        private int setterPort;

        private void startFinger() {
            SamplesJar.Sample finger = samples.start("finger", "--port", "0", "--setter-port", "0");
            fingerPort = finger.port("finger", LISTEN);
            setterPort = finger.port("finger-setter", LISTEN);
        }

        /**
         * Sends {@code user} as a Twisted client would, reads the one answer line, and returns how
         * the server ended the connection (with every byte received: the answer and nothing else).
         */
        private Closed finger(String user) {
            LineClient client = LineClient.start(python, fingerPort, "crlf");
            client.connect("q");
            client.sendLine("q", user);
            client.readLine("q");
            return client.awaitClosed("q");
        }

        @Test
        void answersMoshezWithHisStatusThenCloses() {
            startFinger();
            assertEquals(new Closed("peer", "ConnectionDone", "Happy and well\r\n"), finger("moshez"));
        }

        @Test
        void answersNoSuchUserForAnUnknownUserAndATooLongNameWithAnError() {
            startFinger();
            assertEquals(new Closed("peer", "ConnectionDone", "No such user\r\n"), finger("nobody"));
            Closed tooLong = finger("m".repeat(1025));
            assertEquals("peer", tooLong.by());
            assertTrue(CLOSED_BY_SERVER.contains(tooLong.reason()), tooLong.reason());
            assertEquals("Line too long: a user name has at most 1024 bytes\r\n", tooLong.received());
        }

        @Test
        void theSetterChangesWhatFingerAnswers() {
            startFinger();
            LineClient setter = LineClient.start(python, setterPort, "crlf");
            setter.connect("set");
            setter.sendLines("set", List.of("moshez", "Hacking"));
            assertEquals(new Closed("peer", "ConnectionDone", ""), setter.awaitClosed("set"));
            assertEquals(new Closed("peer", "ConnectionDone", "Hacking\r\n"), finger("moshez"));
        }
    }
}
