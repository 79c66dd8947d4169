package dev.jtwisted.samples.finger.steps;

import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.protocols.basic.LineReceiver;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Step 7: the factory holds users, so some queries get a real answer: {@code moshez} is
 * "Happy and well", anyone else "No such user". The protocol is step 6's, unchanged.
 *
 * <p>Twisted: the tutorial's "Using Twisted to Do Useful Things (For Real)":
 * {@code FingerFactory(**kwargs)} keeping {@code self.users}, {@code getUser} returning
 * {@code self.users.get(user, "No such user")}, and
 * {@code FingerFactory(moshez='Happy and well')}.
 */
final class UsefulThingsForReal {
    /** The users of this step and the next ones: {@code moshez='Happy and well'}. */
    static final Map<String, String> USERS = Map.of("moshez", "Happy and well");

    private UsefulThingsForReal() {}

    /** Step 6's protocol, which knows this factory's {@code getUser}. */
    static final class FingerProtocol extends LineReceiver {
        @Override
        public void lineReceived(byte[] user) {
            String status = ((FingerFactory) factory).getUser(decode(user));
            transport.write((status + "\r\n").getBytes(StandardCharsets.UTF_8));
            transport.loseConnection();
        }
    }

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
