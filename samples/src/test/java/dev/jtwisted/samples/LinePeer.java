package dev.jtwisted.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * One side of a line protocol ({@code \r\n}, UTF-8) over a real socket, for tests: a client of
 * a running server ({@link RunningServer#connect()}), or the server side of a connection a test
 * accepted. Reads time out after {@link RunningServer#WAIT}, so a missing line fails the test
 * instead of hanging it.
 */
public final class LinePeer implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** A new connection to {@code server}. */
    public LinePeer(RunningServer server) throws IOException {
        this(server.connect());
    }

    /** Over {@code socket}; sets its read timeout to {@link RunningServer#WAIT}. */
    public LinePeer(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout((int) RunningServer.WAIT.toMillis());
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends each of {@code lines}, each followed by {@code \r\n}, in one write. */
    public void send(String... lines) throws IOException {
        StringBuilder all = new StringBuilder();
        for (String line : lines) {
            all.append(line).append("\r\n");
        }
        sendRaw(all.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code data} as it is, in one write. */
    public void sendRaw(byte[] data) throws IOException {
        out.write(data);
        out.flush();
    }

    /**
     * The next line, without its {@code \r\n}.
     *
     * @throws AssertionError if the connection ends first, or the line ends with a bare {@code \n}
     */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                fail("the connection ended before a line ended; got '" + line.toString(StandardCharsets.UTF_8) + "'");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                assertTrue(bytes.length > 0 && bytes[bytes.length - 1] == '\r',
                        "a line ended with a bare \\n: '" + line.toString(StandardCharsets.UTF_8) + "'");
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    /** Reads the next lines and checks they are {@code expected}, in order. */
    public void expect(String... expected) throws IOException {
        for (String line : expected) {
            assertEquals(line, readLine());
        }
    }

    /**
     * Expects the other side to close the connection without sending anything more: the read
     * ends (FIN), or is reset (RST), which is how a close looks when bytes we sent were left unread.
     */
    public void expectClosed() throws IOException {
        expectClosed(in);
    }

    /** {@link #expectClosed()} for any socket's input stream. */
    public static void expectClosed(InputStream in) throws IOException {
        int next;
        try {
            next = in.read();
        } catch (SocketException e) {
            assertTrue(String.valueOf(e.getMessage()).toLowerCase().contains("reset"),
                    "expected the connection to be closed or reset, not: " + e);
            return;
        }
        assertEquals(-1, next, "expected the connection to be closed, but a byte came");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
