package dev.jtwisted.protocols.basic;

/**
 * The bytes received are not a valid netstring. {@link NetstringReceiver} logs it and loses
 * the connection; it is never thrown out of {@code dataReceived}.
 *
 * <p>Twisted: {@code twisted.protocols.basic.NetstringParseError}.
 */
public class NetstringParseError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NetstringParseError(String message) {
        super(message);
    }
}
