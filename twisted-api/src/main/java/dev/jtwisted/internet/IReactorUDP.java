package dev.jtwisted.internet;

/**
 * UDP: listen on a port with a {@link DatagramProtocol}.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IReactorUDP}.
 */
public interface IReactorUDP {
    /**
     * Binds {@code port} (0: any free port) of {@code interfaceAddress} and connects
     * {@code protocol} to it ({@code makeConnection}, so {@code startProtocol}, before this
     * returns). Datagrams longer than {@code maxPacketSize} are cut to that length on receipt.
     *
     * @param interfaceAddress an IPv4 or IPv6 address; "" or null for all IPv4 interfaces, "::"
     *     for all IPv6 ones
     * @throws CannotListenError if the port cannot be bound
     * @throws InvalidAddressError if {@code interfaceAddress} is not an IP address
     */
    IUDPTransport listenUDP(int port, DatagramProtocol protocol, String interfaceAddress, int maxPacketSize);

    /** {@link #listenUDP(int, DatagramProtocol, String, int)} on all IPv4 interfaces, 8192-byte packets. */
    default IUDPTransport listenUDP(int port, DatagramProtocol protocol) {
        return listenUDP(port, protocol, "", 8192);
    }

    /** {@link #listenUDP(int, DatagramProtocol, String, int)} with 8192-byte packets. */
    default IUDPTransport listenUDP(int port, DatagramProtocol protocol, String interfaceAddress) {
        return listenUDP(port, protocol, interfaceAddress, 8192);
    }
}
