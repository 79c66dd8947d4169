package dev.jtwisted.samples.finger.steps;

import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.protocols.basic.LineReceiver;
import java.nio.charset.StandardCharsets;

/**
 * Step 5: a finger server with no users: every query is answered "No such user". No flush is
 * needed: the connection is not closed before what was written has been sent.
 *
 * <p>Twisted: the tutorial's "How To Use Twisted to Output Errors": {@code lineReceived}
 * writes {@code "No such user\r\n"} and loses the connection.
 */
final class OutputErrors {
    private OutputErrors() {}

    static final class FingerProtocol extends LineReceiver {
        @Override
        public void lineReceived(byte[] user) {
            transport.write("No such user\r\n".getBytes(StandardCharsets.US_ASCII));
            transport.loseConnection();
        }
    }

    static final class FingerFactory extends ServerFactory {
        FingerFactory() {
            protocol = FingerProtocol::new;
        }
    }
}
