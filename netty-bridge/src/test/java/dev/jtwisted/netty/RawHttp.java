package dev.jtwisted.netty;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately dumb HTTP/1.1 client on a blocking socket, for tests that must control every
 * byte sent (bad requests, pipelining, 100-continue) and see every byte received. Reads time out
 * after 10 s, so a test never hangs.
 */
final class RawHttp implements AutoCloseable {
    /** One response as read off the wire. */
    static final class Response {
        String statusLine;
        int code;
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        byte[] body = new byte[0];
        /** The body's chunks as framed on the wire, when chunked. */
        final List<Integer> chunkSizes = new ArrayList<>();

        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.get(v.size() - 1);
        }

        String body() {
            return new String(body, UTF_8);
        }

        @Override
        public String toString() {
            return statusLine + " " + headers + " " + body();
        }
    }

    final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    RawHttp send(String text) throws IOException {
        return send(text.getBytes(ISO_8859_1));
    }

    RawHttp send(byte[] data) throws IOException {
        out.write(data);
        out.flush();
        return this;
    }

    /** Reads one response; {@code head} for a response to HEAD (no body whatever the headers). */
    Response read(boolean head) throws IOException {
        Response r = new Response();
        r.statusLine = line();
        String[] parts = r.statusLine.split(" ", 3);
        r.code = Integer.parseInt(parts[1]);
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            r.headers.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(h.substring(colon + 1).trim());
        }
        if (head || r.code == 204 || r.code == 304 || (r.code >= 100 && r.code < 200)) {
            return r;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(r.header("transfer-encoding"))) {
            while (true) {
                int size = Integer.parseInt(line().split(";")[0].trim(), 16);
                if (size == 0) {
                    for (String t = line(); !t.isEmpty(); t = line()) {
                        // trailers: none expected
                    }
                    break;
                }
                r.chunkSizes.add(size);
                body.writeBytes(exactly(size));
                if (!line().isEmpty()) {
                    throw new IOException("no CRLF after a chunk");
                }
            }
        } else if (r.header("content-length") != null) {
            body.writeBytes(exactly(Integer.parseInt(r.header("content-length"))));
        } else {
            body.writeBytes(in.readAllBytes());
        }
        r.body = body.toByteArray();
        return r;
    }

    Response read() throws IOException {
        return read(false);
    }

    /** Sends {@code request} and reads its response. */
    Response exchange(String request) throws IOException {
        send(request);
        return read(request.startsWith("HEAD "));
    }

    /** Whether the server has closed: end of stream (or a reset) within the read timeout. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketException e) {
            return true; // reset
        }
    }

    private byte[] exactly(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new EOFException("wanted " + n + " bytes, got " + b.length);
        }
        return b;
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c == -1) {
                throw new EOFException("connection closed after " + b.toString(ISO_8859_1));
            }
            b.write(c);
        }
        String s = b.toString(ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
