package dev.jtwisted.web.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.testing.StringTransport;
import dev.jtwisted.web.http.HTTPChannel;
import dev.jtwisted.web.http_headers.Headers;
import dev.jtwisted.web.server.Site;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link ResponseSink} that records what it is told, for tests of the connection's logic
 * without a wire; {@link #connect} makes a site's channel driven through one.
 */
public final class RecordingSink implements ResponseSink {
    /** One response as the sink saw it. */
    public static final class Response {
        public String version;
        public int code;
        public String reason;
        public Headers headers;
        public final ByteArrayOutputStream body = new ByteArrayOutputStream();
        public int bodyWrites;
        public boolean whole;
        public boolean finished;
        public Boolean persistent;

        public String body() {
            return body.toString(UTF_8);
        }

        public String header(String name) {
            return headers.getLastRawHeader(name);
        }
    }

    public final List<Response> responses = new ArrayList<>();
    public final List<String> events = new ArrayList<>();
    public StringTransport transport;
    public HTTPChannel channel;
    public ServerConnection connection;

    /** A channel of {@code site} on a StringTransport, driven by a new ServerConnection into a new sink. */
    public static RecordingSink connect(Site site) {
        RecordingSink sink = new RecordingSink();
        sink.transport = new StringTransport(new IPv4Address("TCP", "10.0.0.1", 8080),
                new IPv4Address("TCP", "192.168.1.1", 54321));
        sink.channel = (HTTPChannel) site.buildProtocol(sink.transport.getPeer());
        sink.channel.makeConnection(sink.transport);
        sink.connection = new ServerConnection(sink.channel, sink);
        return sink;
    }

    /** Hands over a request with these headers ({@code "Name: value"} each) and body. */
    public Response request(String method, String uri, String version, byte[] body, String... headers) {
        Headers h = new Headers();
        for (String line : headers) {
            int colon = line.indexOf(':');
            h.addRawHeader(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        int before = responses.size();
        connection.requestReceived(method, uri, version, h, body);
        return responses.size() > before ? responses.get(before) : null;
    }

    public Response get(String uri, String... headers) {
        return request("GET", uri, "HTTP/1.1", new byte[0], headers);
    }

    public Response last() {
        return responses.get(responses.size() - 1);
    }

    @Override
    public void writeHead(String version, int code, String reason, Headers headers) {
        Response r = new Response();
        r.version = version;
        r.code = code;
        r.reason = reason;
        r.headers = headers.copy();
        responses.add(r);
        events.add("head " + code);
    }

    @Override
    public void writeBody(byte[] data) {
        Response r = last();
        if (r.whole || r.finished) {
            throw new AssertionError("body after the end of " + r.code);
        }
        r.body.writeBytes(data);
        r.bodyWrites++;
        events.add("body " + new String(data, UTF_8));
    }

    @Override
    public void writeResponse(String version, int code, String reason, Headers headers, byte[] body) {
        writeHead(version, code, reason, headers);
        Response r = last();
        r.body.writeBytes(body);
        r.whole = true;
        events.remove(events.size() - 1);
        events.add("response " + code + " " + new String(body, UTF_8));
    }

    @Override
    public void finishResponse(boolean persistent) {
        Response r = last();
        if (r.finished) {
            throw new AssertionError("finished twice: " + r.code);
        }
        r.finished = true;
        r.persistent = persistent;
        events.add("finish " + (persistent ? "keep-alive" : "close"));
    }

    /** The headers of {@code r} as a map, for assertions. */
    public static Map<String, String> lastValues(Response r) {
        java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : r.headers.getAllRawHeaders()) {
            m.put(e.getKey(), e.getValue().get(e.getValue().size() - 1));
        }
        return m;
    }
}
