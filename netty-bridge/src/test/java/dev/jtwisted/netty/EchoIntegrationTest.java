package dev.jtwisted.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPushProducer;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.testing.LogCapture;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An echo server and clients on 127.0.0.1: 100 MB each way over 50 concurrent connections,
 * checked byte for byte, on every backend available here and on a multi-loop reactor.
 */
class EchoIntegrationTest {
    private static final Logger log = LoggerFactory.getLogger(EchoIntegrationTest.class);
    static final int CONNECTIONS = 50;
    static final int PER_CONNECTION = 2 * 1024 * 1024;
    static final int CHUNK = 64 * 1024;

    private final Reactors reactors = new Reactors();

    @AfterEach
    void stop() throws Exception {
        reactors.close();
    }

    static Stream<Arguments> setups() {
        List<Arguments> setups = new ArrayList<>();
        for (IoBackend backend : IoBackend.values()) {
            if (backend.isAvailable()) {
                setups.add(Arguments.of(backend, 1, false));
            }
        }
        setups.add(Arguments.of(IoBackend.best(), 4, false));
        setups.add(Arguments.of(IoBackend.best(), 1, true));
        return setups.stream();
    }

    /** The byte at {@code position} of connection {@code id}'s stream: no period a chunk divides. */
    static byte pattern(int id, long position) {
        return (byte) ((position ^ (position >>> 11) ^ (position >>> 19)) * 131 + id);
    }

    static final class Echo extends Protocol {
        @Override
        public void dataReceived(byte[] data) {
            transport.write(data);
        }
    }

    /** Sends its pattern through a push producer and checks what comes back. */
    /** Echoes the read buffer itself, through the zero-copy view path. */
    static final class ViewEcho extends Protocol {
        @Override
        public void dataReceived(ByteBuffer data) {
            transport.write(data);
        }
    }

    static final class Client extends Protocol implements IPushProducer {
        final int id;
        final CountDownLatch done;
        final List<String> problems;
        long sent;
        long received;
        boolean paused;

        Client(int id, CountDownLatch done, List<String> problems) {
            this.id = id;
            this.done = done;
            this.problems = problems;
        }

        @Override
        public void connectionMade() {
            transport.registerProducer(this, true);
            resumeProducing();
        }

        @Override
        public void pauseProducing() {
            paused = true;
        }

        @Override
        public void resumeProducing() {
            paused = false;
            while (!paused && sent < PER_CONNECTION) {
                int n = (int) Math.min(CHUNK, PER_CONNECTION - sent);
                byte[] chunk = new byte[n];
                for (int i = 0; i < n; i++) {
                    chunk[i] = pattern(id, sent + i);
                }
                sent += n;
                transport.write(chunk);
            }
            if (sent == PER_CONNECTION) {
                transport.unregisterProducer();
            }
        }

        @Override
        public void stopProducing() {
        }

        @Override
        public void dataReceived(byte[] data) {
            for (int i = 0; i < data.length; i++) {
                if (data[i] != pattern(id, received + i)) {
                    problems.add("connection " + id + " differs at byte " + (received + i));
                    transport.abortConnection();
                    return;
                }
            }
            received += data.length;
            if (received == PER_CONNECTION) {
                transport.loseConnection();
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            if (received != PER_CONNECTION || reason.check(ConnectionDone.class) == null) {
                problems.add("connection " + id + " lost after " + received + " bytes: " + reason);
            }
            done.countDown();
        }
    }

    @ParameterizedTest(name = "{0} with {1} loop(s), views {2}")
    @MethodSource("setups")
    @org.junit.jupiter.api.Timeout(60)
    void echoes100MegabytesByteExactOver50Connections(IoBackend backend, int loops, boolean views)
            throws Exception {
        NettyReactor server = reactors.started(NettyReactor.builder().backend(backend).eventLoops(loops));
        NettyReactor client = reactors.started(NettyReactor.builder().backend(backend).eventLoops(loops));
        IListeningPort port = server.listenTCP(0, ServerFactory.forProtocol(views ? ViewEcho::new : Echo::new), 128, "127.0.0.1");
        int portNumber = ((IPv4Address) port.getHost()).port();
        CountDownLatch done = new CountDownLatch(CONNECTIONS);
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        for (int i = 0; i < CONNECTIONS; i++) {
            int id = i;
            client.connectTCP("127.0.0.1", portNumber, ClientFactory.forProtocol(() -> new Client(id, done, problems)));
        }
        assertTrue(done.await(50, TimeUnit.SECONDS), "echo did not finish; problems: " + problems);
        double seconds = (System.nanoTime() - start) / 1e9;
        log.info("{} x{}: {} MB echoed over {} connections in {} s ({} MB/s each way)", backend, loops,
                CONNECTIONS * PER_CONNECTION >> 20, CONNECTIONS, String.format("%.2f", seconds),
                String.format("%.0f", (CONNECTIONS * (double) PER_CONNECTION / (1 << 20)) / seconds));
        assertEquals(List.of(), problems);
        Reactors.stopAndWait(client);
        Reactors.stopAndWait(server);
        assertEquals(0, server.connectionCount());
        // Best effort: a leak shows once its buffer is collected and another is allocated.
        System.gc();
        io.netty.buffer.PooledByteBufAllocator.DEFAULT.directBuffer(1).release();
        assertEquals(List.of(), LogCapture.containing("LEAK"), "buffers leaked");
    }
}
