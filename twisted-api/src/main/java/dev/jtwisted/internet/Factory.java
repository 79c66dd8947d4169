package dev.jtwisted.internet;

import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a protocol per connection, and holds what the connections share. {@code startFactory}
 * runs when the first port or connector starts using it and {@code stopFactory} when the last
 * one is done, however many use it.
 *
 * <p>Twisted: {@code twisted.internet.protocol.Factory}.
 */
public class Factory implements IProtocolFactory {
    private static final Logger log = LoggerFactory.getLogger(Factory.class);

    /** What {@link #buildProtocol} makes; Twisted's {@code Factory.protocol}. May be null. */
    protected Supplier<? extends Protocol> protocol;
    /** Whether starting and stopping are logged (at INFO). Twisted: {@code Factory.noisy}. */
    protected boolean noisy = true;
    private int numPorts;

    /** A factory whose {@link #buildProtocol} makes protocols with {@code protocol}. */
    public static Factory forProtocol(Supplier<? extends Protocol> protocol) {
        Factory factory = new Factory();
        factory.protocol = Objects.requireNonNull(protocol, "protocol");
        return factory;
    }

    /** Counts one more user; the first calls {@link #startFactory()}. Not for user code. */
    @Override
    public void doStart() {
        if (numPorts == 0) {
            if (noisy) {
                log.info("Starting factory {}", this);
            }
            startFactory();
        }
        numPorts++;
    }

    /** Counts one user less; the last calls {@link #stopFactory()}. Not for user code. */
    @Override
    public void doStop() {
        if (numPorts == 0) {
            return;
        }
        numPorts--;
        if (numPorts == 0) {
            if (noisy) {
                log.info("Stopping factory {}", this);
            }
            stopFactory();
        }
    }

    /** Called once before the first port or connector uses this factory. */
    public void startFactory() {}

    /** Called once after the last port or connector is done with this factory. */
    public void stopFactory() {}

    /**
     * Makes the protocol for a connection from or to {@code addr} with {@link #protocol} and
     * sets its factory; override to choose per address, or return null to refuse the connection.
     *
     * @throws IllegalStateException if {@code protocol} is not set and this is not overridden
     */
    @Override
    public IProtocol buildProtocol(IAddress addr) {
        if (protocol == null) {
            throw new IllegalStateException(getClass().getName()
                    + ".protocol is not set: set it, or override buildProtocol");
        }
        Protocol p = protocol.get();
        p.setFactory(this);
        return p;
    }

    /** How many ports and connectors use this factory now. Twisted: {@code numPorts}. */
    public int numPorts() {
        return numPorts;
    }

    /** How log lines name this factory. Twisted: {@code logPrefix}. */
    public String logPrefix() {
        return getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return logPrefix() + "@" + Integer.toHexString(System.identityHashCode(this));
    }
}
