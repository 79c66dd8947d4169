package dev.jtwisted.internet;

import dev.jtwisted.internet.task.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A reactor that only records {@code connectTCP} calls and keeps fake time, so a test can drive
 * the client factory's callbacks itself.
 *
 * <p>Twisted: the {@code tcpClients} and {@code connectors} of {@code MemoryReactorClock}.
 */
final class FakeTCPReactor implements IReactorTCP, IReactorTime {
    /** One recorded {@code connectTCP} call. */
    record TcpClient(String host, int port, ClientFactory factory, double timeout,
            IPv4Address bindAddress) {}

    final Clock clock = new Clock();
    final List<TcpClient> tcpClients = new ArrayList<>();
    final List<FakeConnector> connectors = new ArrayList<>();

    @Override
    public IConnector connectTCP(String host, int port, ClientFactory factory, double timeout,
            IPv4Address bindAddress) {
        tcpClients.add(new TcpClient(host, port, factory, timeout, bindAddress));
        FakeConnector connector = new FakeConnector(new IPv4Address("TCP", "127.0.0.1", port));
        factory.startedConnecting(connector);
        connectors.add(connector);
        return connector;
    }

    @Override
    public IListeningPort listenTCP(int port, IProtocolFactory factory, int backlog,
            String interfaceAddress) {
        throw new UnsupportedOperationException("FakeTCPReactor only connects");
    }

    @Override
    public double seconds() {
        return clock.seconds();
    }

    @Override
    public IDelayedCall callLater(double delay, Runnable callable) {
        return clock.callLater(delay, callable);
    }

    @Override
    public List<IDelayedCall> getDelayedCalls() {
        return clock.getDelayedCalls();
    }
}
