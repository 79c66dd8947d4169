package dev.jtwisted.internet.endpoints;

import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IReactorTCP;
import dev.jtwisted.internet.IStreamServerEndpoint;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import java.util.Objects;

/**
 * Listens on a TCP port of an IPv4 interface (all of them by default); each {@link #listen}
 * opens another port with {@code listenTCP}.
 *
 * <p>Twisted: {@code twisted.internet.endpoints.TCP4ServerEndpoint}.
 */
public class TCP4ServerEndpoint implements IStreamServerEndpoint {
    private final IReactorTCP reactor;
    private final int port;
    private final int backlog;
    private final String interfaceAddress;

    /** Listens on {@code port} of all IPv4 interfaces, with a backlog of 50. */
    public TCP4ServerEndpoint(IReactorTCP reactor, int port) {
        this(reactor, port, 50, "");
    }

    /**
     * @param port 0 to 65535; 0 lets the system choose (the port's {@code getHost} tells which)
     * @param backlog the listen queue length, 0 or more
     * @param interfaceAddress the address to bind, "" for all IPv4 interfaces
     * @throws IllegalArgumentException if {@code port} or {@code backlog} is out of range
     */
    public TCP4ServerEndpoint(IReactorTCP reactor, int port, int backlog, String interfaceAddress) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.port = checkPort(port);
        this.backlog = checkBacklog(backlog);
        this.interfaceAddress = Objects.requireNonNull(interfaceAddress, "interfaceAddress");
    }

    /**
     * Calls {@code listenTCP}; a {@link dev.jtwisted.internet.CannotListenError} (or any
     * exception) it throws fails the returned Deferred instead.
     */
    @Override
    public Deferred<IListeningPort> listen(IProtocolFactory protocolFactory) {
        return Defer.execute(() -> reactor.listenTCP(port,
                Objects.requireNonNull(protocolFactory, "protocolFactory"), backlog, interfaceAddress));
    }

    int port() {
        return port;
    }

    int backlog() {
        return backlog;
    }

    String interfaceAddress() {
        return interfaceAddress;
    }

    IReactorTCP reactor() {
        return reactor;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(port=" + port + ", backlog=" + backlog
                + ", interface='" + interfaceAddress + "')";
    }

    static int checkPort(int port) {
        if (port < 0 || port > Descriptions.MAX_PORT) {
            throw new IllegalArgumentException("port " + port + " is out of range 0..65535");
        }
        return port;
    }

    static int checkBacklog(int backlog) {
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog must be 0 or more: " + backlog);
        }
        return backlog;
    }

    static double checkTimeout(double timeout) {
        if (!(timeout >= 0) || Double.isInfinite(timeout)) {
            throw new IllegalArgumentException("timeout must be a finite number of seconds >= 0: " + timeout);
        }
        return timeout;
    }
}
