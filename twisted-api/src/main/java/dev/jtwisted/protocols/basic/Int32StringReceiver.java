package dev.jtwisted.protocols.basic;

/**
 * Strings prefixed by their length in four bytes, unsigned, in network order.
 * Override {@link #stringReceived(byte[])}; send with {@link #sendString(byte[])}. The most
 * common framing of binary protocols.
 *
 * <p>Twisted: {@code twisted.protocols.basic.Int32StringReceiver}.
 */
public abstract class Int32StringReceiver extends IntNStringReceiver {
    protected Int32StringReceiver() {
        super(4);
    }
}
