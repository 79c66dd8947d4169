package dev.jtwisted.samples.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.samples.RunningServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP connection over a real socket, read by hand: a request written as text, then the
 * status, the headers and the body, which is read by its length, by chunks (one at a time, for
 * tests that watch them arrive) or to the end of the connection. Reads time out after
 * {@link RunningServer#WAIT}.
 */
final class HttpPeer implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int code;
    private final Map<String, String> headers = new LinkedHashMap<>();

    HttpPeer(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) RunningServer.WAIT.toMillis());
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** A whole response. */
    record Reply(int code, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** {@code GET target HTTP/1.1} with {@code Connection: close} on a new connection, read whole. */
    static Reply get(int port, String target) throws IOException {
        try (HttpPeer peer = new HttpPeer(port)) {
            peer.send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            return peer.readReply();
        }
    }

    /** A urlencoded form POSTed to {@code target} on a new connection, read whole. */
    static Reply post(int port, String target, String form) throws IOException {
        try (HttpPeer peer = new HttpPeer(port)) {
            byte[] body = form.getBytes(UTF_8);
            peer.send("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n\r\n"
                    + form);
            return peer.readReply();
        }
    }

    void send(String request) throws IOException {
        out.write(request.getBytes(UTF_8));
        out.flush();
    }

    /** Reads the status line and headers; returns the status code. */
    int readHead() throws IOException {
        String status = readLine();
        assertTrue(status.matches("HTTP/1\\.[01] \\d{3} .*"), "status line: " + status);
        code = Integer.parseInt(status.substring(9, 12));
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return code;
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Reads one chunk of a chunked body; the empty string is the last one. */
    String readChunk() throws IOException {
        int size = Integer.parseInt(readLine().split(";")[0].trim(), 16);
        byte[] data = in.readNBytes(size);
        assertEquals(size, data.length, "the connection ended inside a chunk");
        if (size == 0) {
            for (String trailer = readLine(); !trailer.isEmpty(); trailer = readLine()) {
                // no trailers expected; skip any
            }
            return "";
        }
        assertEquals("", readLine(), "a chunk ends with CRLF");
        return new String(data, UTF_8);
    }

    /** The head, then the body by whichever framing the head announces. */
    Reply readReply() throws IOException {
        readHead();
        String body;
        if ("chunked".equalsIgnoreCase(header("transfer-encoding"))) {
            StringBuilder all = new StringBuilder();
            for (String chunk = readChunk(); !chunk.isEmpty(); chunk = readChunk()) {
                all.append(chunk);
            }
            body = all.toString();
        } else if (header("content-length") != null) {
            int length = Integer.parseInt(header("content-length"));
            byte[] data = in.readNBytes(length);
            assertEquals(length, data.length, "the connection ended inside the body");
            body = new String(data, UTF_8);
        } else {
            body = new String(in.readAllBytes(), UTF_8);
        }
        return new Reply(code, Map.copyOf(headers), body);
    }

    /** The rest of a chunked body, after chunks already read: the chunks left, joined. */
    String readReplyRest() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String chunk = readChunk(); !chunk.isEmpty(); chunk = readChunk()) {
            all.append(chunk);
        }
        return all.toString();
    }

    /** Everything until the server closes the connection. */
    String readToEnd() throws IOException {
        return new String(in.readAllBytes(), UTF_8);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("the connection ended inside a line: '" + line.toString(ISO_8859_1) + "'");
            }
            line.write(b);
        }
        String text = line.toString(ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
