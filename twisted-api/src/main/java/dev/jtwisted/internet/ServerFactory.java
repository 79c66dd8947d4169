package dev.jtwisted.internet;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A factory for listening ports; says which side it serves.
 *
 * <p>Twisted: {@code twisted.internet.protocol.ServerFactory}.
 */
public class ServerFactory extends Factory {
    /** A server factory making protocols with {@code protocol}. */
    public static ServerFactory forProtocol(Supplier<? extends Protocol> protocol) {
        ServerFactory factory = new ServerFactory();
        factory.protocol = Objects.requireNonNull(protocol, "protocol");
        return factory;
    }
}
