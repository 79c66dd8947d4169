package dev.jtwisted.internet;

/**
 * UDP with multicast: a port that can join groups.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IReactorMulticast}.
 */
public interface IReactorMulticast {
    /**
     * As {@link IReactorUDP#listenUDP}, returning a port that can join multicast groups.
     *
     * @param listenMultiple whether other sockets (of this or other processes) may bind the same
     *     port too ({@code SO_REUSEADDR} and {@code SO_REUSEPORT}), so each gets the group's
     *     datagrams
     * @throws CannotListenError if the port cannot be bound
     * @throws InvalidAddressError if {@code interfaceAddress} is not an IP address
     */
    IMulticastTransport listenMulticast(int port, DatagramProtocol protocol, String interfaceAddress,
            int maxPacketSize, boolean listenMultiple);

    /** {@link #listenMulticast(int, DatagramProtocol, String, int, boolean)} on all IPv4 interfaces, 8192-byte packets, not shared. */
    default IMulticastTransport listenMulticast(int port, DatagramProtocol protocol) {
        return listenMulticast(port, protocol, "", 8192, false);
    }

    /** {@link #listenMulticast(int, DatagramProtocol, String, int, boolean)} on all IPv4 interfaces, 8192-byte packets. */
    default IMulticastTransport listenMulticast(int port, DatagramProtocol protocol, boolean listenMultiple) {
        return listenMulticast(port, protocol, "", 8192, listenMultiple);
    }
}
