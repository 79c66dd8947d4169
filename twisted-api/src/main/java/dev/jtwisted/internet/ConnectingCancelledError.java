package dev.jtwisted.internet;

import java.util.Objects;

/**
 * A client endpoint's connection attempt was cancelled (its Deferred's {@code cancel()}) before
 * it connected.
 *
 * <p>Twisted: {@code twisted.internet.error.ConnectingCancelledError}.
 */
public class ConnectingCancelledError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient IAddress address;

    /** @param address where the cancelled attempt was connecting to */
    public ConnectingCancelledError(IAddress address) {
        super("connecting to " + address + " was cancelled");
        this.address = Objects.requireNonNull(address, "address");
    }

    /** Where the cancelled attempt was connecting to. Twisted: {@code address}. */
    public IAddress address() {
        return address;
    }
}
