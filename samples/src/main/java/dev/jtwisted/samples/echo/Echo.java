package dev.jtwisted.samples.echo;

import dev.jtwisted.internet.Protocol;

/**
 * Writes back whatever arrives, as it arrives: no framing, so the bytes come back in whatever
 * pieces the network delivered them.
 *
 * <p>Twisted: {@code Echo} in {@code echoserv.py}.
 */
final class Echo extends Protocol {
    @Override
    public void dataReceived(byte[] data) {
        transport.write(data);
    }
}
