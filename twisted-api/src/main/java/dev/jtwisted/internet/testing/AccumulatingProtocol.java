package dev.jtwisted.internet.testing;

import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A protocol that records its events: whether it was connected, every byte received, and why it
 * was closed. The usual other end for a protocol under test.
 *
 * <p>Twisted: {@code twisted.internet.testing.AccumulatingProtocol} (without the factory's
 * {@code protocolConnectionMade} Deferred, which needs an attribute Java factories lack).
 */
public class AccumulatingProtocol extends Protocol {
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private boolean made;
    private boolean closed;
    private Failure closedReason;
    private Deferred<Void> closedDeferred;

    @Override
    public void connectionMade() {
        made = true;
    }

    @Override
    public void dataReceived(byte[] bytes) {
        data.writeBytes(bytes);
    }

    /** Records the reason and fires the Deferred set with {@link #setClosedDeferred}, if any. */
    @Override
    public void connectionLost(Failure reason) {
        closed = true;
        closedReason = reason;
        Deferred<Void> d = closedDeferred;
        closedDeferred = null;
        if (d != null) {
            d.callback(null);
        }
    }

    /** Whether {@code connectionMade} was called. Twisted: {@code made}. */
    public boolean made() {
        return made;
    }

    /** Every byte received so far, in order. Twisted: {@code data}. */
    public byte[] data() {
        return data.toByteArray();
    }

    /** {@link #data()} decoded as ISO-8859-1, one char per byte. */
    public String dataString() {
        return new String(data(), StandardCharsets.ISO_8859_1);
    }

    /** Whether {@code connectionLost} was called. Twisted: {@code closed}. */
    public boolean closed() {
        return closed;
    }

    /** The reason given to {@code connectionLost}, or null before. Twisted: {@code closedReason}. */
    public Failure closedReason() {
        return closedReason;
    }

    /** A Deferred to fire (with null) when the connection is lost. Twisted: {@code closedDeferred}. */
    public void setClosedDeferred(Deferred<Void> closedDeferred) {
        this.closedDeferred = closedDeferred;
    }
}
