package dev.jtwisted.internet.endpoints;

import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IReactorUNIX;
import dev.jtwisted.internet.IStreamServerEndpoint;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import java.util.Objects;

/**
 * Listens on a UNIX-domain socket file; each {@link #listen} opens another port with
 * {@code listenUNIX}. Described as {@code unix:/path[:mode=660][:backlog=50][:lockfile=1]}.
 *
 * <p>Twisted: {@code twisted.internet.endpoints.UNIXServerEndpoint}.
 */
public final class UNIXServerEndpoint implements IStreamServerEndpoint {
    private final IReactorUNIX reactor;
    private final UNIXServerDescription description;

    /** Listens on {@code address} with backlog 50, mode 0666 and a lock file, as descriptions default to. */
    public UNIXServerEndpoint(IReactorUNIX reactor, String address) {
        this(reactor, new UNIXServerDescription(address, 0666, 50, true));
    }

    /**
     * @param mode the socket file's permission bits, 0 to 0o7777
     * @param wantPID whether to hold the lock file {@code address + ".lock"} (see
     *     {@link IReactorUNIX#listenUNIX})
     * @throws IllegalArgumentException if {@code mode} or {@code backlog} is out of range
     */
    public UNIXServerEndpoint(IReactorUNIX reactor, String address, int backlog, int mode, boolean wantPID) {
        this(reactor, new UNIXServerDescription(address, mode, backlog, wantPID));
    }

    /** The endpoint a parsed description describes. */
    public UNIXServerEndpoint(IReactorUNIX reactor, UNIXServerDescription description) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.description = Objects.requireNonNull(description, "description");
    }

    /**
     * Calls {@code listenUNIX}; a {@link dev.jtwisted.internet.CannotListenError} (or any
     * exception) it throws fails the returned Deferred instead.
     */
    @Override
    public Deferred<IListeningPort> listen(IProtocolFactory protocolFactory) {
        Objects.requireNonNull(protocolFactory, "protocolFactory");
        return Defer.execute(() -> reactor.listenUNIX(description.address(), protocolFactory,
                description.backlog(), description.mode(), description.wantPID()));
    }

    /** What it listens on, and how. */
    public UNIXServerDescription description() {
        return description;
    }

    @Override
    public String toString() {
        return "UNIXServerEndpoint(address='" + description.address() + "', backlog=" + description.backlog()
                + ", mode=0o" + Integer.toOctalString(description.mode()) + ", wantPID=" + description.wantPID() + ")";
    }
}
