package dev.jtwisted.internet;

import dev.jtwisted.python.failure.Failure;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A factory for outgoing connections, told how each attempt goes: started, failed, or made and
 * later lost. Each callback gets the {@link IConnector}, which can {@code connect()} again.
 *
 * <p>Twisted: {@code twisted.internet.protocol.ClientFactory}.
 */
public class ClientFactory extends Factory {
    /** A client factory making protocols with {@code protocol}. */
    public static ClientFactory forProtocol(Supplier<? extends Protocol> protocol) {
        ClientFactory factory = new ClientFactory();
        factory.protocol = Objects.requireNonNull(protocol, "protocol");
        return factory;
    }

    /** An attempt has started. */
    public void startedConnecting(IConnector connector) {}

    /** An attempt failed: {@code reason} says why (refused, timed out, no such host...). */
    public void clientConnectionFailed(IConnector connector, Failure reason) {}

    /** A connection this factory made is gone: {@code reason} as in {@code connectionLost}. */
    public void clientConnectionLost(IConnector connector, Failure reason) {}
}
