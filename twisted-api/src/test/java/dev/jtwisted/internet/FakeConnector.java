package dev.jtwisted.internet;

/**
 * An {@link IConnector} that records what it is asked to do, for factory tests. Hooks let a test
 * make it behave like a real one (fail when asked to stop, refuse to reconnect...).
 *
 * <p>Twisted: {@code test_factories.FakeConnector} and {@code testing._FakeConnector}.
 */
class FakeConnector implements IConnector {
    private final IAddress destination;
    int connects;
    int stopConnectings;
    int disconnects;
    /** Runs on {@link #connect()}; may throw. */
    Runnable onConnect = () -> {};
    /** Runs on {@link #stopConnecting()}; may throw. */
    Runnable onStopConnecting = () -> {};

    FakeConnector() {
        this(new IPv4Address("TCP", "127.0.0.1", 1234));
    }

    FakeConnector(IAddress destination) {
        this.destination = destination;
    }

    @Override
    public void stopConnecting() {
        stopConnectings++;
        onStopConnecting.run();
    }

    @Override
    public void disconnect() {
        disconnects++;
    }

    @Override
    public void connect() {
        connects++;
        onConnect.run();
    }

    @Override
    public IAddress getDestination() {
        return destination;
    }

    @Override
    public String toString() {
        return "FakeConnector(" + destination + ")";
    }
}
