package dev.jtwisted.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.jtwisted.internet.DatagramProtocol;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IUDPTransport;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * jtwisted's UDP against real Twisted 22.4, both ways: a Twisted DatagramProtocol echo client on
 * a connected port against a jtwisted echo server, and a jtwisted connected client against a
 * Twisted echo server, with datagrams up to the largest IPv4 payload. Skips without
 * {@code python3-twisted}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UdpInteropTest {
    private static final Duration LINE = Duration.ofSeconds(10);
    private static final Duration RUN = Duration.ofSeconds(40);
    private static final String HOST = "127.0.0.1";
    private static final int[] SIZES = {1, 2, 100, 1000, 8192, 65507};

    @RegisterExtension
    final PythonTwisted python = new PythonTwisted();

    private Reactors.Running running;

    @BeforeEach
    void startReactor() {
        running = Reactors.start();
    }

    @AfterEach
    void stopReactor() {
        if (running != null) {
            running.close();
        }
    }

    /** Sends every datagram back to where it came from, and counts them. */
    static final class UdpEcho extends DatagramProtocol {
        final BlockingQueue<IAddress> senders = new LinkedBlockingQueue<>();

        @Override
        public void datagramReceived(byte[] datagram, IAddress addr) {
            transport.write(datagram, addr);
            senders.add(addr);
        }
    }

    record Received(byte[] data, IAddress from) {}

    /** Queues what comes back. */
    static final class Collecting extends DatagramProtocol {
        final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

        @Override
        public void datagramReceived(byte[] datagram, IAddress addr) {
            received.add(new Received(datagram, addr));
        }
    }

    @Nested
    class JtwistedServerWithTwistedClient {
        @Test
        void echoesEveryDatagramWholeToATwistedConnectedPort() throws Exception {
            int count = 30;
            UdpEcho echo = new UdpEcho();
            IUDPTransport port = running.call(() -> running.reactor.listenUDP(0, echo, HOST, 65536));
            int portNumber = ((IPv4Address) port.getHost()).port();

            PythonProcess client = python.start("udp_echo_client.py", HOST, String.valueOf(portNumber),
                    String.valueOf(count));
            JsonObject result = client.readJson(RUN);
            int exit = client.waitFor(LINE);
            assertTrue(result.get("ok").getAsBoolean(), () -> "udp_echo_client: " + result + client.diagnostics());
            assertEquals(0, exit, client::diagnostics);
            assertEquals(count, result.get("datagrams").getAsInt());
            IAddress twisted = new IPv4Address("UDP", HOST, result.get("local_port").getAsInt());
            for (int i = 0; i < count; i++) {
                assertEquals(twisted, echo.senders.poll(LINE.toSeconds(), TimeUnit.SECONDS));
            }
        }
    }

    @Nested
    class JtwistedClientWithTwistedServer {
        @Test
        void getsEveryDatagramBackWholeOnAConnectedPort() throws Exception {
            PythonProcess server = python.start("udp_echo_server.py");
            int serverPort = server.awaitListening(LINE);
            Collecting client = new Collecting();
            IUDPTransport port = running.call(() -> {
                IUDPTransport p = running.reactor.listenUDP(0, client, HOST, 65536);
                p.connect(HOST, serverPort);
                return p;
            });
            int myPort = ((IPv4Address) port.getHost()).port();

            Random random = new Random(7);
            for (int i = 0; i < 2 * SIZES.length; i++) {
                byte[] data = new byte[SIZES[i % SIZES.length]];
                random.nextBytes(data);
                port.write(data);
                Received back = client.received.poll(LINE.toSeconds(), TimeUnit.SECONDS);
                assertNotNull(back, () -> "no echo of datagram " + data.length + server.diagnostics());
                assertArrayEquals(data, back.data());
                assertEquals(new IPv4Address("UDP", HOST, serverPort), back.from());

                JsonObject seen = server.readJson(LINE);
                assertEquals(data.length, seen.get("bytes").getAsInt(), seen::toString);
                assertEquals(myPort, seen.get("port").getAsInt(), seen::toString);
            }
        }
    }
}
