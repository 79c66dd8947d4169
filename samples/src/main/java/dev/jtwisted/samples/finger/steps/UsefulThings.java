package dev.jtwisted.samples.finger.steps;

import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.protocols.basic.LineReceiver;
import java.nio.charset.StandardCharsets;

/**
 * Step 6: the same answers as step 5, but the protocol asks its factory: user management is
 * not protocol logic, so it moves to the factory, and later ways of finding users change the
 * factory only.
 *
 * <p>Twisted: the tutorial's "How to Use Twisted to Do Useful Things":
 * {@code self.transport.write(self.factory.getUser(user)+"\r\n")}, and a
 * {@code FingerFactory.getUser} returning {@code "No such user"}.
 */
final class UsefulThings {
    private UsefulThings() {}

    static final class FingerProtocol extends LineReceiver {
        @Override
        public void lineReceived(byte[] user) {
            String status = ((FingerFactory) factory).getUser(decode(user));
            transport.write((status + "\r\n").getBytes(StandardCharsets.UTF_8));
            transport.loseConnection();
        }
    }

    static final class FingerFactory extends ServerFactory {
        FingerFactory() {
            protocol = FingerProtocol::new;
        }

        String getUser(String user) {
            return "No such user";
        }
    }
}
