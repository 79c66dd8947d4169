package dev.jtwisted.protocols.basic;

/**
 * Strings prefixed by their length in two bytes, unsigned, in network order: at most 65535.
 * Override {@link #stringReceived(byte[])}; send with {@link #sendString(byte[])}.
 *
 * <p>Twisted: {@code twisted.protocols.basic.Int16StringReceiver}.
 */
public abstract class Int16StringReceiver extends IntNStringReceiver {
    protected Int16StringReceiver() {
        super(2);
    }
}
