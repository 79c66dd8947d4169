package dev.jtwisted.netty;

import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IPv6Address;
import dev.jtwisted.internet.UNIXAddress;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/** Netty and JDK socket addresses as Twisted's {@code IPv4Address}, {@code IPv6Address}, {@code UNIXAddress}. */
final class Addresses {
    private Addresses() {}

    /**
     * {@code address} as a stream connection's {@link IAddress}: a TCP IPv4Address or IPv6Address,
     * or a {@link UNIXAddress} for a UNIX-domain socket; any other address (an
     * {@code EmbeddedChannel}'s) becomes an IPv4Address holding its text and port 0. Null gives
     * null.
     */
    static IAddress tcp(SocketAddress address) {
        if (address instanceof DomainSocketAddress || address instanceof UnixDomainSocketAddress) {
            // A stream connection's transport asks here for its ends, whatever its family.
            return unix(address);
        }
        return ip("TCP", address);
    }

    /**
     * A UNIX-domain socket address (Netty's native one, or the JDK's) as a {@link UNIXAddress};
     * an unnamed socket's has a null name. Null gives null.
     */
    static UNIXAddress unix(SocketAddress address) {
        if (address == null) {
            return null;
        }
        String path;
        if (address instanceof DomainSocketAddress) {
            path = ((DomainSocketAddress) address).path();
        } else if (address instanceof UnixDomainSocketAddress) {
            path = ((UnixDomainSocketAddress) address).getPath().toString();
        } else {
            path = String.valueOf(address);
        }
        return new UNIXAddress(path == null || path.isEmpty() ? null : path);
    }

    /** {@code address} as a UDP {@link IAddress}, as {@link #tcp} does for TCP. */
    static IAddress udp(SocketAddress address) {
        return ip("UDP", address);
    }

    private static IAddress ip(String type, SocketAddress address) {
        if (address == null) {
            return null;
        }
        if (!(address instanceof InetSocketAddress)) {
            return new IPv4Address(type, String.valueOf(address), 0);
        }
        InetSocketAddress inet = (InetSocketAddress) address;
        InetAddress ip = inet.getAddress();
        if (ip == null) {
            return new IPv4Address(type, inet.getHostString(), inet.getPort());
        }
        if (ip instanceof Inet6Address) {
            byte[] bytes = ip.getAddress();
            if (isIpv4Mapped(bytes)) {
                String v4 = (bytes[12] & 0xff) + "." + (bytes[13] & 0xff) + "." + (bytes[14] & 0xff)
                        + "." + (bytes[15] & 0xff);
                return new IPv4Address(type, v4, inet.getPort());
            }
            return new IPv6Address(type, NetUtil.toAddressString(ip), inet.getPort());
        }
        return new IPv4Address(type, ip.getHostAddress(), inet.getPort());
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    /** Whether {@code host} is an IPv6 literal (with or without brackets). */
    static boolean isIpv6Literal(String host) {
        return NetUtil.isValidIpV6Address(host);
    }

    /** Whether {@code host} is an IPv4 or IPv6 literal, which needs no name lookup. */
    static boolean isIpLiteral(String host) {
        return NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host);
    }

    /** The literal {@code host} as an address, without a lookup; null if it is not a literal. */
    static InetAddress literal(String host) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + host, e);
        }
    }

    static boolean isIpv6(InetAddress address) {
        return !(address instanceof Inet4Address);
    }
}
