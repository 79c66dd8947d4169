package dev.jtwisted.samples.finger.steps;

import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.protocols.basic.LineReceiver;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 9: the factory's {@code getUser} returns a Deferred itself, so the protocol needs no
 * {@code maybeDeferred}. Here the answer is known at once, so it is a Deferred that has
 * already fired ({@code Defer.succeed}): its callbacks run as soon as they are added. This
 * protocol is the tutorial's last: the next steps change only the factory.
 *
 * <p>Twisted: the tutorial's "Using Twisted to Do Useful Things, Correctly", second listing:
 * {@code d = self.factory.getUser(user)} in the protocol, {@code return
 * defer.succeed(self.users.get(user, "No such user"))} in the factory.
 */
final class Succeed {
    private static final Logger log = LoggerFactory.getLogger(Succeed.class);

    private Succeed() {}

    static final class FingerProtocol extends LineReceiver {
        @Override
        public void lineReceived(byte[] line) {
            String user = decode(line);
            ((DeferredUsers) factory).getUser(user)
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

    static final class FingerFactory extends ServerFactory implements DeferredUsers {
        private final Map<String, String> users;

        FingerFactory(Map<String, String> users) {
            this.users = Map.copyOf(users);
            protocol = FingerProtocol::new;
        }

        @Override
        public Deferred<String> getUser(String user) {
            return Defer.succeed(users.getOrDefault(user, "No such user"));
        }
    }
}
