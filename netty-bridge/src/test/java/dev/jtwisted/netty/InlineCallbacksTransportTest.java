package dev.jtwisted.netty;

import static dev.jtwisted.internet.defer.Defer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.endpoints.Endpoints;
import dev.jtwisted.protocols.basic.LineReceiver;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An {@code inlineCallbacks} body writing to a transport keeps its place among the writes of the
 * code around it, as in Twisted, although the body runs on a thread of its own: the body's
 * writes and closes run on the event loop as soon as it hands the turn back.
 */
@Timeout(30)
class InlineCallbacksTransportTest {
    private final Reactors reactors = new Reactors();

    @AfterEach
    void stop() throws Exception {
        reactors.close();
    }

    /** "start" starts a body that writes, waits, writes; "fire" resumes it; "bye" closes from a body. */
    static final class Scripted extends LineReceiver {
        private final IReactor reactor;
        private Deferred<String> pending;

        Scripted(IReactor reactor) {
            this.reactor = reactor;
        }

        @Override
        public void lineReceived(byte[] bytes) {
            String line = new String(bytes, StandardCharsets.US_ASCII);
            switch (line) {
                case "start" -> {
                    pending = new Deferred<>();
                    Deferred<String> waitFor = pending;
                    Defer.inlineCallbacks(() -> {
                        sendLine("body 1");
                        sendLine("body 2");
                        sendLine("body got " + await(waitFor));
                        return null;
                    });
                    sendLine("after start");
                }
                case "fire" -> {
                    sendLine("firing");
                    pending.callback("x");
                    sendLine("fired");
                }
                case "bye" -> {
                    Defer.inlineCallbacks(() -> {
                        sendLine("bye from the body");
                        transport.loseConnection();
                        return null;
                    });
                    sendLine("after bye");
                }
                case "listen and connect" -> Defer.inlineCallbacks(() -> {
                    // Both need the event loop, which waits for this body: they must not wait for it.
                    IListeningPort port = reactor.listenTCP(0, ServerFactory.forProtocol(Protocol::new), 50,
                            "127.0.0.1");
                    int number = ((IPv4Address) port.getHost()).port();
                    Protocol connected = await(Endpoints.connectProtocol(
                            Endpoints.clientFromString(reactor, "tcp:127.0.0.1:" + number), new Protocol()));
                    sendLine("connected: " + (connected.transport() != null));
                    await(port.stopListening());
                    sendLine("stopped listening");
                    try {
                        reactor.listenTCP(number, ServerFactory.forProtocol(Protocol::new), 50, "256.0.0.1");
                    } catch (RuntimeException e) {
                        sendLine("refused: " + e.getClass().getSimpleName());
                    }
                    return null;
                });
                default -> sendLine("? " + line);
            }
        }
    }

    @Test
    void aBodyCanListenAndConnectThoughTheLoopWaitsForIt() throws Exception {
        NettyReactor reactor = reactors.started(NettyReactor.builder().name("inline"));
        int port = ((IPv4Address) reactor.listenTCP(0, ServerFactory.forProtocol(() -> new Scripted(reactor)), 50,
                "127.0.0.1").getHost()).port();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("listen and connect\r\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            assertEquals("connected: true", in.readLine());
            assertEquals("stopped listening", in.readLine());
            assertTrue(in.readLine().startsWith("refused: "));
        }
    }

    @Test
    void bodyWritesKeepTheirPlace() throws Exception {
        NettyReactor reactor = reactors.started(NettyReactor.builder().name("inline"));
        int port = ((IPv4Address) reactor.listenTCP(0, ServerFactory.forProtocol(() -> new Scripted(reactor)), 50, "127.0.0.1")
                .getHost()).port();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            List<String> got = new ArrayList<>();
            out.write("start\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 3; i++) {
                got.add(in.readLine());
            }
            out.write("fire\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 3; i++) {
                got.add(in.readLine());
            }
            out.write("bye\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                got.add(line);
            }
            // As in Twisted, what is written after loseConnection in the same turn is still sent.
            assertEquals(List.of("body 1", "body 2", "after start", "firing", "body got x", "fired",
                    "bye from the body", "after bye"), got);
        }
    }
}
