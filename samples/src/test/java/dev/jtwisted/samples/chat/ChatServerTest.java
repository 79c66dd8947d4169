package dev.jtwisted.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IPv6Address;
import dev.jtwisted.internet.testing.Chunks;
import dev.jtwisted.internet.testing.StringTransport;
import dev.jtwisted.samples.RunningServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code chat}: the protocol on fake transports, then the running sample over real sockets: the
 * chat port with netcat-like users, and the admin API over HTTP. The dashboard in a browser is
 * DashboardBrowserTest.
 */
@Timeout(60)
class ChatServerTest {
    private static final String BANNER = ChatServer.DEFAULT_BANNER;
    /** LineReceiver's default MAX_LENGTH. */
    private static final int MAX_LENGTH = 16384;

    @Nested
    class OnStringTransports {
        private final NetCatChatFactory factory = new NetCatChatFactory("Hello!");
        private final StringTransport aliceWire = new StringTransport();
        private final StringTransport bobWire = new StringTransport();
        private final NetCatChatProtocol alice = join(aliceWire);
        private final NetCatChatProtocol bob = join(bobWire);

        private NetCatChatProtocol join(StringTransport transport) {
            NetCatChatProtocol user = (NetCatChatProtocol) factory.buildProtocol(transport.getPeer());
            user.makeConnection(transport);
            return user;
        }

        @Test
        void greetsEachUserWithTheBannerAndCountsThem() {
            assertEquals("Hello!\r\n", aliceWire.valueString());
            assertEquals("Hello!\r\n", bobWire.valueString());
            assertEquals(2, factory.userCount());
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 7, 64})
        void sendsEachLineToTheOthersWhateverTheChunkSizeAndLineEnd(int chunk) {
            aliceWire.clear();
            bobWire.clear();
            Chunks.feed(alice, "one\r\ntwo\n\r\nthree\r\n", chunk);
            assertEquals("one\r\ntwo\r\n\r\nthree\r\n", bobWire.valueString());
            assertEquals("", aliceWire.valueString());
        }

        @Test
        void keepsACarriageReturnInsideTheLine() {
            bobWire.clear();
            Chunks.feed(alice, "a\rb\r\r\n", 64);
            assertEquals("a\rb\r\r\n", bobWire.valueString());
        }

        @Test
        void forgetsAUserWhoseConnectionIsLost() {
            alice.connectionLost(null);
            assertEquals(1, factory.userCount());
            bobWire.clear();
            Chunks.feed(bob, "anyone?\n", 64);
            assertEquals("Hello!\r\n", aliceWire.valueString(), "alice got nothing after she left");
        }

        @Test
        void losesOnlyTheConnectionOfAUserWhoSendsALineLongerThanMaxLength() {
            bobWire.clear();
            Chunks.feed(alice, "x".repeat(MAX_LENGTH + 1) + "\n", 1000);
            assertTrue(aliceWire.disconnecting());
            assertFalse(bobWire.disconnecting());
            assertEquals("", bobWire.valueString());
        }

        @Test
        void theLimitIsOnTheTextWhicheverTheLineEnd() {
            bobWire.clear();
            String longest = "y".repeat(MAX_LENGTH);
            Chunks.feed(alice, longest + "\r\n" + longest + "\n", 1000);
            assertEquals(longest + "\r\n" + longest + "\r\n", bobWire.valueString());
            assertFalse(aliceWire.disconnecting());
            Chunks.feed(alice, "x".repeat(MAX_LENGTH + 1) + "\r\n", 1000);
            assertTrue(aliceWire.disconnecting());
            assertEquals(longest + "\r\n" + longest + "\r\n", bobWire.valueString());
        }

        @Test
        void greetsNewUsersWithANewBannerAndNotThoseAlreadyThere() {
            factory.setBanner("Changed");
            StringTransport carolWire = new StringTransport();
            join(carolWire);
            assertEquals("Changed\r\n", carolWire.valueString());
            assertEquals("Hello!\r\n", aliceWire.valueString());
        }
    }

    @Nested
    class Banners {
        @ParameterizedTest
        @ValueSource(strings = {"", "Welcome!", "tab\there", "Grüße ☃ 😀"})
        void areAnyOneLineOfText(String banner) {
            assertNull(NetCatChatFactory.bannerProblem(banner));
            assertEquals(banner, new NetCatChatFactory(banner).banner());
        }

        @Test
        void mustBeOneLine() {
            assertEquals("must be one line, but has a line break (U+000A) at index 5",
                    NetCatChatFactory.bannerProblem("hello\nworld"));
            for (String lineBreak : List.of("\r", "\u000b", "\f", "\u0085", "\u2028", "\u2029")) {
                assertTrue(NetCatChatFactory.bannerProblem("a" + lineBreak).startsWith("must be one line"), lineBreak);
            }
        }

        @Test
        void mayNotHoldControlCharacters() {
            assertEquals("may not contain the control character U+001B (at index 0)",
                    NetCatChatFactory.bannerProblem("\u001b[31mred"));
        }

        @Test
        void haveALimit() {
            assertNull(NetCatChatFactory.bannerProblem("x".repeat(NetCatChatFactory.MAX_BANNER)));
            assertEquals("is 1025 characters long; the limit is 1024",
                    NetCatChatFactory.bannerProblem("x".repeat(NetCatChatFactory.MAX_BANNER + 1)));
        }

        @Test
        void areCheckedWhenSet() {
            NetCatChatFactory factory = new NetCatChatFactory("ok");
            var e = assertThrows(IllegalArgumentException.class, () -> factory.setBanner("a\nb"));
            assertEquals("banner must be one line, but has a line break (U+000A) at index 1", e.getMessage());
            assertEquals("ok", factory.banner());
        }
    }

    @Nested
    class ConnectHints {
        @Test
        void nameTheBoundAddress() {
            assertEquals("10.1.2.3", ChatServer.host(new IPv4Address("TCP", "10.1.2.3", 1), false));
            assertEquals("::1", ChatServer.host(new IPv6Address("TCP", "::1", 1), false));
            assertEquals("[::1]", ChatServer.host(new IPv6Address("TCP", "::1", 1), true));
        }

        @Test
        void nameTheLoopbackAddressForAWildcard() {
            assertEquals("127.0.0.1", ChatServer.host(new IPv4Address("TCP", "0.0.0.0", 1), true));
            assertEquals("::1", ChatServer.host(new IPv6Address("TCP", "::", 1), false));
            assertEquals("[::1]", ChatServer.host(new IPv6Address("TCP", "0:0:0:0:0:0:0:0", 1), true));
        }
    }

    /** The sample started as the jar starts it, on port 0 for both ports. */
    private static RunningServer start(String... options) throws Exception {
        List<String> argv = new ArrayList<>(List.of("--api-port", "0"));
        argv.addAll(List.of(options));
        return RunningServer.start(new ChatServer(), argv.toArray(new String[0]));
    }

    @Nested
    class Starting {
        @Test
        void printsTheListeningLinesWithHowToConnectAndWhereTheDashboardIsThenStopsWithZero() throws Exception {
            RunningServer server = start();
            int chat = server.port("chat");
            int api = server.port("chat-api");
            // The lines come before the reactor runs; a user greeted shows it runs, so it can be stopped.
            ChatUser.join(server, BANNER).close();
            assertEquals(0, server.stop());
            assertEquals("chat listening on 127.0.0.1:" + chat + "\n"
                    + "connect with: nc -C 127.0.0.1 " + chat + "\n"
                    + "chat-api listening on 127.0.0.1:" + api + "\n"
                    + "dashboard: http://127.0.0.1:" + api + "/\n", server.out());
        }

        @Test
        void usesTheBannerOption() throws Exception {
            try (RunningServer server = start("--banner", "Grüße ☃");
                    ChatUser user = ChatUser.join(server, "Grüße ☃")) {
                assertEquals("Grüße ☃", new Api(server).banner());
            }
        }

        @Test
        void refusesABannerOfTwoLinesWithTwo() throws Exception {
            RunningServer server = RunningServer.launch(new ChatServer(), "--port", "0", "--api-port", "0",
                    "--banner", "one\ntwo");
            assertEquals(2, server.awaitExit());
            assertTrue(server.err().startsWith("jtwisted-samples chat: --banner must be one line, but has a line "
                    + "break (U+000A) at index 3\n"), server.err());
            assertEquals("", server.out());
        }

        @Test
        void refusesTheSamePortForBothWithTwo() throws Exception {
            RunningServer server = RunningServer.launch(new ChatServer(), "--port", "8123", "--api-port", "8123");
            assertEquals(2, server.awaitExit());
            assertTrue(server.err().startsWith("jtwisted-samples chat: --port and --api-port must differ, not both "
                    + "8123\n"), server.err());
        }

        @Test
        void refusesABadApiPortWithTwo() throws Exception {
            RunningServer server = RunningServer.launch(new ChatServer(), "--api-port", "http");
            assertEquals(2, server.awaitExit());
            assertTrue(server.err().startsWith("jtwisted-samples chat: --api-port must be an integer from 0 to 65535, "
                    + "not 'http'\n"), server.err());
        }

        @Test
        void exitsWithOneNamingTheApiPortWhenItIsInUse() throws Exception {
            try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
                RunningServer server = RunningServer.launch(new ChatServer(), "--port", "0", "--api-port",
                        Integer.toString(taken.getLocalPort()));
                assertEquals(1, server.awaitExit());
                assertTrue(server.err().contains("" + taken.getLocalPort()), server.err());
                assertFalse(server.out().contains("chat-api listening"), server.out());
            }
        }
    }

    @Nested
    class Chatting {
        private RunningServer server;
        private Api api;

        @BeforeEach
        void start() throws Exception {
            server = ChatServerTest.start();
            api = new Api(server);
        }

        @AfterEach
        void stop() throws Exception {
            server.close();
        }

        @Test
        void greetsAUserWithTheBannerAsOneLine() throws Exception {
            try (ChatUser user = ChatUser.connect(server)) {
                assertEquals(BANNER, user.readLine());
            }
        }

        @Test
        void sendsEachLineToEveryOtherUserButNotBackToTheSender() throws Exception {
            try (ChatUser alice = ChatUser.join(server, BANNER);
                    ChatUser bob = ChatUser.join(server, BANNER);
                    ChatUser carol = ChatUser.join(server, BANNER)) {
                alice.sendLine("hello from alice");
                assertEquals("hello from alice", bob.readLine());
                assertEquals("hello from alice", carol.readLine());

                // Alice's next line is Bob's, so her own never came back to her.
                bob.sendLine("hi alice");
                assertEquals("hi alice", alice.readLine());
                assertEquals("hi alice", carol.readLine());
            }
        }

        @Test
        void takesLinesFromPlainNcAndNcMinusCAlikeAndKeepsUtf8() throws Exception {
            try (ChatUser alice = ChatUser.join(server, BANNER); ChatUser bob = ChatUser.join(server, BANNER)) {
                alice.send("plain nc\nnc -C\r\n\nGrüße ☃\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("plain nc", bob.readLine());
                assertEquals("nc -C", bob.readLine());
                assertEquals("", bob.readLine());
                assertEquals("Grüße ☃", bob.readLine());
            }
        }

        @Test
        void sendsALineSplitAcrossPacketsWhole() throws Exception {
            try (ChatUser alice = ChatUser.join(server, BANNER); ChatUser bob = ChatUser.join(server, BANNER)) {
                alice.send("first\r\nhalf a ".getBytes(StandardCharsets.UTF_8));
                assertEquals("first", bob.readLine());
                alice.send("line\r\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("half a line", bob.readLine());
            }
        }

        @Test
        void carriesManyUsersTalkingAtOnce() throws Exception {
            int n = 20;
            List<ChatUser> users = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    users.add(ChatUser.join(server, BANNER));
                }
                assertEquals(n, api.users());
                for (int i = 0; i < n; i++) {
                    users.get(i).sendLine("from " + i);
                }
                for (int i = 0; i < n; i++) {
                    List<String> heard = new ArrayList<>();
                    for (int k = 0; k < n - 1; k++) {
                        heard.add(users.get(i).readLine());
                    }
                    List<String> expected = new ArrayList<>();
                    for (int k = 0; k < n; k++) {
                        if (k != i) {
                            expected.add("from " + k);
                        }
                    }
                    heard.sort(null);
                    expected.sort(null);
                    assertEquals(expected, heard, "user " + i);
                }
            } finally {
                for (ChatUser user : users) {
                    user.close();
                }
            }
        }

        @Test
        void forgetsAUserWhoDisconnectsAndTheCountDrops() throws Exception {
            try (ChatUser alice = ChatUser.join(server, BANNER); ChatUser bob = ChatUser.join(server, BANNER)) {
                ChatUser carol = ChatUser.join(server, BANNER);
                assertEquals(3, api.users());
                carol.close();
                api.awaitUsers(2);

                alice.sendLine("still here?");
                assertEquals("still here?", bob.readLine());
            }
            api.awaitUsers(0);
        }

        @Test
        void closesOnlyTheConnectionOfAUserWhoSendsALineLongerThanMaxLength() throws Exception {
            try (ChatUser alice = ChatUser.join(server, BANNER);
                    ChatUser bob = ChatUser.join(server, BANNER);
                    ChatUser mallory = ChatUser.join(server, BANNER)) {
                mallory.send(("x".repeat(MAX_LENGTH + 1) + "\r\nafter\r\n").getBytes(StandardCharsets.US_ASCII));
                mallory.expectClosedByServer();
                api.awaitUsers(2);

                alice.sendLine("did anything come?");
                assertEquals("did anything come?", bob.readLine(), "bob got nothing of mallory's");
                bob.sendLine("no");
                assertEquals("no", alice.readLine());
            }
        }

        @Test
        void acceptsALineOfExactlyMaxLength() throws Exception {
            try (ChatUser alice = ChatUser.join(server, BANNER); ChatUser bob = ChatUser.join(server, BANNER)) {
                String line = "y".repeat(MAX_LENGTH);
                alice.send((line + "\n").getBytes(StandardCharsets.US_ASCII));
                assertEquals(line, bob.readLine());
            }
        }
    }

    @Nested
    class TheApi {
        private RunningServer server;
        private Api api;

        @BeforeEach
        void start() throws Exception {
            server = ChatServerTest.start();
            api = new Api(server);
        }

        @AfterEach
        void stop() throws Exception {
            server.close();
        }

        /** A bad POST: 400, a JSON error mentioning {@code mentions}, and the banner as it was. */
        private void assertRefused(String body, String mentions) throws Exception {
            HttpResponse<String> response = api.post("/banner/", body);
            assertEquals(400, response.statusCode(), response.body());
            Map<?, ?> json = Api.json(response);
            assertEquals("ERROR", json.get("status"));
            String error = (String) json.get("error");
            assertTrue(error.contains(mentions), error);
            assertEquals(BANNER, api.banner(), "the banner is unchanged");
            try (ChatUser user = ChatUser.connect(server)) {
                assertEquals(BANNER, user.readLine());
            }
        }

        @Test
        void countsTheUsersConnected() throws Exception {
            HttpResponse<String> response = api.get("/users/");
            assertEquals(200, response.statusCode());
            assertEquals("{\n    \"users\": 0\n}\n", response.body());
            assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
            try (ChatUser alice = ChatUser.join(server, BANNER); ChatUser bob = ChatUser.join(server, BANNER)) {
                assertEquals(2, api.users());
            }
        }

        @Test
        void givesTheBanner() throws Exception {
            HttpResponse<String> response = api.get("/banner/");
            assertEquals(200, response.statusCode());
            assertEquals(Map.of("banner", BANNER), Api.json(response));
        }

        @Test
        void answersWithoutTheTrailingSlashToo() throws Exception {
            assertEquals(200, api.get("/users").statusCode());
            assertEquals(Map.of("banner", BANNER), Api.json(api.get("/banner")));
        }

        @Test
        void setsTheBannerForUsersWhoConnectAfterwards() throws Exception {
            try (ChatUser before = ChatUser.join(server, BANNER)) {
                HttpResponse<String> response = api.post("/banner/", "{\"banner\": \"Gr\\u00fc\\u00dfe, \\\"friends\\\" ☃\"}");
                assertEquals(200, response.statusCode(), response.body());
                assertEquals(Map.of("status", "SUCCESS", "banner", "Grüße, \"friends\" ☃"), Api.json(response));

                assertEquals("Grüße, \"friends\" ☃", api.banner());
                try (ChatUser after = ChatUser.connect(server)) {
                    assertEquals("Grüße, \"friends\" ☃", after.readLine());
                }
                // Those already there are not greeted again: the next thing Before hears is a line.
                try (ChatUser other = ChatUser.join(server, "Grüße, \"friends\" ☃")) {
                    other.sendLine("hi");
                    assertEquals("hi", before.readLine());
                }
            }
        }

        @Test
        void acceptsAnEmptyBannerAndIgnoresOtherMembers() throws Exception {
            HttpResponse<String> response = api.post("/banner/", "{\"other\": [1, 2], \"banner\": \"\"}");
            assertEquals(200, response.statusCode(), response.body());
            try (ChatUser user = ChatUser.connect(server)) {
                assertEquals("", user.readLine());
            }
        }

        @Test
        void refusesABodyThatIsNotJsonSayingWhere() throws Exception {
            assertRefused("{\"banner\": 'single quotes'}", "the body is not JSON: expected a JSON value, not ''' at "
                    + "line 1, column 12 (offset 11)");
        }

        @Test
        void refusesAnEmptyBody() throws Exception {
            assertRefused("", "the body is not JSON: expected a JSON value but the input ended");
        }

        @Test
        void refusesAFormBody() throws Exception {
            assertRefused("banner=hello", "the body is not JSON");
        }

        @Test
        void refusesJsonThatIsNotAnObject() throws Exception {
            assertRefused("[\"hello\"]", "the body must be a JSON object such as {\"banner\": \"Welcome!\"}, not an array");
        }

        @Test
        void refusesAnObjectWithoutABanner() throws Exception {
            assertRefused("{\"text\": \"hello\"}", "the body has no \"banner\" member");
        }

        @ParameterizedTest
        @ValueSource(strings = {"42", "null", "true", "[\"a\"]", "{\"a\": 1}"})
        void refusesABannerThatIsNotAString(String value) throws Exception {
            assertRefused("{\"banner\": " + value + "}", "\"banner\" must be a string, not ");
        }

        @Test
        void refusesABannerOfTwoLines() throws Exception {
            assertRefused("{\"banner\": \"one\\ntwo\"}",
                    "the banner must be one line, but has a line break (U+000A) at index 3");
        }

        @Test
        void refusesABannerWithACarriageReturn() throws Exception {
            assertRefused("{\"banner\": \"one\\r\"}", "the banner must be one line");
        }

        @Test
        void refusesABannerOverTheLimit() throws Exception {
            assertRefused("{\"banner\": \"" + "x".repeat(2000) + "\"}", "the banner is 2000 characters long");
        }

        @Test
        void refusesInvalidUtf8() throws Exception {
            byte[] body = {'{', '"', 'b', 'a', 'n', 'n', 'e', 'r', '"', ':', '"', (byte) 0xC3, '(', '"', '}'};
            HttpResponse<String> response = api.sendBytes("POST", "/banner/", body);
            assertEquals(400, response.statusCode(), response.body());
            assertEquals("the body is not JSON: invalid UTF-8 (byte 0xC3) at line 1, column 12 (offset 11); "
                    + "send {\"banner\": \"Welcome!\"}", Api.json(response).get("error"));
            assertEquals(BANNER, api.banner());
        }

        @Test
        void refusesALoneSurrogateEscape() throws Exception {
            assertRefused("{\"banner\": \"\\ud800\"}", "escaped high surrogate U+D800");
        }

        @Test
        void answers405WithAllowForAnotherMethod() throws Exception {
            for (String method : List.of("PUT", "DELETE", "PATCH")) {
                HttpResponse<String> response = api.send(method, "/banner/", "{\"banner\": \"x\"}");
                assertEquals(405, response.statusCode(), method);
                assertEquals("GET, HEAD, POST", response.headers().firstValue("allow").orElseThrow());
                assertEquals("method " + method + " is not allowed on /banner/; it allows GET, HEAD, POST",
                        Api.json(response).get("error"));
            }
            HttpResponse<String> post = api.post("/users/", "{}");
            assertEquals(405, post.statusCode());
            assertEquals("GET, HEAD", post.headers().firstValue("allow").orElseThrow());
            assertEquals("ERROR", Api.json(post).get("status"));
            assertEquals(BANNER, api.banner());
        }

        @Test
        void answersHeadWithTheHeadersOfGet() throws Exception {
            HttpResponse<String> response = api.send("HEAD", "/users/", (String) null);
            assertEquals(200, response.statusCode());
            assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
            assertEquals("", response.body());
        }

        @ParameterizedTest
        @ValueSource(strings = {"/nope", "/nope/", "/users/extra", "/banner/x/y", "/users//", "/index.html", "//"})
        void answers404InJsonForAnyOtherPath(String path) throws Exception {
            HttpResponse<String> response = api.get(path);
            assertEquals(404, response.statusCode(), path);
            Map<?, ?> json = Api.json(response);
            assertEquals("ERROR", json.get("status"));
            assertEquals("no such resource: " + path + "; the API has /users/ and /banner/, and the dashboard is /",
                    json.get("error"));
        }

        @Test
        void servesTheDashboardAtTheRootWithTheCountAndTheBannerEscaped() throws Exception {
            assertEquals(200, api.post("/banner/", "{\"banner\": \"<b>bold</b> & co\"}").statusCode());
            try (ChatUser alice = ChatUser.join(server, "<b>bold</b> & co")) {
                HttpResponse<String> response = api.get("/");
                assertEquals(200, response.statusCode());
                assertEquals("text/html; charset=utf-8", response.headers().firstValue("content-type").orElseThrow());
                String page = response.body();
                assertTrue(page.contains("<span id=\"users\" class=\"count\">1</span>"), page);
                assertTrue(page.contains("<code id=\"banner\">&lt;b&gt;bold&lt;/b&gt; &amp; co</code>"), page);
                assertTrue(page.contains("fetch(\"/users/\""), page);
                assertTrue(page.contains("fetch(\"/banner/\""), page);
            }
        }

        @Test
        void answers405ForAPostToTheDashboard() throws Exception {
            HttpResponse<String> response = api.post("/", "banner=x");
            assertEquals(405, response.statusCode());
            assertEquals("GET, HEAD", response.headers().firstValue("allow").orElseThrow());
        }
    }

    @Test
    void printsNothingElseOnStandardOutput() throws Exception {
        RunningServer server = start();
        server.port("chat-api");
        try (ChatUser user = ChatUser.join(server, BANNER)) {
            new Api(server).users();
        }
        assertEquals(0, server.stop());
        assertEquals(4, server.out().lines().count(), server.out());
    }
}
