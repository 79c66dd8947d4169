package dev.jtwisted.samples.finger.steps;

import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.protocols.basic.LineReceiver;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 8: the same answers, through a Deferred. {@code lineReceived} is an event and must
 * return quickly, so a slow lookup cannot be called synchronously; {@code maybeDeferred}
 * turns whatever {@code getUser} gives (a value here, a Deferred later, or an exception) into a
 * Deferred, so this protocol works with step 7's synchronous factory as it is. A lookup that
 * fails is answered "Internal error in server" (and logged: the tutorial's errback drops it).
 *
 * <p>Twisted: the tutorial's "Using Twisted to Do Useful Things, Correctly", first listing:
 * {@code d = defer.maybeDeferred(self.factory.getUser, user)}, an errback returning
 * {@code "Internal error in server"}, a callback writing the message and losing the connection.
 */
final class MaybeDeferred {
    private static final Logger log = LoggerFactory.getLogger(MaybeDeferred.class);

    private MaybeDeferred() {}

    static final class FingerProtocol extends LineReceiver {
        @Override
        public void lineReceived(byte[] line) {
            String user = decode(line);
            Defer.maybeDeferred(() -> ((FingerFactory) factory).getUser(user))
                    .addErrback(failure -> {
                        log.error("getUser('{}') failed", user, failure.value());
                        return "Internal error in server";
                    })
                    .addCallback(m -> {
                        transport.write((m + "\r\n").getBytes(StandardCharsets.UTF_8));
                        transport.loseConnection();
                        return null;
                    });
        }
    }

    /** Step 7's factory, with this step's protocol. */
    static final class FingerFactory extends ServerFactory {
        private final Map<String, String> users;

        FingerFactory(Map<String, String> users) {
            this.users = Map.copyOf(users);
            protocol = FingerProtocol::new;
        }

        String getUser(String user) {
            return users.getOrDefault(user, "No such user");
        }
    }
}
