package dev.jtwisted.samples.finger.steps;

import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.ServerFactory;

/**
 * Step 3: slams the door: every connection is closed as soon as it is made, before the client
 * can say anything.
 *
 * <p>Twisted: the tutorial's "How To Use Twisted to Be Rude": {@code connectionMade} calls
 * {@code self.transport.loseConnection()}.
 */
final class BeRude {
    private BeRude() {}

    static final class FingerProtocol extends Protocol {
        @Override
        public void connectionMade() {
            transport.loseConnection();
        }
    }

    static final class FingerFactory extends ServerFactory {
        FingerFactory() {
            protocol = FingerProtocol::new;
        }
    }
}
