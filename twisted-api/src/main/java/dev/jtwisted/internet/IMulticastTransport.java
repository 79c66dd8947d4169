package dev.jtwisted.internet;

import dev.jtwisted.internet.defer.Deferred;

/**
 * A UDP port that takes part in IP multicast: join and leave groups, and set how its own
 * datagrams to a group go out. What {@code listenMulticast} returns.
 *
 * <p>Threads: as {@link IUDPTransport}; the Deferreds fire on the port's reactor thread.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IMulticastTransport}, {@code udp.MulticastMixin}.
 */
public interface IMulticastTransport extends IUDPTransport {
    /** The address of the interface multicast datagrams go out of; "0.0.0.0" when the system chooses. */
    String getOutgoingInterface();

    /**
     * Sends multicast datagrams out of the interface that has address {@code addr}; fires once
     * set, or fails.
     *
     * @param addr an IP address or a host name (looked up off the reactor thread)
     */
    Deferred<Void> setOutgoingInterface(String addr);

    /** Whether this host's members of a group get the datagrams this port sends to it. */
    boolean getLoopbackMode();

    /** Sets {@link #getLoopbackMode()} ({@code IP_MULTICAST_LOOP}); on by default. */
    void setLoopbackMode(boolean mode);

    int getTTL();

    /** How many hops multicast datagrams may travel ({@code IP_MULTICAST_TTL}); 1 by default. */
    void setTTL(int ttl);

    /**
     * Joins the group {@code addr} on the interface with address {@code interfaceAddress}; fires
     * once joined, or fails with {@link MulticastJoinError}.
     *
     * @param addr a multicast IP address or a host name
     * @param interfaceAddress an interface's address, or "" for the system's choice (here: the
     *     outgoing interface if one is set, else the first multicast-capable interface that is
     *     up, else the loopback)
     */
    Deferred<Void> joinGroup(String addr, String interfaceAddress);

    /** {@link #joinGroup(String, String)} on the system's choice of interface. */
    default Deferred<Void> joinGroup(String addr) {
        return joinGroup(addr, "");
    }

    /** Leaves a group joined with {@link #joinGroup}; fires once left, or fails with {@link MulticastJoinError}. */
    Deferred<Void> leaveGroup(String addr, String interfaceAddress);

    /** {@link #leaveGroup(String, String)} on the system's choice of interface. */
    default Deferred<Void> leaveGroup(String addr) {
        return leaveGroup(addr, "");
    }
}
