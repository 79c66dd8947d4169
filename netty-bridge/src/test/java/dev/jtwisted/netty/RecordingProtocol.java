package dev.jtwisted.netty;

import dev.jtwisted.internet.Protocol;
import dev.jtwisted.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** A protocol that records its events, for tests that drive a transport. */
class RecordingProtocol extends Protocol {
    final List<String> events = new ArrayList<>();
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    final List<Failure> lost = new ArrayList<>();

    @Override
    public void connectionMade() {
        events.add("connectionMade");
    }

    @Override
    public void dataReceived(byte[] data) {
        events.add("dataReceived");
        received.writeBytes(data);
    }

    @Override
    public void connectionLost(Failure reason) {
        events.add("connectionLost");
        lost.add(reason);
    }

    String receivedText() {
        return received.toString(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
