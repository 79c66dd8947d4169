package dev.jtwisted.web.test;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IPullProducer;
import dev.jtwisted.internet.IPushProducer;
import dev.jtwisted.internet.IProducer;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.web.http.Http;
import dev.jtwisted.web.http_headers.Headers;
import dev.jtwisted.web.iweb.Cookie;
import dev.jtwisted.web.iweb.IRequest;
import dev.jtwisted.web.resource.IResource;
import dev.jtwisted.web.server.Server;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request with no connection behind it, for resource tests: set what the client sent
 * ({@link #setMethod}, {@link #args()}, {@link #requestHeaders()}, {@link #setContent}), render
 * a resource with {@link #render(IResource, DummyRequest)}, and look at what it wrote
 * ({@link #written()}, {@link #responseCode()}, {@link #responseHeaders()}).
 *
 * <pre>{@code
 * DummyRequest request = new DummyRequest("hello");
 * successResultOf(DummyRequest.render(root.getChildWithDefault("hello", request), request));
 * assertEquals("hello", request.writtenString());
 * }</pre>
 *
 * <p>A pull producer registered with it is asked for data until it unregisters, at once, as in
 * Twisted. Not thread-safe: use it from the test's thread.
 *
 * <p>Twisted: {@code twisted.web.test.requesthelper.DummyRequest}.
 */
public class DummyRequest implements IRequest {
    private String method = "GET";
    private String uri = "http://dummy/";
    private String clientproto = "HTTP/1.0";
    private final Map<String, List<String>> args = new LinkedHashMap<>();
    private byte[] content = new byte[0];
    private ByteArrayInputStream contentStream;
    private final List<String> prepath = new ArrayList<>();
    private final List<String> postpath;
    private final Headers requestHeaders = new Headers();
    private final Headers responseHeaders = new Headers();
    private final Map<String, String> receivedCookies = new LinkedHashMap<>();
    private final List<String> cookies = new ArrayList<>();
    private final List<byte[]> written = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    private final List<Deferred<Void>> finishedDeferreds = new ArrayList<>();
    private IAddress client = new IPv4Address("TCP", "127.0.0.1", 12345);
    private IAddress host = new IPv4Address("TCP", "127.0.0.1", 80);
    private Integer responseCode;
    private String responseMessage;
    private int finishCount;
    private boolean go;
    private Failure lostReason;
    private long lastModified = -1;

    /** A GET of the path made of {@code postpath}'s segments. */
    public DummyRequest(List<String> postpath) {
        this.postpath = new ArrayList<>(postpath);
    }

    /** A GET of the path made of {@code postpath}'s segments. */
    public DummyRequest(String... postpath) {
        this(Arrays.asList(postpath));
    }

    /**
     * Renders {@code resource} as the server would, minus HTTP: a returned body is written and
     * the request finished. The Deferred fires once the request is finished (at once, unless
     * the resource returned {@code NOT_DONE_YET} and finishes later).
     *
     * <p>Twisted: {@code twisted.web.test._util._render}.
     */
    public static Deferred<Void> render(IResource resource, DummyRequest request) {
        byte[] result = resource.render(request);
        if (result == Server.NOT_DONE_YET) {
            return request.finishCount > 0 ? Defer.succeed(null) : request.notifyFinish();
        }
        request.write(result);
        request.finish();
        return Defer.succeed(null);
    }

    // ------------------------------------------------------------------ what the client sent

    public DummyRequest setMethod(String method) {
        this.method = method;
        return this;
    }

    public DummyRequest setUri(String uri) {
        this.uri = uri;
        return this;
    }

    public DummyRequest setClientproto(String clientproto) {
        this.clientproto = clientproto;
        return this;
    }

    public DummyRequest setContent(byte[] content) {
        this.content = content.clone();
        this.contentStream = null;
        return this;
    }

    public DummyRequest setClientAddress(IAddress client) {
        this.client = client;
        return this;
    }

    public DummyRequest setHost(IAddress host) {
        this.host = host;
        return this;
    }

    /** Adds an argument value, as a query would. Twisted: {@code addArg}. */
    public DummyRequest addArg(String name, String value) {
        args.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    /** Sets a cookie as the client would have sent it. */
    public DummyRequest setReceivedCookie(String name, String value) {
        receivedCookies.put(name, value);
        return this;
    }

    /**
     * Pretends the connection was lost: fails the {@link #notifyFinish()} Deferreds with
     * {@code reason}. Twisted: {@code processingFailed}'s sibling in tests, {@code connectionLost}.
     */
    public void connectionLost(Failure reason) {
        lostReason = reason;
        List<Deferred<Void>> ds = new ArrayList<>(finishedDeferreds);
        finishedDeferreds.clear();
        for (Deferred<Void> d : ds) {
            d.errback(reason);
        }
    }

    // ------------------------------------------------------------------ what the resource did

    /** The arrays written, in order. */
    public List<byte[]> written() {
        return written;
    }

    /** Everything written, joined. */
    public byte[] writtenBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] b : written) {
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    /** Everything written, as UTF-8. */
    public String writtenString() {
        return new String(writtenBytes(), UTF_8);
    }

    /** The status code set, or null if none was. Twisted: {@code responseCode}. */
    public Integer responseCode() {
        return responseCode;
    }

    /** The reason phrase given with the code, or null. */
    public String responseMessage() {
        return responseMessage;
    }

    /** How many times {@link #finish()} was called. Twisted: {@code finished}. */
    public int finishCount() {
        return finishCount;
    }

    /** Failures passed to {@link #processingFailed}. */
    public List<Failure> failures() {
        return failures;
    }

    /** The {@code Set-Cookie} values added. */
    public List<String> cookies() {
        return cookies;
    }

    // ------------------------------------------------------------------ IRequest

    @Override
    public String method() {
        return method;
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public String path() {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    @Override
    public String clientproto() {
        return clientproto;
    }

    @Override
    public Map<String, List<String>> args() {
        return args;
    }

    @Override
    public InputStream content() {
        if (contentStream == null) {
            contentStream = new ByteArrayInputStream(content);
        }
        return contentStream;
    }

    @Override
    public List<String> prepath() {
        return prepath;
    }

    @Override
    public List<String> postpath() {
        return postpath;
    }

    @Override
    public Headers requestHeaders() {
        return requestHeaders;
    }

    @Override
    public Headers responseHeaders() {
        return responseHeaders;
    }

    @Override
    public String getCookie(String key) {
        return receivedCookies.get(key);
    }

    @Override
    public IAddress getClientAddress() {
        return client;
    }

    @Override
    public IAddress getHost() {
        return host;
    }

    /** {@code "dummy"}, as Twisted's. */
    @Override
    public String getRequestHostname() {
        return "dummy";
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public String prePathURL() {
        StringBuilder b = new StringBuilder("http://dummy/");
        b.append(String.join("/", prepath));
        return b.toString();
    }

    @Override
    public String getUser() {
        return "";
    }

    @Override
    public String getPassword() {
        return "";
    }

    @Override
    public int code() {
        return responseCode == null ? Http.OK : responseCode;
    }

    @Override
    public void setResponseCode(int code, String message) {
        if (written.size() > 0) {
            throw new IllegalStateException("Response code cannot be set after data has been written: " + written);
        }
        responseCode = code;
        responseMessage = message;
    }

    @Override
    public void addCookie(String key, String value, Cookie attributes) {
        cookies.add(attributes.format(key, value));
    }

    @Override
    public boolean setLastModified(long when) {
        if (lastModified < when) {
            lastModified = when;
        }
        String since = getHeader("if-modified-since");
        if (since != null) {
            try {
                if (Http.stringToDatetime(since.split(";", 2)[0]) >= lastModified) {
                    setResponseCode(Http.NOT_MODIFIED);
                    return true;
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }

    @Override
    public boolean setETag(String etag) {
        setHeader("ETag", etag);
        String tags = getHeader("if-none-match");
        if (tags != null && (List.of(tags.trim().split("\\s+")).contains(etag) || tags.trim().equals("*"))) {
            setResponseCode(method.equals("GET") || method.equals("HEAD") ? Http.NOT_MODIFIED : Http.PRECONDITION_FAILED);
            return true;
        }
        return false;
    }

    @Override
    public void write(byte[] data) {
        written.add(data.clone());
    }

    @Override
    public void finish() {
        finishCount++;
        List<Deferred<Void>> ds = new ArrayList<>(finishedDeferreds);
        finishedDeferreds.clear();
        for (Deferred<Void> d : ds) {
            d.callback(null);
        }
    }

    @Override
    public boolean finished() {
        return finishCount > 0;
    }

    @Override
    public Deferred<Void> notifyFinish() {
        if (lostReason != null) {
            return Defer.fail(lostReason);
        }
        Deferred<Void> d = new Deferred<>();
        finishedDeferreds.add(d);
        return d;
    }

    /** Records {@code reason} (see {@link #failures()}) and sets 500; Twisted's does the same. */
    @Override
    public Void processingFailed(Failure reason) {
        failures.add(reason);
        responseCode = Http.INTERNAL_SERVER_ERROR;
        finish();
        return null;
    }

    /** A pull producer is asked for data until it unregisters; a push one is resumed once. */
    @Override
    public void registerProducer(IProducer producer, boolean streaming) {
        go = true;
        if (streaming) {
            ((IPushProducer) producer).resumeProducing();
            return;
        }
        while (go) {
            if (producer instanceof IPullProducer) {
                ((IPullProducer) producer).resumeProducing();
            } else {
                ((IPushProducer) producer).resumeProducing();
            }
        }
    }

    @Override
    public void unregisterProducer() {
        go = false;
    }

    @Override
    public String toString() {
        return "<DummyRequest at 0x" + Integer.toHexString(System.identityHashCode(this)) + " method=" + method
                + " uri=" + uri + " clientproto=" + clientproto + ">";
    }
}
