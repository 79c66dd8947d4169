package dev.jtwisted.samples.upper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.samples.RunningServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** A client connection to a running server over a real socket; reads time out after {@link RunningServer#WAIT}. */
final class Client implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Client(RunningServer server) throws IOException {
        socket = server.connect();
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void send(byte[] data) throws IOException {
        out.write(data);
        out.flush();
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads exactly the bytes of {@code expected} (UTF-8) and compares them. */
    void expect(String expected) throws IOException {
        byte[] want = expected.getBytes(StandardCharsets.UTF_8);
        byte[] got = in.readNBytes(want.length);
        assertEquals(expected, new String(got, StandardCharsets.UTF_8));
    }

    /** Expects the server to close the connection, having sent nothing more. */
    void expectClosedByServer() throws IOException {
        int next;
        try {
            next = in.read();
        } catch (SocketException e) {
            assertTrue(String.valueOf(e.getMessage()).toLowerCase().contains("reset"), "closed or reset, not: " + e);
            return;
        }
        assertEquals(-1, next, "expected the server to close the connection, but it sent a byte");
    }

    /** Half-closes: the server reads the end of the stream, and may still write. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
