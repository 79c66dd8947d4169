package dev.jtwisted.samples.kv;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.ConnectionLost;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.testing.Chunks;
import dev.jtwisted.internet.testing.StringTransportWithDisconnection;
import dev.jtwisted.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pipelining client protocol, on a fake transport standing in for the server. */
class KeyValueClientTest {
    private final KeyValueClient client = new KeyValueClient();
    private final StringTransportWithDisconnection transport = new StringTransportWithDisconnection(client);

    @BeforeEach
    void connect() {
        client.makeConnection(transport);
    }

    @Nested
    class Pipelining {
        @Test
        void sendsEveryRequestAtOnceBeforeAnyReply() {
            Deferred<Void> set = client.set("a", "hello world");
            Deferred<String> get = client.get("a");
            Deferred<Void> delete = client.delete("a");
            assertEquals("set a hello world\r\nget a\r\ndelete a\r\n", transport.valueString());
            assertEquals(3, client.pendingRequests());
            assertNoResult(set);
            assertNoResult(get);
            assertNoResult(delete);
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 5, 64})
        void matchesRepliesToRequestsInOrderWhateverTheChunkSize(int chunk) {
            List<Deferred<String>> gets = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                gets.add(client.get("k" + i));
            }
            StringBuilder replies = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                replies.append(i % 3 == 0 ? "not found" : "value " + i).append("\r\n");
            }
            Chunks.feed(client, replies.toString(), chunk);
            for (int i = 0; i < 20; i++) {
                if (i % 3 == 0) {
                    KeyNotFound e = (KeyNotFound) failureResultOf(gets.get(i), KeyNotFound.class).value();
                    assertEquals("k" + i, e.key());
                } else {
                    assertEquals("value " + i, successResultOf(gets.get(i)));
                }
            }
            assertEquals(0, client.pendingRequests());
        }

        @Test
        void firesEachDeferredOnlyWhenItsOwnReplyArrives() {
            Deferred<Void> set = client.set("a", "1");
            Deferred<String> get = client.get("a");
            Chunks.feed(client, "stored\r\n", 64);
            assertNull(successResultOf(set));
            assertNoResult(get);
            Chunks.feed(client, "1\r\n", 64);
            assertEquals("1", successResultOf(get));
        }

        @Test
        void aGetCanReturnAnEmptyValueOrOneThatLooksLikeAnotherReply() {
            Deferred<String> empty = client.get("e");
            Deferred<String> stored = client.get("s");
            Chunks.feed(client, "\r\nstored\r\n", 64);
            assertEquals("", successResultOf(empty));
            assertEquals("stored", successResultOf(stored));
        }
    }

    @Nested
    class Errbacks {
        @Test
        void notFoundFailsAGetOrADeleteWithKeyNotFound() {
            Deferred<String> get = client.get("nope");
            Deferred<Void> delete = client.delete("gone");
            Chunks.feed(client, "not found\r\nnot found\r\n", 64);
            assertEquals("not found: nope", failureResultOf(get, KeyNotFound.class).getErrorMessage());
            assertEquals("gone", ((KeyNotFound) failureResultOf(delete, KeyNotFound.class).value()).key());
        }

        @Test
        void anErrorReplyFailsTheRequestWithTheServersMessageAndTheNextOnesStillMatch() {
            Deferred<String> get = client.get("a");
            Deferred<Void> set = client.set("a", "not found");
            Deferred<String> after = client.get("b");
            Chunks.feed(client, "error: empty key\r\nerror: reserved value\r\nb\r\n", 64);
            assertEquals("empty key", failureResultOf(get, KeyValueError.class).getErrorMessage());
            assertEquals("reserved value", failureResultOf(set, KeyValueError.class).getErrorMessage());
            assertEquals("b", successResultOf(after));
            assertFalse(transport.disconnecting());
        }

        @Test
        void anUnexpectedReplyFailsTheRequestAndDropsTheConnectionFailingTheRest() {
            Deferred<Void> set = client.set("a", "1");
            Deferred<String> get = client.get("a");
            Chunks.feed(client, "not found\r\n", 64);
            Failure f = failureResultOf(set, ConnectionLost.class);
            assertTrue(f.getErrorMessage().contains("unexpected reply 'not found' to set a"), f.getErrorMessage());
            assertTrue(transport.disconnecting());
            failureResultOf(get, ConnectionDone.class);
        }

        @Test
        void aReplyWithNoRequestPendingDropsTheConnection() {
            Chunks.feed(client, "stored\r\n", 64);
            assertTrue(transport.disconnecting());
        }

        @Test
        void losingTheConnectionFailsEveryPendingRequestWithTheReason() {
            Deferred<String> first = client.get("a");
            Deferred<Void> second = client.set("b", "2");
            Deferred<Void> third = client.delete("c");
            Chunks.feed(client, "1\r\n", 64);
            client.connectionLost(new Failure(new ConnectionLost("network down")));
            assertEquals("1", successResultOf(first));
            assertEquals("network down", failureResultOf(second, ConnectionLost.class).getErrorMessage());
            assertEquals("network down", failureResultOf(third, ConnectionLost.class).getErrorMessage());
            assertEquals(0, client.pendingRequests());
        }

        @Test
        void aRequestAfterTheConnectionIsLostFailsAtOnceWithoutSending() {
            transport.loseConnection();
            transport.clear();
            assertFalse(client.isConnected());
            failureResultOf(client.get("a"), ConnectionDone.class);
            assertEquals("", transport.valueString());
        }

        @ParameterizedTest
        @ValueSource(strings = {"a b", "a\r\nget b", "line\nbreak"})
        void aKeyThatWouldChangeTheLineFailsAtOnceWithoutSending(String key) {
            failureResultOf(client.get(key), IllegalArgumentException.class);
            failureResultOf(client.set(key, "v"), IllegalArgumentException.class);
            failureResultOf(client.delete(key), IllegalArgumentException.class);
            assertEquals("", transport.valueString());
            assertEquals(0, client.pendingRequests());
        }

        @Test
        void aValueWithALineBreakFailsAtOnceWithoutSending() {
            failureResultOf(client.set("a", "one\r\ndelete b"), IllegalArgumentException.class);
            assertEquals("", transport.valueString());
        }

        @Test
        void aLineTheServerWouldRefuseAsTooLongFailsAtOnceButOneThatFitsIsSent() {
            String fits = "x".repeat(KeyValueClient.SERVER_MAX_LENGTH - "set a ".length());
            Failure f = failureResultOf(client.set("a", fits + "x"), IllegalArgumentException.class);
            assertEquals("line length (16385) exceeds the kv server's MAX_LENGTH (16384)", f.getErrorMessage());
            assertEquals("", transport.valueString());
            assertNoResult(client.set("a", fits));
            assertEquals("set a " + fits + "\r\n", transport.valueString());
        }

        @Test
        void anEmptyKeyIsLeftToTheServerToRefuse() {
            Deferred<String> get = client.get("");
            assertEquals("get \r\n", transport.valueString());
            Chunks.feed(client, "error: empty key\r\n", 64);
            failureResultOf(get, KeyValueError.class);
        }
    }
}
