package dev.jtwisted.web.client;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.ITransport;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.web.error.Error;
import dev.jtwisted.web.http_headers.Headers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * The functions of Twisted's {@code twisted.web.client} module: reading a response's whole body
 * ({@link #readBody}), and fetching a page in one call ({@link #getPage}).
 *
 * <pre>{@code
 * Client.getPage(reactor, "http://example.com/")
 *         .addCallback(body -> new String(body, UTF_8))
 *         .addErrback(f -> { f.trap(dev.jtwisted.web.error.Error.class); return "not found"; });
 * }</pre>
 *
 * <p>Twisted: {@code twisted.web.client}.
 */
public final class Client {
    private Client() {}

    /**
     * The whole body of {@code response}. Fails with {@link PartialDownloadError} (holding the
     * bytes that came) when the body was delimited by the connection's close (as Twisted's
     * {@code readBody} does: see {@link PotentialDataLoss}) or was cut short (the cause is then the
     * {@link ResponseFailed}). Cancelling it aborts the connection.
     *
     * <p>Twisted: {@code twisted.web.client.readBody}, which fails with the bare
     * {@code ResponseFailed} for a body cut short, losing what came.
     */
    public static Deferred<byte[]> readBody(IResponse response) {
        Objects.requireNonNull(response, "response");
        ReadBodyProtocol[] protocol = new ReadBodyProtocol[1];
        Deferred<byte[]> d = new Deferred<>(deferred -> {
            ITransport t = protocol[0].transport();
            if (t != null) {
                t.abortConnection();
            }
        });
        protocol[0] = new ReadBodyProtocol(response, d, false);
        response.deliverBody(protocol[0]);
        return d;
    }

    /**
     * The body of {@code url}, fetched with GET by a non-persistent {@link Agent} following up to
     * 20 redirects. Fails with {@link Error} (code, message and body) for a status outside 2xx, with
     * {@link PartialDownloadError} for a body cut short (a body ended by the connection's close is
     * fine), and with what the agent fails with otherwise. Cancelling it aborts the request.
     *
     * <p>Twisted: {@code twisted.web.client.getPage}, deprecated there in favour of {@code Agent},
     * and kept here for the programs written against it.
     */
    public static Deferred<byte[]> getPage(IReactor reactor, String url) {
        return getPage(reactor, url, new PageOptions());
    }

    /** {@link #getPage(IReactor, String)} with a method, headers and a body (each may be null). */
    public static Deferred<byte[]> getPage(IReactor reactor, String url, String method, Headers headers,
            byte[] postdata) {
        return getPage(reactor, url, new PageOptions().method(method == null ? "GET" : method).headers(headers)
                .postdata(postdata));
    }

    /** {@link #getPage(IReactor, String)} with Twisted's keyword arguments in {@code options}. */
    public static Deferred<byte[]> getPage(IReactor reactor, String url, PageOptions options) {
        Objects.requireNonNull(reactor, "reactor");
        Objects.requireNonNull(options, "options");
        IAgent agent = options.agent != null ? options.agent : new Agent(reactor);
        if (options.followRedirect) {
            agent = new RedirectAgent(agent, options.redirectLimit);
        }
        Deferred<IResponse> request = agent.request(options.method, url, options.headers,
                options.postdata == null ? null : FileBodyProducer.of(options.postdata));
        Deferred<byte[]> page = request.addCallbackDeferring(response -> {
            Deferred<byte[]>[] body = new Deferred[1];
            ReadBodyProtocol protocol = new ReadBodyProtocol(response, null, true);
            body[0] = new Deferred<>(d -> {
                ITransport t = protocol.transport();
                if (t != null) {
                    t.abortConnection();
                }
            });
            protocol.deferred = body[0];
            response.deliverBody(protocol);
            return body[0].addCallback(bytes -> {
                if (response.code() < 200 || response.code() > 299) {
                    throw new Error(response.code(), response.phrase(), bytes);
                }
                return bytes;
            });
        });
        page = page.addErrback(f -> {
            // The old API's errors come bare: Twisted's getPage fails with error.Error itself.
            if (f.value() instanceof ResponseFailed && !(f.value() instanceof ResponseNeverReceived)) {
                List<Failure> reasons = ((ResponseFailed) f.value()).reasons();
                if (reasons.size() == 1 && reasons.get(0).value() instanceof Error) {
                    throw reasons.get(0).raiseException();
                }
            }
            throw f.raiseException();
        });
        if (options.timeout > 0) {
            page.addTimeout(options.timeout, reactor);
        }
        return page;
    }

    /**
     * The keyword arguments of {@link #getPage(IReactor, String, PageOptions)}.
     * Twisted: {@code getPage(url, method, postdata, headers, timeout, followRedirect, redirectLimit)}.
     */
    public static final class PageOptions {
        private String method = "GET";
        private Headers headers;
        private byte[] postdata;
        private double timeout;
        private boolean followRedirect = true;
        private int redirectLimit = 20;
        private IAgent agent;

        /** The method; GET by default. */
        public PageOptions method(String method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /** Headers to send; none by default. */
        public PageOptions headers(Headers headers) {
            this.headers = headers;
            return this;
        }

        /** The body to send, or null (the default) for none. */
        public PageOptions postdata(byte[] postdata) {
            this.postdata = postdata;
            return this;
        }

        /**
         * Seconds for the whole fetch, after which it is cancelled (aborting its connection) and
         * fails: with {@link dev.jtwisted.internet.ConnectingCancelledError} while connecting,
         * {@link ResponseNeverReceived} while waiting for the response, and
         * {@link dev.jtwisted.internet.defer.TimeoutError} while reading the body; 0 (the default)
         * for none.
         */
        public PageOptions timeout(double seconds) {
            this.timeout = seconds;
            return this;
        }

        /** Whether redirects are followed; true by default. */
        public PageOptions followRedirect(boolean follow) {
            this.followRedirect = follow;
            return this;
        }

        /** The most redirects followed; 20 by default. */
        public PageOptions redirectLimit(int limit) {
            this.redirectLimit = limit;
            return this;
        }

        /** The agent to fetch with, such as one with a pool or a TLS policy; a new {@link Agent} by default. */
        public PageOptions agent(IAgent agent) {
            this.agent = agent;
            return this;
        }
    }

    /**
     * Collects a body. Twisted: {@code client._ReadBodyProtocol}.
     */
    private static final class ReadBodyProtocol extends Protocol {
        private final IResponse response;
        private final boolean acceptCloseDelimited;
        Deferred<byte[]> deferred;
        private final ByteArrayOutputStream data;

        ReadBodyProtocol(IResponse response, Deferred<byte[]> deferred, boolean acceptCloseDelimited) {
            this.response = response;
            this.deferred = deferred;
            this.acceptCloseDelimited = acceptCloseDelimited;
            long length = response.length();
            this.data = new ByteArrayOutputStream(length > 0 && length < (1 << 24) ? (int) length : 1024);
        }

        @Override
        public void dataReceived(byte[] bytes) {
            data.writeBytes(bytes);
        }

        @Override
        public void dataReceived(ByteBuffer view) {
            if (view.hasArray()) {
                data.write(view.array(), view.arrayOffset() + view.position(), view.remaining());
                view.position(view.limit());
            } else {
                byte[] bytes = new byte[view.remaining()];
                view.get(bytes);
                data.writeBytes(bytes);
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            if (deferred.called()) {
                return;
            }
            if (reason.check(ResponseDone.class) != null
                    || (acceptCloseDelimited && reason.check(PotentialDataLoss.class) != null)) {
                deferred.callback(data.toByteArray());
            } else {
                deferred.errback(new PartialDownloadError(response.code(), response.phrase(), data.toByteArray(),
                        reason.value()));
            }
        }
    }
}
