package dev.jtwisted.internet;

import java.util.Objects;

/**
 * An IP address and port, of a TCP or UDP socket: what {@link IPv4Address} and
 * {@link IPv6Address} share. Immutable; equal when class, type, host and port are.
 *
 * <p>Twisted: {@code twisted.internet.address._IPAddress}.
 */
public abstract class IPAddress implements IAddress {
    private final String type;
    private final String host;
    private final int port;

    /** Only the two address classes of this package extend it. */
    IPAddress(String type, String host, int port) {
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
    public final String type() {
        return type;
    }

    public final String host() {
        return host;
    }

    public final int port() {
        return port;
    }

    @Override
    public final boolean equals(Object o) {
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        IPAddress other = (IPAddress) o;
        return port == other.port && type.equals(other.type) && host.equals(other.host);
    }

    @Override
    public final int hashCode() {
        return Objects.hash(getClass(), type, host, port);
    }

    /** As Twisted prints it, e.g. {@code IPv4Address(type='TCP', host='...', port=8000)}. */
    @Override
    public final String toString() {
        return getClass().getSimpleName() + "(type='" + type + "', host='" + host + "', port="
                + port + ")";
    }
}
