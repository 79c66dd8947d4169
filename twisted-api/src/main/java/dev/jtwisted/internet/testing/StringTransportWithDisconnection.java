package dev.jtwisted.internet.testing;

import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.python.failure.Failure;
import java.util.Objects;

/**
 * A {@link StringTransport} whose {@link #loseConnection()} tells the protocol at once: it gets
 * {@code connectionLost} with {@link ConnectionDone}, the first time only.
 * For protocols whose tests need to see the connection end, without an {@link IOPump}.
 *
 * <p>Twisted: {@code twisted.internet.testing.StringTransportWithDisconnection}.
 */
public class StringTransportWithDisconnection extends StringTransport {
    private IProtocol protocol;

    /** A transport whose protocol is set later, with {@link #setProtocol}. */
    public StringTransportWithDisconnection() {}

    /** A transport that will tell {@code protocol} when it is closed. */
    public StringTransportWithDisconnection(IProtocol protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    /** A transport with the given addresses (null for the defaults) telling {@code protocol}. */
    public StringTransportWithDisconnection(IProtocol protocol, IAddress hostAddress,
            IAddress peerAddress) {
        super(hostAddress, peerAddress);
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    /** Sets the protocol to tell. Twisted: {@code transport.protocol = p}. */
    public void setProtocol(IProtocol protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    /** The protocol told of the disconnection, or null if not set yet. */
    public IProtocol protocol() {
        return protocol;
    }

    /**
     * Records the call as {@link StringTransport#loseConnection()} does, and, the first time,
     * marks the transport not connected and calls the protocol's {@code connectionLost} with
     * {@link ConnectionDone}.
     *
     * @throws IllegalStateException if no protocol was set
     */
    @Override
    public void loseConnection() {
        super.loseConnection();
        if (connected) {
            if (protocol == null) {
                throw new IllegalStateException(
                        "loseConnection on " + this + " before its protocol was set");
            }
            connected = false;
            protocol.connectionLost(new Failure(new ConnectionDone("Bye.")));
        }
    }
}
