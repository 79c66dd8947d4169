package dev.jtwisted.web.client;

import dev.jtwisted.web.http_headers.Headers;

/**
 * The request a response answers, as {@link IResponse#request()} reports it.
 *
 * <p>Twisted: {@code twisted.web.iweb.IClientRequest}.
 */
public interface IClientRequest {
    /** The method, such as "GET". */
    String method();

    /** The absolute URI requested, such as {@code http://example.com/a?b=c}. */
    String absoluteURI();

    /** The headers sent (the agent's {@code Host} included). Do not change them. */
    Headers headers();
}
