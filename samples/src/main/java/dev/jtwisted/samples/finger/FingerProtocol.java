package dev.jtwisted.samples.finger;

import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.protocols.basic.LineReceiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one finger query: reads a user name line, asks the factory for that user's status,
 * writes it as one line and closes. A lookup that fails is logged and answered with
 * "Internal error in server", as in the tutorial.
 *
 * <p>Beyond the tutorial: only the first line of a connection is answered (a second line sent
 * in the same packet would otherwise start a second lookup), and a line longer than
 * {@link #MAX_LENGTH} gets a one-line error before the close instead of a bare close.
 *
 * <p>Twisted: the tutorial's {@code FingerProtocol} from "Using Twisted to Do Useful Things,
 * Correctly" on, which "will need to change no more": {@code defer.maybeDeferred(
 * self.factory.getUser, user)}, an errback returning "Internal error in server", and a
 * callback writing the message and losing the connection.
 */
final class FingerProtocol extends LineReceiver {
    private static final Logger log = LoggerFactory.getLogger(FingerProtocol.class);

    private final FingerFactory factory;
    private boolean answered;

    FingerProtocol(FingerFactory factory) {
        this.factory = factory;
        // A user name, not a document.
        MAX_LENGTH = 1024;
    }

    @Override
    public void lineReceived(byte[] line) {
        if (answered) {
            return;
        }
        answered = true;
        String user = decode(line);
        Defer.maybeDeferredDeferring(() -> factory.getUser(user))
                .addErrback(failure -> {
                    log.error("{}: looking up user '{}' failed", factory, user, failure.value());
                    return "Internal error in server";
                })
                .addCallback(message -> {
                    sendLine(message);
                    transport.loseConnection();
                    return null;
                });
    }

    @Override
    public void lineLengthExceeded(byte[] line) {
        if (!answered) {
            answered = true;
            sendLine("Line too long: a user name has at most " + MAX_LENGTH + " bytes");
        }
        transport.loseConnection();
    }
}
