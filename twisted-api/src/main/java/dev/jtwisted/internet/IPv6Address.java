package dev.jtwisted.internet;

/**
 * An IPv6 address and port, of a TCP or UDP socket.
 * Immutable; equal when type, host and port are.
 *
 * <p>Twisted: {@code twisted.internet.address.IPv6Address}.
 */
public final class IPv6Address extends IPAddress {
    /**
     * @param type {@code "TCP"} or {@code "UDP"}
     * @param host the address as text, e.g. {@code ::1}
     * @param port 0 to 65535
     */
    public IPv6Address(String type, String host, int port) {
        super(type, host, port);
    }
}
