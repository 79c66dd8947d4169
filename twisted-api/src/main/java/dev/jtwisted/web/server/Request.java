package dev.jtwisted.web.server;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IPAddress;
import dev.jtwisted.internet.IProducer;
import dev.jtwisted.internet.ITransport;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.web.error.UnsupportedMethod;
import dev.jtwisted.web.http.HTTPChannel;
import dev.jtwisted.web.http.Http;
import dev.jtwisted.web.http_headers.Headers;
import dev.jtwisted.web.internal.Channels;
import dev.jtwisted.web.internal.ServerConnection;
import dev.jtwisted.web.iweb.Cookie;
import dev.jtwisted.web.iweb.IRequest;
import dev.jtwisted.web.resource.ErrorPage;
import dev.jtwisted.web.resource.IResource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP request on a real connection, and its response: it finds its resource in the site's
 * tree, renders it, and sends what the resource returns or writes.
 *
 * <p><b>The response.</b> The first {@link #write} sends the status line and the headers;
 * {@link #finish} ends the response. A response with a {@code Content-Length} header is sent
 * as it is; an HTTP/1.1 one without is sent chunked; an HTTP/1.0 one without ends when the
 * connection closes. A renderer's returned body is sent with its length, in one piece. Responses
 * to HEAD, and 204 and 304 responses, have no body. A resource that returned
 * {@link Server#NOT_DONE_YET} writes and finishes later, from the reactor thread;
 * {@link #notifyFinish()} tells it if the client has gone.
 *
 * <p>Every response carries {@code Server} and {@code Date} headers, and {@code Content-Type:
 * text/html} unless another is set ({@link #defaultContentType}).
 *
 * <p>Errors: an exception from a resource (traversal or render) is logged with its stack trace
 * and the request, and answered 500 with a generic page (or the traceback, if the site's
 * {@code displayTracebacks} is on).
 *
 * <p>Subclass it for a site's own requests and give the site its constructor as the
 * {@code requestFactory}.
 *
 * <p>Threads: the connection's reactor thread, throughout.
 *
 * <p>Twisted: {@code twisted.web.server.Request} with {@code twisted.web.http.Request}.
 */
public class Request implements IRequest {
    private static final Logger log = LoggerFactory.getLogger(Request.class);
    private static final byte[] EMPTY = new byte[0];
    private static final Pattern HOST_HEADER = Pattern.compile("^\\[?(.*?)\\]?(:\\d+)?$");

    /**
     * The {@code Content-Type} sent when none is set (not with 204, 304 or an empty
     * {@code Content-Length: 0} body); null sends none. Twisted: {@code defaultContentType}.
     */
    protected String defaultContentType = "text/html";

    private final HTTPChannel channel;
    private final ServerConnection connection;
    private Site site;
    private final IAddress client;
    private IAddress host;

    private String method = "(no method yet)";
    private String uri = "(no uri yet)";
    private String path;
    private String clientproto = "(no clientproto yet)";
    private Map<String, List<String>> args;
    private byte[] contentBytes = EMPTY;
    private ByteArrayInputStream content;
    private Headers requestHeaders = new Headers();
    private final Headers responseHeaders = new Headers();
    private Map<String, String> receivedCookies;
    private List<String> cookies;
    private List<String> prepath = new ArrayList<>();
    private List<String> postpath = new ArrayList<>();
    private List<String> sitepath;

    private int code = Http.OK;
    private String codeMessage = "OK";
    private boolean startedWriting;
    private boolean chunked;
    private boolean noBody;
    private boolean finished;
    private boolean disconnected;
    private boolean inFakeHead;
    private long sentLength;
    private long lastModified = -1;
    private String etag;
    private List<Deferred<Void>> notifications;
    private Failure lostReason;
    private IProducer producer;
    private String user;
    private String password;

    /** A request arriving on {@code channel}. Twisted: {@code Request(channel)}. */
    public Request(HTTPChannel channel) {
        this.channel = channel;
        this.connection = Channels.connection(channel);
        this.site = channel.site();
        this.client = channel.getPeer();
        this.host = channel.getHost();
    }

    // ------------------------------------------------------------------ for the channel

    /** Sets the request's headers (the channel's object, kept). Not for resources. */
    public void setRequestHeaders(Headers headers) {
        this.requestHeaders = headers;
    }

    /** Appends body bytes (the first array is kept as it is). Not for resources. Twisted: the same name. */
    public void handleContentChunk(byte[] data) {
        if (contentBytes.length == 0) {
            contentBytes = data;
        } else {
            byte[] joined = new byte[contentBytes.length + data.length];
            System.arraycopy(contentBytes, 0, joined, 0, contentBytes.length);
            System.arraycopy(data, 0, joined, contentBytes.length, data.length);
            contentBytes = joined;
        }
        content = null;
    }

    /**
     * The whole request has arrived: parses the query, a urlencoded POST body and the cookies,
     * then {@link #process()}es it. Called by the channel, not for resources.
     *
     * <p>Twisted: {@code http.Request.requestReceived}. Unlike Twisted, multipart bodies are not
     * parsed into {@link #args()}: read them from {@link #content()}.
     */
    public void requestReceived(String command, String path, String version) {
        this.method = command;
        this.uri = path;
        this.clientproto = version;
        int q = path.indexOf('?');
        if (q < 0) {
            this.path = path;
        } else {
            this.path = path.substring(0, q);
            args = Http.parse_qs(path.substring(q + 1), true);
        }
        if ("POST".equals(command) && contentBytes.length > 0) {
            String ctype = requestHeaders.getLastRawHeader("content-type");
            if (ctype != null) {
                int semi = ctype.indexOf(';');
                String key = (semi < 0 ? ctype : ctype.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
                if (key.equals("application/x-www-form-urlencoded")) {
                    args().putAll(Http.parse_qs(new String(contentBytes, ISO_8859_1), true));
                }
            }
        }
        parseCookies();
        process();
    }

    /** Reads the {@code Cookie} headers into {@link #getCookie}'s map. Twisted: {@code parseCookies}. */
    public void parseCookies() {
        List<String> headers = requestHeaders.getRawHeaders("cookie");
        if (headers == null) {
            return;
        }
        for (String text : headers) {
            for (String cook : text.split(";")) {
                String c = cook.stripLeading();
                int eq = c.indexOf('=');
                if (eq >= 0) {
                    if (receivedCookies == null) {
                        receivedCookies = new LinkedHashMap<>();
                    }
                    receivedCookies.put(c.substring(0, eq), c.substring(eq + 1));
                }
            }
        }
    }

    /**
     * Finds the resource and renders it: sets the {@code Server} and {@code Date} headers and
     * the paths, asks the site for the resource, and {@link #render}s it; an exception goes to
     * {@link #processingFailed}. Twisted: {@code server.Request.process}.
     */
    public void process() {
        setHeader("server", Server.version);
        setHeader("date", Http.datetimeToString());
        prepath = new ArrayList<>(4);
        postpath = splitPath(path);
        if (path.equals("*")) {
            handleStar();
            return;
        }
        try {
            IResource resrc = site.getResourceFor(this);
            render(resrc);
        } catch (Throwable t) {
            processingFailed(new Failure(t));
        }
    }

    private static List<String> splitPath(String path) {
        List<String> segments = new ArrayList<>(4);
        int start = path.isEmpty() ? 0 : 1;
        while (true) {
            int slash = path.indexOf('/', start);
            if (slash < 0) {
                segments.add(Http.unquote(path.substring(start)));
                return segments;
            }
            segments.add(Http.unquote(path.substring(start, slash)));
            start = slash + 1;
        }
    }

    /** {@code OPTIONS *}: 200, anything else 405. Twisted: {@code _handleStar}. */
    private void handleStar() {
        if (method.equals("OPTIONS")) {
            setResponseCode(Http.OK);
        } else {
            setResponseCode(Http.NOT_ALLOWED);
            setHeader("Allow", "OPTIONS");
        }
        setHeader("Content-Length", "0");
        finish();
    }

    /**
     * Asks {@code resrc} to render this request and sends what it returns (unless it returned
     * {@link Server#NOT_DONE_YET}). A method it does not render is answered 405 with an
     * {@code Allow} header, but HEAD is answered as GET without the body.
     *
     * <p>Twisted: {@code server.Request.render}. Twisted answers 501 for methods other than GET,
     * HEAD and POST; here every unrendered method is a 405, as RFC 9110 has it.
     */
    public void render(IResource resrc) {
        byte[] body;
        try {
            body = resrc.render(this);
        } catch (UnsupportedMethod e) {
            List<String> allowedMethods = e.allowedMethods();
            if (method.equals("HEAD") && allowedMethods.contains("GET")) {
                log.info("Using GET to fake a HEAD request for {}", resrc);
                method = "GET";
                inFakeHead = true;
                body = resrc.render(this);
                if (body == Server.NOT_DONE_YET) {
                    log.info("Tried to fake a HEAD request for {}, but it got away from me.", resrc);
                } else if (body != null) {
                    setHeader("content-length", Integer.toString(body.length));
                }
                inFakeHead = false;
                method = "HEAD";
                write(EMPTY);
                finish();
                return;
            }
            setHeader("Allow", String.join(", ", allowedMethods));
            body = new ErrorPage(Http.NOT_ALLOWED, "Method Not Allowed", "Your browser approached me (at "
                    + uri + ") with the method \"" + method + "\".  I only allow the method"
                    + (allowedMethods.size() > 1 ? "s " : " ") + String.join(", ", allowedMethods) + " here.")
                    .render(this);
        }
        if (body == Server.NOT_DONE_YET) {
            return;
        }
        if (body == null) {
            body = new ErrorPage(Http.INTERNAL_SERVER_ERROR, "Request did not return bytes",
                    "Request: " + this + " Resource: " + resrc + " Value: null").render(this);
        }
        if (method.equals("HEAD")) {
            if (body.length > 0) {
                log.debug("HEAD request {} for resource {} returned a message body; sending its length only",
                        this, resrc);
                setHeader("content-length", Integer.toString(body.length));
            }
            write(EMPTY);
            finish();
        } else {
            setHeader("content-length", Integer.toString(body.length));
            writeAndFinish(body);
        }
    }

    /**
     * Ends this request with a 500 after {@code reason}: logs it (with its stack trace and this
     * request) and sends a generic page, or the traceback if the site's
     * {@code displayTracebacks} is on. If the response had begun already, the connection is
     * closed instead, so the client sees it cut short. Returns null, so as an errback it ends the
     * Deferred's failure. Twisted: {@code server.Request.processingFailed}.
     */
    @Override
    public Void processingFailed(Failure reason) {
        log.error("Unhandled error while rendering {}", this, reason.value());
        if (finished || disconnected) {
            return null;
        }
        if (startedWriting) {
            log.info("{} had started its response; closing the connection", this);
            channel.loseConnection();
            return null;
        }
        byte[] body;
        if (site.displayTracebacks()) {
            body = ("<html><head><title>web.Server Traceback (most recent call last)</title></head>"
                    + "<body><b>web.Server Traceback (most recent call last):</b>\n\n<pre>"
                    + ErrorPage.escape(reason.getTraceback()) + "</pre>\n\n</body></html>\n").getBytes(UTF_8);
        } else {
            body = ("<html><head><title>Processing Failed</title></head><body>"
                    + "<b>Processing Failed</b></body></html>").getBytes(UTF_8);
        }
        setResponseCode(Http.INTERNAL_SERVER_ERROR);
        setHeader("content-type", "text/html");
        setHeader("content-length", Integer.toString(body.length));
        writeAndFinish(body);
        return null;
    }

    /** The connection is gone before the response finished. Called by the channel. */
    public void connectionLost(Failure reason) {
        disconnected = true;
        lostReason = reason;
        List<Deferred<Void>> ds = notifications;
        notifications = null;
        if (ds != null) {
            for (Deferred<Void> d : ds) {
                d.errback(reason);
            }
        }
    }

    // ------------------------------------------------------------------ the response

    @Override
    public void write(byte[] data) {
        if (finished) {
            throw new IllegalStateException("Request.write called on a request after Request.finish was called.");
        }
        if (disconnected) {
            return;
        }
        if (!startedWriting) {
            addDefaultContentType();
            if (inFakeHead) {
                return;
            }
            startedWriting = true;
            connection().writeHeaders(this, clientproto, code, codeMessage, wireHeaders());
            if (noBody) {
                return;
            }
        }
        if (noBody || inFakeHead) {
            return;
        }
        sentLength += data.length;
        if (data.length > 0) {
            connection().write(this, data);
        }
    }

    /** {@link #write} then {@link #finish}, sent as one message when nothing was written yet. */
    private void writeAndFinish(byte[] body) {
        if (startedWriting || finished || disconnected || inFakeHead) {
            write(body);
            finish();
            return;
        }
        addDefaultContentType();
        startedWriting = true;
        Headers headers = wireHeaders();
        if (!noBody) {
            sentLength += body.length;
        }
        connection().writeResponse(this, clientproto, code, codeMessage, headers, noBody ? EMPTY : body);
        finishResponse();
    }

    private void addDefaultContentType() {
        if (code != Http.NOT_MODIFIED && code != Http.NO_CONTENT && defaultContentType != null
                && !responseHeaders.hasHeader("content-type")
                && !"0".equals(responseHeaders.getLastRawHeader("content-length"))) {
            responseHeaders.setRawHeader("content-type", defaultContentType);
        }
    }

    /**
     * The headers to send, and the framing: chunked for HTTP/1.1 without a length; no body for
     * HEAD, 204 and 304. Twisted: the first part of {@code http.Request.write}.
     */
    private Headers wireHeaders() {
        noBody = method.equals("HEAD") || Http.isNoBodyCode(code);
        chunked = clientproto.equals("HTTP/1.1") && !noBody && !responseHeaders.hasHeader("content-length");
        if (lastModified >= 0) {
            if (responseHeaders.hasHeader("last-modified")) {
                log.info("Warning: last-modified specified both in header list and lastModified attribute.");
            } else {
                responseHeaders.setRawHeader("last-modified", Http.datetimeToString(lastModified));
            }
        }
        if (etag != null) {
            responseHeaders.setRawHeader("ETag", etag);
        }
        if (!chunked && cookies == null) {
            return responseHeaders;
        }
        Headers wire = responseHeaders.copy();
        if (chunked) {
            wire.setRawHeader("Transfer-Encoding", "chunked");
        }
        if (cookies != null) {
            wire.setRawHeaders("Set-Cookie", cookies);
        }
        return wire;
    }

    @Override
    public void finish() {
        if (disconnected) {
            throw new IllegalStateException("Request.finish called on a request after its connection was lost; "
                    + "use Request.notifyFinish to keep track of this.");
        }
        if (finished) {
            log.warn("Warning! request.finish called twice: {}", this, new IllegalStateException("finished twice"));
            return;
        }
        if (!startedWriting) {
            write(EMPTY);
        }
        finishResponse();
    }

    private void finishResponse() {
        finished = true;
        try {
            site.log(this);
        } catch (RuntimeException e) {
            log.error("{} raised logging {}", site, this, e);
        }
        if (producer != null) {
            log.error("Producer {} was not unregistered for {}", producer, uri);
            unregisterProducer();
        }
        connection().requestDone(this);
        List<Deferred<Void>> ds = notifications;
        notifications = null;
        if (ds != null) {
            for (Deferred<Void> d : ds) {
                d.callback(null);
            }
        }
    }

    private ServerConnection connection() {
        if (connection == null) {
            throw new IllegalStateException(channel + " is not connected to an HTTP parser: serve the Site "
                    + "on the Netty reactor, or test resources with DummyRequest");
        }
        return connection;
    }

    @Override
    public Deferred<Void> notifyFinish() {
        if (finished) {
            return Defer.succeed(null);
        }
        if (disconnected) {
            return Defer.fail(lostReason);
        }
        Deferred<Void> d = new Deferred<>();
        if (notifications == null) {
            notifications = new ArrayList<>(1);
        }
        notifications.add(d);
        return d;
    }

    @Override
    public void setResponseCode(int code, String message) {
        this.code = code;
        this.codeMessage = message != null && !message.isEmpty() ? message : Http.responsePhrase(code);
    }

    @Override
    public void addCookie(String key, String value, Cookie attributes) {
        if (cookies == null) {
            cookies = new ArrayList<>(2);
        }
        cookies.add(attributes.format(key, value));
    }

    @Override
    public boolean setLastModified(long when) {
        if (lastModified < when) {
            lastModified = when;
        }
        String modifiedSince = getHeader("if-modified-since");
        if (modifiedSince != null) {
            String firstPart = modifiedSince.split(";", 2)[0];
            long since;
            try {
                since = Http.stringToDatetime(firstPart);
            } catch (IllegalArgumentException e) {
                return false;
            }
            if (since >= lastModified) {
                setResponseCode(Http.NOT_MODIFIED);
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean setETag(String etag) {
        if (etag != null && !etag.isEmpty()) {
            this.etag = etag;
        }
        String tags = getHeader("if-none-match");
        if (tags != null) {
            List<String> list = List.of(tags.trim().split("\\s+"));
            if (list.contains(etag) || list.contains("*")) {
                setResponseCode(method.equals("HEAD") || method.equals("GET") ? Http.NOT_MODIFIED : Http.PRECONDITION_FAILED);
                return true;
            }
        }
        return false;
    }

    /**
     * Streams the body from {@code producer}: a streaming one is paused while the socket's
     * buffer is full, a pull one is asked for each chunk once the previous one is sent. It writes
     * with {@link #write}, and unregisters itself and calls {@link #finish()} at the end.
     */
    @Override
    public void registerProducer(IProducer producer, boolean streaming) {
        if (this.producer != null) {
            throw new IllegalStateException("registering producer " + producer + " before previous one ("
                    + this.producer + ") was unregistered");
        }
        this.producer = producer;
        channel.transport().registerProducer(producer, streaming);
    }

    @Override
    public void unregisterProducer() {
        if (!disconnected) {
            channel.transport().unregisterProducer();
        }
        producer = null;
    }

    /** Closes the connection once what was written is sent. */
    public void loseConnection() {
        if (!disconnected) {
            channel.loseConnection();
        }
    }

    // ------------------------------------------------------------------ the request

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
        return path;
    }

    @Override
    public String clientproto() {
        return clientproto;
    }

    @Override
    public Map<String, List<String>> args() {
        if (args == null) {
            args = new LinkedHashMap<>();
        }
        return args;
    }

    @Override
    public InputStream content() {
        if (content == null) {
            content = new ByteArrayInputStream(contentBytes);
        }
        return content;
    }

    @Override
    public List<String> prepath() {
        return prepath;
    }

    @Override
    public List<String> postpath() {
        return postpath;
    }

    /** The prepath when traversal began at the site. Twisted: {@code sitepath}. */
    public List<String> sitepath() {
        return sitepath;
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
        return receivedCookies == null ? null : receivedCookies.get(key);
    }

    @Override
    public IAddress getClientAddress() {
        return client;
    }

    @Override
    public IAddress getHost() {
        return host;
    }

    @Override
    public String getRequestHostname() {
        String h = getHeader("host");
        if (h != null) {
            Matcher m = HOST_HEADER.matcher(h);
            if (m.matches()) {
                return m.group(1);
            }
        }
        return host instanceof IPAddress ? ((IPAddress) host).host() : String.valueOf(host);
    }

    @Override
    public boolean isSecure() {
        return channel.isSecure();
    }

    @Override
    public String prePathURL() {
        int port = host instanceof IPAddress ? ((IPAddress) host).port() : 80;
        int defaultPort = isSecure() ? 443 : 80;
        StringBuilder b = new StringBuilder(isSecure() ? "https://" : "http://").append(getRequestHostname());
        if (port != defaultPort) {
            b.append(':').append(port);
        }
        b.append('/');
        for (int i = 0; i < prepath.size(); i++) {
            if (i > 0) {
                b.append('/');
            }
            b.append(Http.quote(prepath.get(i)));
        }
        return b.toString();
    }

    @Override
    public String getUser() {
        authorize();
        return user;
    }

    @Override
    public String getPassword() {
        authorize();
        return password;
    }

    private void authorize() {
        if (user != null) {
            return;
        }
        user = "";
        password = "";
        String authh = getHeader("authorization");
        if (authh == null) {
            return;
        }
        String[] parts = authh.trim().split("\\s+");
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("basic")) {
            return;
        }
        try {
            String upw = new String(Base64.getDecoder().decode(parts[1]), UTF_8);
            int colon = upw.indexOf(':');
            if (colon >= 0) {
                user = upw.substring(0, colon);
                password = upw.substring(colon + 1);
            }
        } catch (IllegalArgumentException e) {
            log.debug("{}: malformed basic credentials; no user", this, e);
        }
    }

    @Override
    public int code() {
        return code;
    }

    /** The reason phrase sent with {@link #code()}. Twisted: {@code code_message}. */
    public String codeMessage() {
        return codeMessage;
    }

    @Override
    public boolean finished() {
        return finished;
    }

    /** Whether the status line and headers have been sent. Twisted: {@code startedWriting}. */
    public boolean startedWriting() {
        return startedWriting;
    }

    /** Body bytes written so far (what the access log reports). Twisted: {@code sentLength}. */
    public long sentLength() {
        return sentLength;
    }

    /** The channel this request came on. */
    public HTTPChannel channel() {
        return channel;
    }

    /** The connection's transport. Twisted: {@code transport}. */
    public ITransport transport() {
        return channel.transport();
    }

    public Site site() {
        return site;
    }

    /** Set by {@link Site#getResourceFor}, with the {@link #sitepath()}. */
    void setSite(Site site) {
        this.site = site;
        this.sitepath = new ArrayList<>(prepath);
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " at 0x" + Integer.toHexString(System.identityHashCode(this))
                + " method=" + method + " uri=" + uri + " clientproto=" + clientproto + ">";
    }
}
