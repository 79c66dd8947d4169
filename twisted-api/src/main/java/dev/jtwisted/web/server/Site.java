package dev.jtwisted.web.server;

import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.web.http.HTTPChannel;
import dev.jtwisted.web.http.Http;
import dev.jtwisted.web.resource.IResource;
import dev.jtwisted.web.resource.Resource;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A web site: the protocol factory that serves a resource tree over HTTP/1.1 (and 1.0), usable
 * with any stream endpoint.
 *
 * <pre>{@code
 * Endpoints.serverFromString(reactor, "tcp:8080").listen(new Site(root));
 * }</pre>
 *
 * <p>Its knobs are protected fields with Twisted's names where Twisted has them, set in a
 * subclass's constructor (or an instance initializer: {@code new Site(root) {{ displayTracebacks
 * = true; }}}); the limits are jtwisted's own. The Netty reactor reads them when a connection
 * opens.
 *
 * <p>Access log: each finished request is logged at INFO, in the combined log format, to the
 * SLF4J logger {@value #ACCESS_LOG} (configure or silence it there), formatted by
 * {@link #logFormatter}.
 *
 * <p>Threads: {@code buildProtocol} runs on the event loop of each new connection; with one
 * event loop (the default) everything runs on the reactor thread.
 *
 * <p>Twisted: {@code twisted.web.server.Site} (with {@code twisted.web.http.HTTPFactory}).
 */
public class Site extends ServerFactory {
    /** The name of the access log's SLF4J logger. */
    public static final String ACCESS_LOG = "dev.jtwisted.web.access";

    /** The root of the tree: traversal of every request starts here. Twisted: {@code resource}. */
    protected IResource resource;
    /**
     * Whether a resource's exception is shown to the client as a traceback page (it is always
     * logged). Off by default, as in Twisted. Twisted: {@code displayTracebacks}.
     */
    protected boolean displayTracebacks;
    /** Makes each connection's requests. Twisted: {@code requestFactory}. */
    protected Function<HTTPChannel, ? extends Request> requestFactory = Request::new;
    /** Formats an access-log line from the timestamp and the request. Twisted: {@code logFormatter}. */
    protected BiFunction<String, Request, String> logFormatter = Http::combinedLogFormatter;
    /** Where access-log lines go, at INFO. */
    protected Logger accessLog = LoggerFactory.getLogger(ACCESS_LOG);
    /**
     * Seconds a connection may sit idle (no request in progress, nothing arriving) before it is
     * closed; 0 for never. Twisted: {@code timeOut} (12 hours, as here).
     */
    protected double timeOut = 60 * 60 * 12;
    /**
     * The longest request line (method, target, version) read, in bytes; a longer one is
     * answered 414. Twisted: {@code HTTPChannel.MAX_LENGTH} (which answers 400).
     */
    protected int maxRequestLineLength = 16384;
    /**
     * The most bytes of headers read for one request; more is answered 431. Twisted:
     * {@code HTTPChannel.totalHeadersSize} (which answers 400 and counts the request line too).
     */
    protected int totalHeadersSize = 16384;
    /**
     * The largest request body read, in bytes; a larger one (declared or counted) is answered
     * 413 and the connection closed. Bodies are kept in memory. Twisted has no limit (it spools
     * large bodies to a temporary file).
     */
    protected long maxRequestBodySize = 16L * 1024 * 1024;

    /** The access log's timestamp and the second it is for; replaced whole (loops may share a site). */
    private volatile LogTime logTime = new LogTime(-1, "");

    private record LogTime(long second, String text) {}

    /** A site serving {@code resource}'s tree. */
    public Site(IResource resource) {
        this.resource = Objects.requireNonNull(resource, "resource");
    }

    /** A site serving {@code resource}'s tree with requests made by {@code requestFactory}. */
    public Site(IResource resource, Function<HTTPChannel, ? extends Request> requestFactory) {
        this(resource);
        this.requestFactory = Objects.requireNonNull(requestFactory, "requestFactory");
    }

    /** An {@link HTTPChannel} for the new connection. Twisted: {@code Site.buildProtocol}. */
    @Override
    public IProtocol buildProtocol(IAddress addr) {
        HTTPChannel channel = new HTTPChannel(this);
        channel.setFactory(this);
        return channel;
    }

    /**
     * Finds the resource for {@code request} from the root: traversal with
     * {@link Resource#getChildForRequest}. Twisted: {@code Site.getResourceFor}.
     */
    public IResource getResourceFor(Request request) {
        request.setSite(this);
        return Resource.getChildForRequest(resource, request);
    }

    /** Writes {@code request}'s access-log line. Called when it finishes. Twisted: {@code HTTPFactory.log}. */
    public void log(Request request) {
        if (!accessLog.isInfoEnabled()) {
            return;
        }
        long now = System.currentTimeMillis() / 1000;
        LogTime t = logTime;
        if (t.second() != now) {
            t = new LogTime(now, Http.datetimeToLogString(now));
            logTime = t;
        }
        accessLog.info(logFormatter.apply(t.text(), request));
    }

    public IResource resource() {
        return resource;
    }

    public boolean displayTracebacks() {
        return displayTracebacks;
    }

    public Function<HTTPChannel, ? extends Request> requestFactory() {
        return requestFactory;
    }

    public double timeOut() {
        return timeOut;
    }

    public int maxRequestLineLength() {
        return maxRequestLineLength;
    }

    public int totalHeadersSize() {
        return totalHeadersSize;
    }

    public long maxRequestBodySize() {
        return maxRequestBodySize;
    }
}
