package dev.jtwisted.interop;

import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.python.failure.Failure;

/**
 * Writes back every byte it receives, and records its connection in a {@link ConnectionLog}.
 * The jtwisted side of the interop tests' echo server.
 *
 * <p>Twisted: {@code Echo} in the echo server example ({@code docs/core/examples/echoserv.py}).
 */
final class Echo extends Protocol {
    private final ConnectionLog log;
    private int id;
    private long echoed;

    Echo(ConnectionLog log) {
        this.log = log;
    }

    /** A server factory of echo protocols that record in {@code log}. */
    static ServerFactory factory(ConnectionLog log) {
        return ServerFactory.forProtocol(() -> new Echo(log));
    }

    @Override
    public void connectionMade() {
        id = log.made();
    }

    @Override
    public void dataReceived(byte[] data) {
        echoed += data.length;
        transport.write(data);
    }

    @Override
    public void connectionLost(Failure reason) {
        log.lost(id, echoed, reason);
    }
}
