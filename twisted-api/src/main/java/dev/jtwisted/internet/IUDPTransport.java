package dev.jtwisted.internet;

import java.util.List;

/**
 * A UDP port, as its {@link DatagramProtocol} sees it: send datagrams, optionally "connect" to
 * one peer, and stop. It is also the {@link IListeningPort} that {@code listenUDP} returns.
 *
 * <p>Threads: it lives on one reactor thread, as its protocol does; calls from other threads are
 * checked at once (so a bad argument throws to the caller) and then passed to it.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IUDPTransport}, {@code udp.Port}.
 */
public interface IUDPTransport extends IListeningPort {
    /**
     * Sends {@code packet} to {@code addr}. On a connected port {@code addr} may be null (or must
     * be the connected address). Errors the system reports later (no route, refused) are logged,
     * and refused on a connected port becomes {@code connectionRefused()}.
     *
     * @param addr an {@link IPv4Address} or {@link IPv6Address} (its type is ignored) holding an
     *     IP address, not a host name, of the port's family; or {@code "<broadcast>"} as host
     * @throws MessageLengthError if {@code packet} cannot fit in one datagram
     * @throws InvalidAddressError if the host is not an IP address of the port's family
     * @throws IllegalArgumentException if {@code addr} is null on an unconnected port, or is not
     *     the connected address
     */
    void write(byte[] packet, IAddress addr);

    /** {@link #write(byte[], IAddress)} to {@code host}:{@code port}. */
    void write(byte[] packet, String host, int port);

    /** {@link #write(byte[], IAddress)} to the connected address. */
    default void write(byte[] packet) {
        write(packet, (IAddress) null);
    }

    /** Sends the chunks of {@code seq} as one datagram. Twisted: {@code Port.writeSequence}. */
    default void writeSequence(List<byte[]> seq, IAddress addr) {
        int n = 0;
        for (byte[] chunk : seq) {
            n += chunk.length;
        }
        byte[] packet = new byte[n];
        int at = 0;
        for (byte[] chunk : seq) {
            System.arraycopy(chunk, 0, packet, at, chunk.length);
            at += chunk.length;
        }
        write(packet, addr);
    }

    /**
     * "Connects" to one peer: from now on only its datagrams are received, {@link #write(byte[])}
     * goes to it, and an ICMP port-unreachable from it calls {@code connectionRefused()}.
     *
     * @param host an IPv4 or IPv6 address, not a host name (as Twisted requires)
     * @throws InvalidAddressError if {@code host} is not an IP address
     * @throws IllegalStateException if connected already (reconnecting is not supported, as in
     *     Twisted)
     */
    void connect(String host, int port);

    /** The local address: an {@link IPv4Address} or {@link IPv6Address} of type "UDP". */
    @Override
    IAddress getHost();

    /** Allows or forbids sending to broadcast addresses ({@code SO_BROADCAST}); off by default. */
    void setBroadcastAllowed(boolean enabled);

    boolean getBroadcastAllowed();
}
