package dev.jtwisted.samples.notify;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.ConnectionLost;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.testing.Chunks;
import dev.jtwisted.internet.testing.StringTransportWithDisconnection;
import dev.jtwisted.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The notification client protocol and the two user clients, on a fake transport. */
@Timeout(60)
class NotificationClientTest {

    /** Records which notifications were dispatched. */
    private static final class Recording extends NotificationClient {
        final List<String> dispatched = new ArrayList<>();

        @Override
        protected void randomAvailable() {
            dispatched.add("random");
        }

        @Override
        protected void classifiedAvailable() {
            dispatched.add("classified");
        }
    }

    @Nested
    class TheProtocol {
        private final Recording client = new Recording();
        private final StringTransportWithDisconnection transport = new StringTransportWithDisconnection(client);

        {
            client.makeConnection(transport);
        }

        @Test
        void randomSendsTheRequestAndParsesTheAnswer() {
            Deferred<Integer> random = client.random();
            assertEquals("random?\r\n", transport.valueString());
            assertNoResult(random);
            Chunks.feed(client, "46774\r\n", 2);
            assertEquals(46774, successResultOf(random));
        }

        @Test
        void requestsMayOverlapAndAreAnsweredInOrder() {
            Deferred<String> ad = client.classified();
            Deferred<Integer> random = client.random();
            Deferred<String> another = client.classified();
            assertEquals("classified?\r\nrandom?\r\nclassified?\r\n", transport.valueString());
            Chunks.feed(client, "nice flat in the 11e\r\n12\r\nbike\r\n", 64);
            assertEquals("nice flat in the 11e", successResultOf(ad));
            assertEquals(12, successResultOf(random));
            assertEquals("bike", successResultOf(another));
        }

        @Test
        void anErrorAnswerOrANonNumberFailsTheRequest() {
            Deferred<String> ad = client.classified();
            Deferred<Integer> random = client.random();
            Chunks.feed(client, "error: out of ads\r\nmany\r\n", 64);
            assertEquals("out of ads", failureResultOf(ad, NotifyError.class).getErrorMessage());
            failureResultOf(random, NumberFormatException.class);
        }

        @Test
        void dispatchesNotificationsOnlyWhileNotifyingAndNeverAsAnswers() {
            Deferred<String> ad = client.classified();
            Chunks.feed(client, "notif: random\r\n", 64);
            assertEquals(List.of(), client.dispatched, "not asked for: dropped");
            client.startNotify();
            Chunks.feed(client, "notif: random\r\nnotif: classified\r\nan ad\r\n", 64);
            assertEquals(List.of("random", "classified"), client.dispatched);
            assertEquals("an ad", successResultOf(ad));
            client.stopNotify();
            Chunks.feed(client, "notif: random\r\n", 64);
            assertEquals(List.of("random", "classified"), client.dispatched, "late, after stop: dropped");
            assertEquals("classified?\r\nnotify\r\nstop\r\n", transport.valueString());
        }

        @Test
        void anUnknownNotificationDropsTheConnection() {
            client.startNotify();
            Chunks.feed(client, "notif: weather\r\n", 64);
            assertTrue(transport.disconnecting());
        }

        @Test
        void anAnswerWithNoRequestPendingDropsTheConnection() {
            Chunks.feed(client, "46774\r\n", 64);
            assertTrue(transport.disconnecting());
        }

        @Test
        void losingTheConnectionFailsThePendingRequestsAndLaterOnesAtOnce() {
            Deferred<Integer> random = client.random();
            Deferred<String> ad = client.classified();
            client.connectionLost(new Failure(new ConnectionLost("gone")));
            failureResultOf(random, ConnectionLost.class);
            failureResultOf(ad, ConnectionLost.class);
            transport.clear();
            failureResultOf(client.random(), ConnectionDone.class);
            assertEquals("", transport.valueString());
        }
    }

    @Nested
    class TheUserClients {
        private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        private MyClient client(String style) {
            return style.equals("inline") ? new InlineClient(out, 2) : new CallbacksClient(out, 2);
        }

        private String take(StringTransportWithDisconnection transport) {
            String written = transport.valueString();
            transport.clear();
            return written;
        }

        @ParameterizedTest
        @ValueSource(strings = {"callbacks", "inline"})
        void askThenNotifyThenFetchWhatEachNotificationAnnouncesThenClose(String style) {
            MyClient client = client(style);
            StringTransportWithDisconnection transport = new StringTransportWithDisconnection(client);
            client.makeConnection(transport);
            assertEquals("random?\r\n", take(transport));
            Chunks.feed(client, "46774\r\n", 64);
            assertEquals("classified?\r\n", take(transport));
            Chunks.feed(client, "nice flat in the 11e\r\n", 64);
            assertEquals("notify\r\n", take(transport));

            Chunks.feed(client, "notif: random\r\n", 64);
            assertEquals("stop\r\nrandom?\r\n", take(transport));
            Chunks.feed(client, "notif: classified\r\n", 64); // late: the server had not read stop
            Chunks.feed(client, "8817\r\n", 64);
            assertEquals("notify\r\n", take(transport));

            Chunks.feed(client, "notif: classified\r\n", 64);
            assertEquals("stop\r\nclassified?\r\n", take(transport));
            assertNoResult(client.done());
            Chunks.feed(client, "bike for sale\r\n", 64);
            assertTrue(transport.disconnecting());
            assertNull(successResultOf(client.done()));

            assertEquals("""
                    random: 46774
                    classified: nice flat in the 11e
                    notif: random
                    random: 8817
                    notif: classified
                    classified: bike for sale
                    done after 2 notifications
                    """, printed.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"callbacks", "inline"})
        void aFailedRequestStopsTheClientWithThatFailure(String style) {
            MyClient client = client(style);
            StringTransportWithDisconnection transport = new StringTransportWithDisconnection(client);
            client.makeConnection(transport);
            Chunks.feed(client, "not a number\r\n", 64);
            assertTrue(transport.disconnecting());
            failureResultOf(client.done(), NumberFormatException.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"callbacks", "inline"})
        void theServerClosingFirstFailsTheClient(String style) {
            MyClient client = client(style);
            StringTransportWithDisconnection transport = new StringTransportWithDisconnection(client);
            client.makeConnection(transport);
            Chunks.feed(client, "1\r\nan ad\r\n", 64);
            client.connectionLost(new Failure(new ConnectionDone("server went away")));
            assertEquals("server went away", failureResultOf(client.done(), ConnectionDone.class).getErrorMessage());
        }
    }
}
