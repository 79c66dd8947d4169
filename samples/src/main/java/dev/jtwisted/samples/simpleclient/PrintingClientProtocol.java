package dev.jtwisted.samples.simpleclient;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jtwisted.internet.Protocol;
import java.io.PrintStream;

/**
 * The first client's protocol: sends the factory's word as a line and prints whatever comes
 * back, as it comes. Nothing ties an answer to its request, and nothing knows when all are in.
 *
 * <p>Twisted: {@code UppercaseClientProtocol} in the training's {@code simpleclient.py}, whose
 * {@code dataReceived} does {@code print data}.
 */
final class PrintingClientProtocol extends Protocol {
    private final PrintStream out;

    PrintingClientProtocol(PrintStream out) {
        this.out = out;
    }

    @Override
    public void connectionMade() {
        transport.write((((RequestFactory) factory).text + "\r\n").getBytes(UTF_8));
    }

    @Override
    public void dataReceived(byte[] data) {
        out.println(UppercaseClientProtocol.stripLineEnd(new String(data, UTF_8)));
    }
}
