package dev.jtwisted.internet;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base class of datagram protocols (UDP): override {@link #datagramReceived} and, for
 * connected UDP, {@link #connectionRefused()}. One instance serves its port for the port's life;
 * there is no factory, as in Twisted.
 *
 * <p>{@code transport} is a protected field, named as Twisted's attribute, so that ported code
 * reads the same ({@code transport.write(data, addr)}). A protocol given to
 * {@code listenMulticast} can cast it to {@link IMulticastTransport}.
 *
 * <p>Threads: every event comes on the port's reactor thread, in order.
 *
 * <p>Twisted: {@code twisted.internet.protocol.DatagramProtocol} with
 * {@code AbstractDatagramProtocol}.
 */
public class DatagramProtocol {
    private static final Logger log = LoggerFactory.getLogger(DatagramProtocol.class);

    /** The port; set by {@link #makeConnection}, null again after {@link #doStop()}. */
    protected IUDPTransport transport;
    /** How many ports this protocol is connected to. Twisted: {@code numPorts}. */
    protected int numPorts;
    /** Whether starting and stopping are logged. Twisted: {@code noisy}. */
    protected boolean noisy = true;

    /**
     * Connects this protocol to its port: sets {@code transport}, then {@link #doStart()}. The
     * port calls it when it starts listening.
     *
     * <p>Twisted: {@code AbstractDatagramProtocol.makeConnection}.
     *
     * @throws IllegalStateException if it has a transport already (Twisted asserts so)
     */
    public void makeConnection(IUDPTransport transport) {
        Objects.requireNonNull(transport, "transport");
        if (this.transport != null) {
            throw new IllegalStateException(this + " is connected to " + this.transport + " already");
        }
        this.transport = transport;
        doStart();
    }

    /** Calls {@link #startProtocol()} for the first port. Called by {@link #makeConnection}. */
    public void doStart() {
        if (numPorts == 0) {
            if (noisy) {
                log.info("Starting protocol {}", this);
            }
            startProtocol();
        }
        numPorts++;
    }

    /**
     * Forgets the transport, and calls {@link #stopProtocol()} after the last port. Called by the
     * port once it has closed.
     *
     * @throws IllegalStateException if no port is connected (Twisted asserts so)
     */
    public void doStop() {
        if (numPorts <= 0) {
            throw new IllegalStateException(this + ".doStop() called with no port connected");
        }
        numPorts--;
        transport = null;
        if (numPorts == 0) {
            if (noisy) {
                log.info("Stopping protocol {}", this);
            }
            stopProtocol();
        }
    }

    /** Called once the protocol has a transport: a good place to join groups or send. */
    public void startProtocol() {}

    /** Called once the last port has closed. */
    public void stopProtocol() {}

    /**
     * Called with each datagram received: at most the port's {@code maxPacketSize} bytes of it
     * (the rest of a longer one is lost, as with Twisted's {@code recvfrom}).
     *
     * @param addr the sender, an {@link IPv4Address} or {@link IPv6Address} of type "UDP"
     */
    public void datagramReceived(byte[] datagram, IAddress addr) {}

    /**
     * Called on a connected port when the peer's host said nothing listens there (ICMP port
     * unreachable). It answers an earlier write, not any one in particular.
     */
    public void connectionRefused() {}

    /** The port, or null when not connected. */
    public IUDPTransport transport() {
        return transport;
    }

    /** How log lines about this protocol name it. Twisted: {@code logPrefix}. */
    public String logPrefix() {
        return getClass().getSimpleName();
    }
}
