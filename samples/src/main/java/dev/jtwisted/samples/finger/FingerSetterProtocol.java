package dev.jtwisted.samples.finger;

import dev.jtwisted.protocols.basic.LineReceiver;
import dev.jtwisted.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets a user's status from two lines, the user and then the status, and closes.
 *
 * <p>The tutorial's protocol collects the lines and sets the status when the client closes;
 * this one sets it as soon as the second line arrives and then closes the connection itself,
 * so the client knows, when it sees the close, that the status is set (a finger query sent
 * after that sees it), and a client that leaves after one line sets nothing. An empty user
 * name and a line over {@link #MAX_LENGTH} are answered with a one-line error, and nothing is
 * set.
 *
 * <p>Twisted: the tutorial's {@code FingerSetterProtocol} ("Integrating Several Services"):
 * {@code self.lines.append(line)} in {@code lineReceived}, {@code self.factory.setUser(
 * self.lines[0], self.lines[1])} in {@code connectionLost}.
 */
final class FingerSetterProtocol extends LineReceiver {
    private static final Logger log = LoggerFactory.getLogger(FingerSetterProtocol.class);

    private final FingerSetterFactory factory;
    private List<String> lines;
    private boolean done;

    FingerSetterProtocol(FingerSetterFactory factory) {
        this.factory = factory;
        MAX_LENGTH = 1024;
    }

    @Override
    public void connectionMade() {
        lines = new ArrayList<>();
    }

    @Override
    public void lineReceived(byte[] line) {
        if (done) {
            return;
        }
        lines.add(decode(line));
        if (lines.size() == 1 && lines.get(0).isEmpty()) {
            finish("Empty user name: send a user line, then a status line; nothing set");
        } else if (lines.size() == 2) {
            factory.setUser(lines.get(0), lines.get(1));
            finish(null);
        }
    }

    @Override
    public void lineLengthExceeded(byte[] line) {
        finish(done ? null : "Line too long: at most " + MAX_LENGTH + " bytes; nothing set");
    }

    @Override
    public void connectionLost(Failure reason) {
        if (!done) {
            log.info("{}: the client left after {} of 2 lines (user, status); nothing set", factory,
                    lines == null ? 0 : lines.size());
        }
    }

    /** Sends {@code error} if not null, and closes. */
    private void finish(String error) {
        if (error != null) {
            sendLine(error);
        }
        done = true;
        transport.loseConnection();
    }
}
