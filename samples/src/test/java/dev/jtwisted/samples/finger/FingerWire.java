package dev.jtwisted.samples.finger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.samples.RunningServer;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A finger client on a plain socket, for tests of the finger samples: send a query, read the
 * whole reply up to the server's close. Every read is bounded by {@link RunningServer#WAIT}.
 */
public final class FingerWire {
    /**
     * How long a server that should say nothing is listened to. Only a server that answers or
     * closes within it fails the check, so a slow machine cannot fail a correct server.
     */
    public static final Duration QUIET = Duration.ofMillis(300);

    private FingerWire() {}

    /** A connection to 127.0.0.1:{@code port} whose reads time out after {@link RunningServer#WAIT}. */
    public static Socket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) RunningServer.WAIT.toMillis());
        socket.setTcpNoDelay(true);
        return socket;
    }

    /** Sends {@code query} (UTF-8, in one write) and returns everything until the server closes. */
    public static String ask(int port, String query) throws IOException {
        try (Socket socket = connect(port)) {
            send(socket, query);
            return readToEnd(socket);
        }
    }

    public static void send(Socket socket, String data) throws IOException {
        socket.getOutputStream().write(data.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Everything the server sends until it closes, as UTF-8; fails if it has not closed in time. */
    public static String readToEnd(Socket socket) throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Expects the server to close without sending a byte (a reset counts as a close). */
    public static void expectClosedWithoutAnswer(Socket socket) throws IOException {
        int next;
        try {
            next = socket.getInputStream().read();
        } catch (SocketException e) {
            assertTrue(String.valueOf(e.getMessage()).toLowerCase().contains("reset"),
                    "expected the connection to be closed or reset, not: " + e);
            return;
        }
        assertEquals(-1, next, "expected a close without an answer, but the server sent a byte");
    }

    /** Expects the server neither to send anything nor to close for {@link #QUIET}; the connection stays usable. */
    public static void expectSilence(Socket socket) throws IOException {
        int timeout = socket.getSoTimeout();
        socket.setSoTimeout((int) QUIET.toMillis());
        try {
            assertThrows(SocketTimeoutException.class, () -> {
                int b = socket.getInputStream().read();
                throw new AssertionError(b < 0 ? "the server closed the connection" : "the server sent a byte: " + b);
            });
        } finally {
            socket.setSoTimeout(timeout);
        }
    }

    /** Runs {@code task} on {@code reactor}'s thread and returns its result, waiting at most {@link RunningServer#WAIT}. */
    public static <T> T onReactor(IReactor reactor, Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        reactor.callFromThread(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(RunningServer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the task failed on the reactor thread", e.getCause());
        }
    }
}
