package dev.jtwisted.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.samples.LinePeer;
import dev.jtwisted.samples.RunningServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A netcat user of a running chat, over a real socket: sends lines as {@code nc -C} does
 * (ending in {@code \r\n}) and reads the lines the server sends (ending in {@code \n}). Reads
 * time out after {@link RunningServer#WAIT}, so a missing line fails the test instead of hanging it.
 */
final class ChatUser implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private ChatUser(Socket socket) throws IOException {
        this.socket = socket;
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Connects to the chat port of {@code server}. */
    static ChatUser connect(RunningServer server) throws Exception {
        return new ChatUser(server.connect("chat"));
    }

    /** Connects and reads the banner, which must be {@code banner}: the user is then counted. */
    static ChatUser join(RunningServer server, String banner) throws Exception {
        ChatUser user = connect(server);
        assertEquals(banner, user.readLine(), "the banner");
        return user;
    }

    /** Sends {@code line} and {@code \r\n}, as {@code nc -C}, in UTF-8. */
    void sendLine(String line) throws IOException {
        send((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code data} in one write. */
    void send(byte[] data) throws IOException {
        out.write(data);
        out.flush();
    }

    /** The next line the server sent, decoded as UTF-8, without its {@code \r\n}, which it must end with. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the server closed the connection; got so far: '"
                        + line.toString(StandardCharsets.UTF_8) + "'");
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

    /**
     * Expects the server to close the connection without sending anything more: the read ends
     * (FIN), or is reset (RST), which is how a close looks when bytes we sent were left unread.
     */
    void expectClosedByServer() throws IOException {
        LinePeer.expectClosed(in);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
