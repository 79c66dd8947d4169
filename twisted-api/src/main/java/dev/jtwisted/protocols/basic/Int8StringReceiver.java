package dev.jtwisted.protocols.basic;

/**
 * Strings prefixed by their length in one unsigned byte: at most 255 bytes each.
 * Override {@link #stringReceived(byte[])}; send with {@link #sendString(byte[])}.
 *
 * <p>Twisted: {@code twisted.protocols.basic.Int8StringReceiver}.
 */
public abstract class Int8StringReceiver extends IntNStringReceiver {
    protected Int8StringReceiver() {
        super(1);
    }
}
