package dev.jtwisted.internet;

/**
 * UNIX-domain stream sockets: listen on a path and connect to one.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IReactorUNIX}.
 */
public interface IReactorUNIX {
    /**
     * Listens on the socket file {@code address}, making a protocol with {@code factory} for each
     * connection. The file is made with permissions {@code mode} and removed when the port
     * stops listening. With {@code wantPID}, a lock file {@code address + ".lock"} naming this
     * process guards the socket: a live owner makes this fail, and a socket file left by a dead
     * one is removed first.
     *
     * @param mode the socket file's permission bits, e.g. {@code 0666}
     * @throws CannotListenError if the path cannot be bound (in use, too long, abstract, no such
     *     directory) or the lock is held
     */
    IListeningPort listenUNIX(String address, IProtocolFactory factory, int backlog, int mode, boolean wantPID);

    /** {@link #listenUNIX(String, IProtocolFactory, int, int, boolean)} with backlog 50, mode 0666, no lock. */
    default IListeningPort listenUNIX(String address, IProtocolFactory factory) {
        return listenUNIX(address, factory, 50, 0666, false);
    }

    /**
     * Connects to the socket file {@code address}; the factory hears as with {@code connectTCP}
     * ({@link ConnectionRefusedError} when nothing listens there). With {@code checkPID}, the
     * attempt fails with {@link BadFileError} unless a live process holds the server's lock file.
     *
     * @param timeout seconds to wait for the connection
     */
    IConnector connectUNIX(String address, ClientFactory factory, double timeout, boolean checkPID);

    /** {@link #connectUNIX(String, ClientFactory, double, boolean)} with a 30 s timeout, no PID check. */
    default IConnector connectUNIX(String address, ClientFactory factory) {
        return connectUNIX(address, factory, 30, false);
    }
}
