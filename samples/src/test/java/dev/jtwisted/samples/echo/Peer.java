package dev.jtwisted.samples.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jtwisted.samples.LinePeer;
import dev.jtwisted.samples.RunningServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A client connection to a running echo server over a real socket: what it sends, what it
 * expects back. Reads time out after {@link RunningServer#WAIT}, so a missing answer fails the
 * test instead of hanging it.
 */
final class Peer implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Peer(RunningServer server) throws IOException {
        this(server.connect());
    }

    /** Over {@code socket}, which should have a read timeout. */
    Peer(Socket socket) throws IOException {
        this.socket = socket;
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends {@code data} in one write, so it leaves as one packet where it fits in one. */
    void send(byte[] data) throws IOException {
        out.write(data);
        out.flush();
    }

    /** Sends {@code text} as ISO-8859-1, one byte per char. */
    void send(String text) throws IOException {
        send(bytes(text));
    }

    /** Reads exactly {@code n} bytes, failing if the connection ends first. */
    byte[] read(int n) throws IOException {
        byte[] data = in.readNBytes(n);
        assertEquals(n, data.length, "the connection ended after " + data.length + " of " + n + " bytes");
        return data;
    }

    /** Reads back exactly {@code expected}. */
    void expect(byte[] expected) throws IOException {
        assertArrayEquals(expected, read(expected.length));
    }

    /** Reads back exactly {@code expected}, as ISO-8859-1. */
    void expect(String expected) throws IOException {
        assertEquals(expected, new String(read(expected.length()), StandardCharsets.ISO_8859_1));
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

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code payload} as a netstring: {@code <length>:<payload>,}. */
    static byte[] netstring(String payload) {
        return bytes(payload.length() + ":" + payload + ",");
    }

    /** {@code payload} after its length as a 4-byte big-endian integer. */
    static byte[] int32(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }

    /** {@link #int32(byte[])} of {@code payload} as ISO-8859-1. */
    static byte[] int32(String payload) {
        return int32(bytes(payload));
    }

    /** The bytes of {@code parts}, one after the other. */
    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer all = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }
}
