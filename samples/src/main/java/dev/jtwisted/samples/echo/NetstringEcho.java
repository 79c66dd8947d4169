package dev.jtwisted.samples.echo;

import dev.jtwisted.protocols.basic.NetstringReceiver;

/**
 * Sends each netstring back ({@code 5:hello,}), with {@code NetstringReceiver}'s defaults: a
 * length over {@code MAX_LENGTH} (99999 bytes) or anything that is not a netstring loses the
 * connection.
 *
 * <p>Twisted: {@code echoserv.py}'s {@code Echo} as a {@code NetstringReceiver} whose
 * {@code stringReceived} calls {@code sendString}.
 */
final class NetstringEcho extends NetstringReceiver {
    @Override
    public void stringReceived(byte[] string) {
        sendString(string);
    }
}
