package dev.jtwisted.samples.echo;

import dev.jtwisted.protocols.basic.Int32StringReceiver;

/**
 * Sends each string back after its 4-byte big-endian length, with
 * {@code Int32StringReceiver}'s defaults: a prefix announcing more than {@code MAX_LENGTH}
 * (99999 bytes) loses the connection before any of the string is read.
 *
 * <p>Twisted: {@code echoserv.py}'s {@code Echo} as an {@code Int32StringReceiver} whose
 * {@code stringReceived} calls {@code sendString}.
 */
final class Int32Echo extends Int32StringReceiver {
    @Override
    public void stringReceived(byte[] string) {
        sendString(string);
    }
}
