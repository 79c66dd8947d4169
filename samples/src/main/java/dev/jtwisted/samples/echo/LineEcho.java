package dev.jtwisted.samples.echo;

import dev.jtwisted.protocols.basic.LineReceiver;

/**
 * Sends each line back, with {@code LineReceiver}'s defaults: lines end with {@code \r\n}, and
 * one longer than {@code MAX_LENGTH} (16384 bytes) loses the connection.
 *
 * <p>Twisted: {@code echoserv.py}'s {@code Echo} as a {@code LineReceiver} whose
 * {@code lineReceived} calls {@code sendLine}.
 */
final class LineEcho extends LineReceiver {
    @Override
    public void lineReceived(byte[] line) {
        sendLine(line);
    }
}
