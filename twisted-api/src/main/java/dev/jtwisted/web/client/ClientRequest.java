package dev.jtwisted.web.client;

import dev.jtwisted.internet.IConsumer;
import dev.jtwisted.internet.IProducer;
import dev.jtwisted.internet.ITransport;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.web.http_headers.Headers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request to send: its method, the path and query of its request line, its headers and
 * body, and whether the connection should stay open after it. {@link #writeTo} writes it in
 * HTTP/1.1: a body of known length with {@code Content-Length}, one of unknown length chunked.
 * Not API.
 *
 * <p>Twisted: {@code twisted.web._newclient.Request}.
 */
final class ClientRequest implements IClientRequest {
    private static final Logger log = LoggerFactory.getLogger(ClientRequest.class);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    final String method;
    final String uri;
    final Headers headers;
    final IBodyProducer bodyProducer;
    final boolean persistent;
    final URI parsedURI;

    /**
     * @param uri what goes on the request line: the path and query
     * @param parsedURI the absolute URI, or null if unknown
     * @throws IllegalArgumentException if {@code method} is not a token or {@code uri} holds a
     *     space or control character
     */
    ClientRequest(String method, String uri, Headers headers, IBodyProducer bodyProducer, boolean persistent,
            URI parsedURI) {
        this.method = ensureValidMethod(method);
        this.uri = ensureValidURI(uri);
        this.headers = Objects.requireNonNull(headers, "headers");
        this.bodyProducer = bodyProducer;
        this.persistent = persistent;
        this.parsedURI = parsedURI;
    }

    /** Twisted: {@code _ensureValidMethod}: an RFC 7230 token. */
    static String ensureValidMethod(String method) {
        Objects.requireNonNull(method, "method");
        if (method.isEmpty()) {
            throw new IllegalArgumentException("invalid HTTP method '': it is empty");
        }
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                throw new IllegalArgumentException("invalid HTTP method '" + method + "': character " + (int) c
                        + " at index " + i + " is not allowed in a token");
            }
        }
        return method;
    }

    /** Twisted: {@code _ensureValidURI}: no spaces or control characters. */
    static String ensureValidURI(String uri) {
        Objects.requireNonNull(uri, "uri");
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new IllegalArgumentException("invalid request URI '" + uri + "': character " + (int) c
                        + " at index " + i + " is not allowed");
            }
        }
        if (uri.isEmpty()) {
            throw new IllegalArgumentException("invalid request URI '': it is empty");
        }
        return uri;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String absoluteURI() {
        return parsedURI == null ? null : parsedURI.toString();
    }

    @Override
    public Headers headers() {
        return headers;
    }

    /**
     * Writes the request to {@code transport}. The Deferred fires once the whole request is
     * written (at once without a body), and fails if the body producer fails or writes the wrong
     * number of bytes; cancelling it cancels the producer's Deferred.
     *
     * @throws IllegalArgumentException if the headers do not have exactly one {@code Host}
     */
    Deferred<Void> writeTo(ITransport transport) {
        if (bodyProducer == null) {
            String framing = method.equals("PUT") || method.equals("POST") ? "Content-Length: 0\r\n" : null;
            transport.write(head(framing));
            return Defer.succeed(null);
        }
        long length = bodyProducer.length();
        if (length == IBodyProducer.UNKNOWN_LENGTH) {
            return writeChunked(transport);
        }
        if (length < 0) {
            throw new IllegalArgumentException("body producer length < 0: " + length + " (" + bodyProducer + ")");
        }
        return writeWithLength(transport, length);
    }

    private byte[] head(String framing) {
        List<String> hosts = headers.getRawHeaders("host");
        if (hosts == null || hosts.size() != 1) {
            throw new IllegalArgumentException("exactly one Host header required, not " + hosts + " in "
                    + method + " " + uri);
        }
        StringBuilder b = new StringBuilder(256);
        b.append(method).append(' ').append(uri).append(" HTTP/1.1\r\n");
        if (!persistent) {
            b.append("Connection: close\r\n");
        }
        if (framing != null) {
            b.append(framing);
        }
        headers.forEachRawHeader((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            // The body's framing is ours alone: a second one would let the body smuggle a request.
            if (!lower.equals("content-length") && !lower.equals("transfer-encoding")) {
                b.append(name).append(": ").append(value).append("\r\n");
            }
        });
        b.append("\r\n");
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private Deferred<Void> writeChunked(ITransport transport) {
        transport.write(head("Transfer-Encoding: chunked\r\n"));
        ChunkedEncoder encoder = new ChunkedEncoder(transport);
        transport.registerProducer(bodyProducer, true);
        Deferred<Void> producing = startProducing(encoder);
        Deferred<Void> written = new Deferred<>(d -> producing.cancel());
        producing.addCallbacks(ignored -> {
            encoder.allowNoMoreWrites();
            transport.write(LAST_CHUNK);
            transport.unregisterProducer();
            written.callback(null);
            return null;
        }, f -> {
            encoder.allowNoMoreWrites();
            transport.unregisterProducer();
            written.errback(f);
            return null;
        });
        return written;
    }

    private Deferred<Void> writeWithLength(ITransport transport, long length) {
        transport.write(head("Content-Length: " + length + "\r\n"));
        Deferred<Void>[] producingRef = new Deferred[1];
        Deferred<Void> written = new Deferred<>(d -> {
            if (producingRef[0] != null) {
                producingRef[0].cancel();
            }
        });
        boolean[] registered = {true};
        Runnable unregister = () -> {
            if (registered[0]) {
                registered[0] = false;
                transport.unregisterProducer();
            }
        };
        LengthEnforcingConsumer encoder = new LengthEnforcingConsumer(bodyProducer, transport, length, error -> {
            if (!written.called()) {
                unregister.run();
                written.errback(error);
            }
        });
        transport.registerProducer(bodyProducer, true);
        Deferred<Void> producing = startProducing(encoder);
        producingRef[0] = producing;
        producing.addCallbacks(ignored -> {
            if (!written.called()) {
                unregister.run();
                try {
                    encoder.noMoreWritesExpected();
                } catch (WrongBodyLength e) {
                    written.errback(e);
                    return null;
                }
                written.callback(null);
            }
            return null;
        }, f -> {
            encoder.allowNoMoreWrites();
            if (!written.called()) {
                unregister.run();
                written.errback(f);
            } else {
                log.error("{} failed after its request was finished: {}", bodyProducer, f.getErrorMessage(), f.value());
            }
            return null;
        });
        return written;
    }

    private Deferred<Void> startProducing(IConsumer consumer) {
        try {
            Deferred<Void> d = bodyProducer.startProducing(consumer);
            return d != null ? d
                    : Defer.fail(new IllegalStateException(bodyProducer + ".startProducing returned null"));
        } catch (Throwable t) {
            return Defer.fail(t);
        }
    }

    /**
     * Stops writing: the connection is gone or the request cancelled. Twisted:
     * {@code Request.stopWriting}.
     */
    void stopWriting() {
        if (bodyProducer != null) {
            try {
                bodyProducer.stopProducing();
            } catch (Throwable t) {
                log.error("{}.stopProducing raised; ignoring it", bodyProducer, t);
            }
        }
    }

    @Override
    public String toString() {
        return "Request(" + method + " " + (parsedURI != null ? parsedURI : uri) + ")";
    }

    /**
     * Frames each write as a chunk. Twisted: {@code _newclient.ChunkedEncoder}.
     */
    private static final class ChunkedEncoder implements IConsumer {
        private ITransport transport;

        ChunkedEncoder(ITransport transport) {
            this.transport = transport;
        }

        void allowNoMoreWrites() {
            transport = null;
        }

        @Override
        public void write(byte[] data) {
            if (transport == null) {
                throw new IllegalStateException("a request body was written to after it ended (ExcessWrite)");
            }
            if (data.length > 0) {
                transport.writeSequence(List.of(
                        Long.toHexString(data.length).getBytes(StandardCharsets.US_ASCII), CRLF, data, CRLF));
            }
        }

        @Override
        public void registerProducer(IProducer producer, boolean streaming) {
            // The request registers the body producer with the transport itself.
        }

        @Override
        public void unregisterProducer() {}
    }

    /**
     * Passes exactly {@code length} bytes through; more fails the request with
     * {@link WrongBodyLength} and stops the producer. Twisted: {@code LengthEnforcingConsumer}.
     */
    private static final class LengthEnforcingConsumer implements IConsumer {
        private final IBodyProducer producer;
        private final ITransport transport;
        private final java.util.function.Consumer<Throwable> failed;
        private long remaining;
        private boolean closed;

        LengthEnforcingConsumer(IBodyProducer producer, ITransport transport, long length,
                java.util.function.Consumer<Throwable> failed) {
            this.producer = producer;
            this.transport = transport;
            this.remaining = length;
            this.failed = failed;
        }

        void allowNoMoreWrites() {
            closed = true;
        }

        @Override
        public void write(byte[] data) {
            if (closed) {
                producer.stopProducing();
                throw new IllegalStateException("a request body was written to after it ended (ExcessWrite)");
            }
            if (data.length <= remaining) {
                remaining -= data.length;
                transport.write(data);
            } else {
                closed = true;
                try {
                    producer.stopProducing();
                } catch (Throwable t) {
                    log.error("{}.stopProducing raised; ignoring it", producer, t);
                }
                failed.accept(new WrongBodyLength("too many bytes written: " + producer + " said "
                        + producer.length() + " and wrote " + (producer.length() - remaining + data.length)));
            }
        }

        void noMoreWritesExpected() {
            if (!closed) {
                closed = true;
                if (remaining != 0) {
                    throw new WrongBodyLength("too few bytes written: " + producer + " said " + producer.length()
                            + " and wrote " + (producer.length() - remaining));
                }
            }
        }

        @Override
        public void registerProducer(IProducer producer, boolean streaming) {}

        @Override
        public void unregisterProducer() {}
    }
}
