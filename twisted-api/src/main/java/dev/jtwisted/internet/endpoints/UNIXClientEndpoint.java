package dev.jtwisted.internet.endpoints;

import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IReactorUNIX;
import dev.jtwisted.internet.IStreamClientEndpoint;
import dev.jtwisted.internet.defer.Deferred;
import java.util.Objects;

/**
 * Connects to a UNIX-domain socket file; each {@link #connect} makes another connection with
 * {@code connectUNIX}. Described as {@code unix:path=/path[:timeout=30][:lockfile=1]}.
 *
 * <p>Twisted: {@code twisted.internet.endpoints.UNIXClientEndpoint}.
 */
public final class UNIXClientEndpoint implements IStreamClientEndpoint {
    private final IReactorUNIX reactor;
    private final UNIXClientDescription description;

    /** Connects to {@code path} with a 30 second timeout and no PID check. */
    public UNIXClientEndpoint(IReactorUNIX reactor, String path) {
        this(reactor, new UNIXClientDescription(path, 30, false));
    }

    /**
     * @param timeout seconds to wait for the connection, 0 or more
     * @param checkPID whether to fail with {@link dev.jtwisted.internet.BadFileError} unless a
     *     live server holds the lock file {@code path + ".lock"}
     * @throws IllegalArgumentException if {@code timeout} is negative or not finite
     */
    public UNIXClientEndpoint(IReactorUNIX reactor, String path, double timeout, boolean checkPID) {
        this(reactor, new UNIXClientDescription(path, timeout, checkPID));
    }

    /** The endpoint a parsed description describes. */
    public UNIXClientEndpoint(IReactorUNIX reactor, UNIXClientDescription description) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.description = Objects.requireNonNull(description, "description");
    }

    /**
     * Calls {@code connectUNIX} with a factory that builds one protocol with
     * {@code protocolFactory}; the Deferred fires with it once connected.
     */
    @Override
    public Deferred<IProtocol> connect(IProtocolFactory protocolFactory) {
        return WrappingFactory.connectUNIX(reactor, description.path(), description.timeout(),
                description.checkPID(), protocolFactory);
    }

    /** Where it connects, and how. */
    public UNIXClientDescription description() {
        return description;
    }

    @Override
    public String toString() {
        return "UNIXClientEndpoint(path='" + description.path() + "', timeout=" + description.timeout()
                + ", checkPID=" + description.checkPID() + ")";
    }
}
