package dev.jtwisted.web.client;

import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IPAddress;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.web.http_headers.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Parses one HTTP/1.x response, fed in pieces of any size: the status line, headers, and the
 * body (of a {@code Content-Length}, chunked, or up to the connection's close), which it
 * passes to its {@link Response}. Every byte is looked at once: lines are searched for their
 * end only in bytes not searched before, and body bytes go to the response as views of the
 * input, not copies. Not API.
 *
 * <p>Twisted: {@code twisted.web._newclient.HTTPClientParser}, with {@code HTTPParser},
 * {@code _IdentityTransferDecoder} and {@code _ChunkedTransferDecoder}.
 */
final class HTTPClientParser {
    /** The most bytes a status line and headers (or a chunked body's trailers) may take. */
    static final int MAX_HEADER_SIZE = 64 * 1024;
    /** The most bytes a chunk size line (with its extensions) may take. */
    static final int MAX_CHUNK_SIZE_LINE = 1024;

    private static final Set<String> CONNECTION_CONTROL_HEADERS = Set.of(
            "content-length", "connection", "keep-alive", "te", "trailers", "transfer-encoding", "upgrade",
            "proxy-connection");

    private enum State { STATUS, HEADER, BODY, DONE }

    private enum Body { LENGTH, CLOSE, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER }

    private final ClientRequest request;
    private final BodyTransport transport;
    private final Consumer<Boolean> finisher;
    private final String where;
    /** Fires with the response once its headers are in; fails if they never are. */
    final Deferred<Response> responseDeferred = new Deferred<>();

    private State state = State.STATUS;
    private byte[] line = new byte[256];
    private int lineLength;
    /** Bytes of the header section so far (or of the trailers, in the body). */
    private int sectionBytes;
    private String status;
    private String partialHeader;
    private Headers headers = new Headers();
    private Headers connHeaders = new Headers();
    private Response response;
    private boolean everReceivedData;
    private Body body;
    private long remaining;
    private long received;
    private boolean bodyComplete;
    private boolean mustClose;
    /** The bytes being parsed, during {@link #dataReceived}: what is left of them follows the response. */
    private ByteBuffer input;

    /**
     * @param finisher called once the response is over, with whether more bytes followed it
     *     (in the same read)
     */
    HTTPClientParser(ClientRequest request, BodyTransport transport, Consumer<Boolean> finisher) {
        this.request = request;
        this.transport = transport;
        this.finisher = finisher;
        this.where = describe(transport.getPeer());
    }

    static String describe(IAddress address) {
        if (address instanceof IPAddress) {
            IPAddress ip = (IPAddress) address;
            return ip.host().indexOf(':') >= 0 ? "[" + ip.host() + "]:" + ip.port() : ip.host() + ":" + ip.port();
        }
        return String.valueOf(address);
    }

    /** The connection headers ({@code Connection}, {@code Content-Length}...) of the response. */
    Headers connHeaders() {
        return connHeaders;
    }

    /** The response, once its headers are in; else null. */
    Response response() {
        return response;
    }

    /** Whether the connection must close after this response whatever its headers say. */
    boolean mustClose() {
        return mustClose;
    }

    /**
     * Parses {@code data}, a view valid during the call.
     *
     * @throws ParseError if the response is malformed; the connection must then close
     */
    void dataReceived(ByteBuffer data) {
        everReceivedData = true;
        input = data;
        try {
            while (state != State.DONE && data.hasRemaining()) {
                if (state == State.BODY) {
                    bodyDataReceived(data);
                } else if (readLine(data, MAX_HEADER_SIZE - sectionBytes, true)) {
                    lineReceived(takeLine());
                }
            }
        } finally {
            input = null;
        }
    }

    /**
     * Appends {@code data}'s bytes up to the next line feed to the line buffer, consuming them
     * and the line feed.
     *
     * @param limit how many more bytes (line feed included) the line may have
     * @param section whether they count towards {@link #sectionBytes}
     * @return whether the line is complete
     */
    private boolean readLine(ByteBuffer data, int limit, boolean section) {
        int start = data.position();
        int end = data.limit();
        int scanEnd = (int) Math.min(end, (long) start + Math.max(limit, 0));
        int lf = -1;
        for (int i = start; i < scanEnd; i++) {
            if (data.get(i) == '\n') {
                lf = i;
                break;
            }
        }
        int take = (lf >= 0 ? lf : scanEnd) - start;
        if (lineLength + take > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + take));
        }
        data.get(line, lineLength, take);
        lineLength += take;
        int consumed = take;
        if (lf >= 0) {
            data.get(); // the line feed
            consumed++;
        }
        if (section) {
            sectionBytes += consumed;
        }
        if (lf < 0 && scanEnd < end) {
            // The limit came before a line feed, with more bytes waiting.
            throw tooLong();
        }
        return lf >= 0;
    }

    private ParseError tooLong() {
        String text = new String(line, 0, Math.min(lineLength, 80), StandardCharsets.ISO_8859_1);
        if (state != State.BODY) {
            return new ParseError("response header section from " + where + " exceeds " + MAX_HEADER_SIZE
                    + " bytes (" + request.method + " " + request.uri + ")", text, true);
        }
        if (body == Body.TRAILER) {
            return new ParseError("chunked response trailers from " + where + " exceed " + MAX_HEADER_SIZE
                    + " bytes", text, true);
        }
        if (body == Body.CHUNK_END) {
            return new ParseError("chunk data from " + where + " not followed by CRLF: '" + text + "'", text, true);
        }
        return new ParseError("chunk size line from " + where + " exceeds " + MAX_CHUNK_SIZE_LINE + " bytes: '"
                + text + "...'", text, true);
    }

    /** The buffered line without its CR, emptying the buffer. */
    private String takeLine() {
        int n = lineLength;
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        lineLength = 0;
        return new String(line, 0, n, StandardCharsets.ISO_8859_1);
    }

    private void lineReceived(String text) {
        if (state == State.STATUS) {
            status = text;
            state = State.HEADER;
            return;
        }
        // HEADER
        if (!text.isEmpty() && (text.charAt(0) == ' ' || text.charAt(0) == '\t')) {
            if (partialHeader == null) {
                throw new ParseError("header continuation line from " + where + " with no header before it: '"
                        + text + "'", text, true);
            }
            partialHeader = partialHeader + " " + text.strip();
            return;
        }
        if (partialHeader != null) {
            headerReceived(partialHeader);
            partialHeader = null;
        }
        if (text.isEmpty()) {
            allHeadersReceived();
        } else {
            partialHeader = text;
        }
    }

    private void headerReceived(String header) {
        int colon = header.indexOf(':');
        if (colon <= 0) {
            throw new ParseError("bad header line from " + where + " (no name and ':'): '" + header + "'", header, true);
        }
        String name = header.substring(0, colon);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new ParseError("bad header name from " + where + " (whitespace or control character): '"
                        + header + "'", header, true);
            }
        }
        String value = header.substring(colon + 1).strip();
        String lower = name.toLowerCase(Locale.ROOT);
        boolean control = CONNECTION_CONTROL_HEADERS.contains(lower)
                && !(lower.equals("content-length") && request.method.equals("HEAD"));
        (control ? connHeaders : headers).addRawHeader(name, value);
    }

    private void allHeadersReceived() {
        String version;
        int code;
        String phrase;
        String[] parts = status.split(" ", 3);
        if (parts.length < 2) {
            throw new ParseError("bad status line from " + where + " (wrong number of parts): '" + status + "'",
                    status, true);
        }
        version = parts[0];
        if (!version.matches("HTTP/[0-9]+\\.[0-9]+")) {
            throw new ParseError("bad status line from " + where + " (bad version '" + version + "'): '" + status
                    + "'", status, true);
        }
        if (!parts[1].matches("[0-9]{3}")) {
            throw new ParseError("bad status line from " + where + " (bad status code '" + parts[1] + "'): '"
                    + status + "'", status, true);
        }
        code = Integer.parseInt(parts[1]);
        phrase = parts.length == 3 ? parts[2] : "";
        if (code >= 100 && code < 200) {
            // RFC 7231 6.2: an unexpected 1xx (100 Continue, 103 Early Hints) may be ignored. Twisted does.
            state = State.STATUS;
            status = null;
            sectionBytes = 0;
            headers = new Headers();
            connHeaders = new Headers();
            return;
        }
        response = new Response(version, code, phrase, headers, transport, request);
        if (code == 204 || code == 304 || request.method.equals("HEAD")) {
            response.length = 0;
            finished();
            response.bodyDataFinished(null);
        } else {
            List<String> te = connHeaders.getRawHeaders("transfer-encoding");
            long contentLength = contentLength();
            if (te != null) {
                String encoding = String.join(",", te).strip().toLowerCase(Locale.ROOT);
                if (!encoding.equals("chunked")) {
                    throw new ParseError("unsupported Transfer-Encoding from " + where + ": '" + String.join(", ", te)
                            + "'", encoding, true);
                }
                if (contentLength != -2) {
                    // RFC 7230 3.3.3: chunked wins, and the connection is not trusted any further.
                    mustClose = true;
                }
                body = Body.CHUNK_SIZE;
            } else if (contentLength == -2) {
                body = Body.CLOSE;
            } else if (contentLength == 0) {
                response.length = 0;
                finished();
                response.bodyDataFinished(null);
            } else {
                response.length = contentLength;
                remaining = contentLength;
                body = Body.LENGTH;
            }
            if (body != null) {
                state = State.BODY;
                // Read no more than needed until somebody wants the body (deliverBody resumes).
                transport.pauseProducing();
            }
        }
        // Last: the application may deliverBody, or start another request, from its callback.
        responseDeferred.callback(response);
    }

    /** The Content-Length, or -2 when there is none. */
    private long contentLength() {
        List<String> values = connHeaders.getRawHeaders("content-length");
        if (values == null) {
            return -2;
        }
        long length = -1;
        List<String> all = new ArrayList<>();
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                all.add(part.strip());
            }
        }
        for (String v : all) {
            if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new ParseError("invalid Content-Length from " + where + ": '" + String.join(", ", values) + "'",
                        v, true);
            }
            long n = Long.parseLong(v);
            if (length >= 0 && n != length) {
                throw new ParseError("conflicting Content-Length values from " + where + ": " + values
                        + " (HTTP response smuggling?)", String.join(", ", values), true);
            }
            length = n;
        }
        return length;
    }

    private void bodyDataReceived(ByteBuffer data) {
        switch (body) {
            case CLOSE -> deliver(data, data.remaining());
            case LENGTH -> {
                deliver(data, (int) Math.min(remaining, data.remaining()));
                if (remaining == 0) {
                    bodyDone();
                }
            }
            case CHUNK_DATA -> {
                deliver(data, (int) Math.min(remaining, data.remaining()));
                if (remaining == 0) {
                    body = Body.CHUNK_END;
                }
            }
            case CHUNK_SIZE -> {
                if (readLine(data, MAX_CHUNK_SIZE_LINE - lineLength, false)) {
                    chunkSizeReceived(takeLine());
                }
            }
            case CHUNK_END -> {
                if (readLine(data, 2 - lineLength, false)) {
                    String rest = takeLine();
                    if (!rest.isEmpty()) {
                        throw new ParseError("chunk data from " + where + " not followed by CRLF: '" + rest + "'",
                                rest, true);
                    }
                    body = Body.CHUNK_SIZE;
                }
            }
            case TRAILER -> {
                if (readLine(data, MAX_HEADER_SIZE - sectionBytes, true)) {
                    // Trailers are read and dropped, as Twisted does.
                    if (takeLine().isEmpty()) {
                        bodyDone();
                    }
                }
            }
        }
    }

    private void chunkSizeReceived(String text) {
        int semicolon = text.indexOf(';');
        String size = (semicolon < 0 ? text : text.substring(0, semicolon)).strip();
        boolean hex = !size.isEmpty() && size.length() <= 15;
        for (int i = 0; hex && i < size.length(); i++) {
            hex = Character.digit(size.charAt(i), 16) >= 0;
        }
        if (!hex) {
            throw new ParseError("bad chunk size line from " + where + ": '" + text + "'", text, true);
        }
        long n = Long.parseLong(size, 16);
        if (n == 0) {
            body = Body.TRAILER;
            sectionBytes = 0;
        } else {
            remaining = n;
            body = Body.CHUNK_DATA;
        }
    }

    /** Passes {@code n} bytes of {@code data} to the response, as a view. */
    private void deliver(ByteBuffer data, int n) {
        if (n == 0) {
            return;
        }
        int end = data.position() + n;
        ByteBuffer view = data.duplicate();
        view.limit(end);
        data.position(end);
        remaining -= n;
        received += n;
        response.bodyDataReceived(view);
    }

    private void bodyDone() {
        bodyComplete = true;
        finished();
    }

    private void finished() {
        state = State.DONE;
        finisher.accept(input != null && input.hasRemaining());
    }

    /**
     * No more bytes will come (the connection is gone, or the protocol is done with this
     * response): ends the body, cleanly or not, or fails {@link #responseDeferred} if the
     * headers never came whole.
     *
     * <p>Twisted: {@code HTTPClientParser.connectionLost}.
     */
    void connectionLost(Failure reason) {
        if (body != null) {
            if (bodyComplete) {
                response.bodyDataFinished(null);
            } else if (body == Body.CLOSE) {
                response.bodyDataFinished(new Failure(new PotentialDataLoss(
                        "the response body from " + where + " had no length; it ended, after " + received
                                + " bytes, when the connection closed")));
            } else {
                String expected = body == Body.LENGTH ? " of " + response.length : " of a chunked body";
                response.bodyDataFinished(new Failure(new ResponseFailed(List.of(reason,
                        new Failure(new DataLoss("the response body from " + where + " was cut short after "
                                + received + expected + " bytes"))), response)));
            }
        } else if (state != State.DONE) {
            responseDeferred.errback(everReceivedData
                    ? new ResponseFailed(List.of(reason))
                    : new ResponseNeverReceived(List.of(reason)));
        }
    }

    /** A body that ended too soon. Twisted: {@code _newclient._DataLoss}. */
    static final class DataLoss extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DataLoss(String message) {
            super(message);
        }
    }
}
