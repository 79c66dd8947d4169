package dev.jtwisted.samples.upper;

import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.python.failure.Failure;
import java.nio.charset.StandardCharsets;

/**
 * The upper server's factory, counting the clients connected: state that all connections share
 * lives on the factory, since each connection has its own protocol. Each protocol it builds
 * counts itself in when it connects, tells the client how many are connected, and counts itself
 * out when its connection is lost, however it is lost.
 *
 * <p>Threads: the count is read and written only on the reactor thread, where every
 * protocol's events come, so it needs no lock.
 *
 * <p>Twisted: the training's counting exercise: {@code CountingFactory(protocol.ServerFactory)}
 * with {@code count = 0} and {@code protocol = UpperProtocol}, whose {@code connectionMade}
 * does {@code self.factory.count += 1} and {@code connectionLost} {@code -= 1}.
 */
final class CountingFactory extends ServerFactory {
    /** How many clients are connected now. Twisted: {@code CountingFactory.count}. */
    int count;

    CountingFactory() {
        protocol = CountingProtocol::new;
    }

    /** The upper protocol that greets each client with the count. */
    private static final class CountingProtocol extends UpperProtocol {
        @Override
        public void connectionMade() {
            CountingFactory factory = (CountingFactory) this.factory;
            factory.count += 1;
            transport.write(greeting(factory.count));
        }

        @Override
        public void connectionLost(Failure reason) {
            ((CountingFactory) factory).count -= 1;
        }
    }

    /** {@code Hi! There are 2 clients connected.} and a line end. */
    static byte[] greeting(int count) {
        String clients = count == 1 ? "There is 1 client" : "There are " + count + " clients";
        return ("Hi! " + clients + " connected.\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
