package dev.jtwisted.samples.finger;

import dev.jtwisted.internet.Protocol;
import dev.jtwisted.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Asks a finger server about one user: sends the name as a line, collects everything the
 * server writes, and hands it to the factory when the server closes. A reply longer than
 * {@link #MAX_REPLY} bytes is cut there and the connection closed, so a server that never
 * stops talking cannot fill this one's memory.
 *
 * <p>Twisted: the tutorial's {@code FingerClient(protocol.Protocol)} ("Writing Clients: A
 * Finger Proxy"): {@code self.transport.write(self.factory.user+'\r\n')},
 * {@code self.buffer += data}, {@code self.factory.gotResult(self.buffer)}.
 */
final class FingerClient extends Protocol {
    static final int MAX_REPLY = 64 * 1024;

    private final FingerClientFactory factory;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    FingerClient(FingerClientFactory factory) {
        this.factory = factory;
    }

    @Override
    public void connectionMade() {
        transport.write((factory.user() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void dataReceived(byte[] data) {
        int room = MAX_REPLY - buffer.size();
        buffer.write(data, 0, Math.min(room, data.length));
        if (data.length >= room) {
            transport.loseConnection();
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        factory.gotResult(buffer.toString(StandardCharsets.UTF_8));
    }
}
