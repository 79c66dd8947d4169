package dev.jtwisted.internet;

import java.util.Objects;

/**
 * An IPv4 address and port, of a TCP or UDP socket.
 * Immutable; equal when type, host and port are.
 *
 * <p>Twisted: {@code twisted.internet.address.IPv4Address}.
 */
public final class IPv4Address implements IAddress {
    private final String type;
    private final String host;
    private final int port;

    /**
     * @param type {@code "TCP"} or {@code "UDP"}
     * @param host the address as text, e.g. {@code 127.0.0.1}
     * @param port 0 to 65535
     */
    public IPv4Address(String type, String host, int port) {
        if (!"TCP".equals(type) && !"UDP".equals(type)) {
            throw new IllegalArgumentException("type must be TCP or UDP: " + type);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535: " + port);
        }
        this.type = type;
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
    }

    /** {@code "TCP"} or {@code "UDP"}. */
    public String type() {
        return type;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof IPv4Address)) {
            return false;
        }
        IPv4Address other = (IPv4Address) o;
        return port == other.port && type.equals(other.type) && host.equals(other.host);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, host, port);
    }

    /** As Twisted prints it: {@code IPv4Address(type='TCP', host='...', port=8000)}. */
    @Override
    public String toString() {
        return "IPv4Address(type='" + type + "', host='" + host + "', port=" + port + ")";
    }
}
