package dev.jtwisted.samples.simpleclient;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.python.failure.Failure;
import java.io.ByteArrayOutputStream;

/**
 * The protocol of clients 2 to 4: sends the factory's word as a line, collects the answer, and
 * when the connection closes fires the factory's Deferred with it: the request and its answer
 * meet in that Deferred's callback.
 *
 * <p>The uppercase server closes the connection after answering, which is how the training's
 * client knows the answer is complete. This one also closes its side as soon as the answer is a
 * whole line, so it works as well against a server that keeps the connection open (a line echo
 * server). A connection lost any other way than cleanly fails the Deferred with the reason.
 *
 * <p>Twisted: {@code UppercaseClientProtocol} in the training's {@code simpleclient2.py}:
 * {@code dataReceived} appends to {@code self.buffer}, {@code connectionLost} calls
 * {@code self.factory.deferred.callback(''.join(self.buffer))}.
 */
final class UppercaseClientProtocol extends Protocol {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    @Override
    public void connectionMade() {
        transport.write((((RequestFactory) factory).text + "\r\n").getBytes(UTF_8));
    }

    @Override
    public void dataReceived(byte[] data) {
        buffer.writeBytes(data);
        if (buffer.toString(UTF_8).endsWith("\r\n")) {
            transport.loseConnection();
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        RequestFactory factory = (RequestFactory) this.factory;
        if (reason.check(ConnectionDone.class) != null) {
            factory.deferred.callback(stripLineEnd(buffer.toString(UTF_8)));
        } else {
            factory.deferred.errback(reason);
        }
    }

    /** {@code text} without one trailing {@code \r\n} or {@code \n}: what Python's {@code print} shows. */
    static String stripLineEnd(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        if (text.endsWith("\n")) {
            return text.substring(0, text.length() - 1);
        }
        return text;
    }
}
