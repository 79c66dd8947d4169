package dev.jtwisted.samples.finger.steps;

import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.protocols.basic.LineReceiver;

/**
 * Step 4: rude in a smart way: reads the user line, and only then closes, "so the client will
 * be forever sure it was his fault". A {@code LineReceiver} calls {@code lineReceived} with
 * each line, without its {@code \r\n}; until the line ends, the connection stays open.
 *
 * <p>Twisted: the tutorial's "How To Use Twisted To Be Rude (In a Smart Way)":
 * {@code FingerProtocol(basic.LineReceiver)} whose {@code lineReceived} loses the connection.
 */
final class BeRudeSmartly {
    private BeRudeSmartly() {}

    static final class FingerProtocol extends LineReceiver {
        @Override
        public void lineReceived(byte[] user) {
            transport.loseConnection();
        }
    }

    static final class FingerFactory extends ServerFactory {
        FingerFactory() {
            protocol = FingerProtocol::new;
        }
    }
}
