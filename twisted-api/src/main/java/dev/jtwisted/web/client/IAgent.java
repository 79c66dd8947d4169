package dev.jtwisted.web.client;

import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.web.http_headers.Headers;

/**
 * Makes HTTP requests: {@link Agent}, and the agents that wrap one ({@link RedirectAgent}).
 *
 * <p>Twisted: {@code twisted.web.iweb.IAgent}.
 */
public interface IAgent {
    /**
     * Requests {@code uri} with {@code method}. The Deferred fires with the response once its
     * status and headers have arrived (the body follows through {@link IResponse#deliverBody}),
     * or fails; cancelling it before then aborts the connection.
     *
     * @param method such as "GET" or "POST": a token, in any case the server accepts
     * @param uri an absolute {@code http} or {@code https} URI
     * @param headers to send, or null; not changed (a copy gets the {@code Host} header)
     * @param bodyProducer the body, or null for none
     */
    Deferred<IResponse> request(String method, String uri, Headers headers, IBodyProducer bodyProducer);

    /** {@link #request(String, String, Headers, IBodyProducer)} without headers or body. */
    default Deferred<IResponse> request(String method, String uri) {
        return request(method, uri, null, null);
    }
}
