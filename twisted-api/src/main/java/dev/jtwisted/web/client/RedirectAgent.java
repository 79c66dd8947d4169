package dev.jtwisted.web.client;

import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.web.error.InfiniteRedirection;
import dev.jtwisted.web.error.PageRedirect;
import dev.jtwisted.web.error.RedirectWithNoLocation;
import dev.jtwisted.web.http_headers.Headers;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Wraps an agent to follow redirects, strictly: 301, 302, 307 and 308 only for GET and HEAD
 * (another method fails with {@link ResponseFailed} holding a {@link PageRedirect}), 303 for
 * any method, as a GET without body. A relative {@code Location} is resolved against the
 * request's URI; each response keeps the one that redirected to it as its
 * {@link IResponse#previousResponse()}. Headers carrying credentials ({@code Authorization},
 * {@code Cookie}...) are not sent on to another origin.
 *
 * <p>Fails with {@link ResponseFailed} holding an {@link InfiniteRedirection} after
 * {@code redirectLimit} redirects, and one holding a {@link RedirectWithNoLocation} for a
 * redirect without {@code Location}. The body of each redirect response is read and dropped
 * before the next request is made, so that a pooled connection is reused for it.
 *
 * <p>Twisted: {@code twisted.web.client.RedirectAgent}, which leaves redirect bodies unread.
 */
public class RedirectAgent implements IAgent {
    private static final Set<String> SENSITIVE_HEADERS = Set.of(
            "authorization", "cookie", "cookie2", "proxy-authorization", "www-authenticate");

    private final IAgent agent;
    private final int redirectLimit;
    private final Set<Integer> redirectResponses;
    private final Set<Integer> seeOtherResponses;

    /** Follows at most 20 redirects. */
    public RedirectAgent(IAgent agent) {
        this(agent, 20);
    }

    /**
     * @param redirectLimit the most redirects followed for one request
     * @throws IllegalArgumentException if {@code redirectLimit < 0}
     */
    public RedirectAgent(IAgent agent, int redirectLimit) {
        this(agent, redirectLimit, Set.of(301, 302, 307, 308), Set.of(303));
    }

    RedirectAgent(IAgent agent, int redirectLimit, Set<Integer> redirectResponses, Set<Integer> seeOtherResponses) {
        this.agent = Objects.requireNonNull(agent, "agent");
        if (redirectLimit < 0) {
            throw new IllegalArgumentException("redirectLimit < 0: " + redirectLimit);
        }
        this.redirectLimit = redirectLimit;
        this.redirectResponses = redirectResponses;
        this.seeOtherResponses = seeOtherResponses;
    }

    @Override
    public Deferred<IResponse> request(String method, String uri, Headers headers, IBodyProducer bodyProducer) {
        return agent.request(method, uri, headers, bodyProducer)
                .addCallbackDeferring(response -> handleResponse(response, method, uri, headers, 0));
    }

    private Deferred<IResponse> handleResponse(IResponse response, String method, String uri, Headers headers,
            int redirectCount) {
        if (redirectResponses.contains(response.code())) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                discardBody(response);
                return Defer.fail(new ResponseFailed(List.of(new Failure(new PageRedirect(response.code(),
                        response.phrase(), null, uri))), response));
            }
            return handleRedirect(response, method, uri, headers, redirectCount);
        } else if (seeOtherResponses.contains(response.code())) {
            return handleRedirect(response, "GET", uri, headers, redirectCount);
        }
        return Defer.succeed(response);
    }

    private Deferred<IResponse> handleRedirect(IResponse response, String method, String uri, Headers headers,
            int redirectCount) {
        return discardBody(response).addCallbackDeferring(
                ignored -> followRedirect(response, method, uri, headers, redirectCount));
    }

    private Deferred<IResponse> followRedirect(IResponse response, String method, String uri, Headers headers,
            int redirectCount) {
        if (redirectCount >= redirectLimit) {
            return Defer.fail(new ResponseFailed(List.of(new Failure(new InfiniteRedirection(response.code(),
                    "Infinite redirection detected (" + redirectLimit + " redirects followed)", uri))), response));
        }
        List<String> locations = response.headers().getRawHeaders("location");
        if (locations == null || locations.isEmpty()) {
            return Defer.fail(new ResponseFailed(List.of(new Failure(new RedirectWithNoLocation(response.code(),
                    "No location header field", uri))), response));
        }
        String location;
        try {
            location = resolveLocation(uri, locations.get(0));
        } catch (IllegalArgumentException e) {
            return Defer.fail(new ResponseFailed(List.of(new Failure(e)), response));
        }
        Headers next = headers;
        if (headers != null && !sameOrigin(uri, location)) {
            next = new Headers();
            for (Map.Entry<String, List<String>> e : headers.getAllRawHeaders()) {
                if (!SENSITIVE_HEADERS.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                    next.setRawHeaders(e.getKey(), e.getValue());
                }
            }
        }
        Headers sent = next;
        return agent.request(method, location, sent, null).addCallbackDeferring(newResponse -> {
            newResponse.setPreviousResponse(response);
            return handleResponse(newResponse, method, location, sent, redirectCount + 1);
        });
    }

    private static boolean sameOrigin(String a, String b) {
        try {
            URI x = URI.fromString(a);
            URI y = URI.fromString(b);
            return x.scheme().equals(y.scheme()) && x.host().equalsIgnoreCase(y.host()) && x.port() == y.port();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * {@code location} resolved against {@code requestURI} (RFC 3986 section 5); the request's
     * fragment is kept when the location has none. Twisted: {@code _urljoin}.
     *
     * @throws IllegalArgumentException if either is malformed
     */
    static String resolveLocation(String requestURI, String location) {
        try {
            java.net.URI base = new java.net.URI(requestURI);
            java.net.URI resolved = location.isEmpty() ? base : base.resolve(new java.net.URI(location));
            String s = resolved.toString();
            if (resolved.getRawFragment() == null && base.getRawFragment() != null) {
                s = s + "#" + base.getRawFragment();
            }
            // java.net.URI leaves "http://host" without a path after resolving "?q" or "".
            return s;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("bad redirect Location '" + location + "' from " + requestURI + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Reads and drops a redirect's body, so that its connection is done with it (and back in
     * its pool) before the next request; the Deferred fires when the body is over, however it
     * ended.
     */
    private static Deferred<Void> discardBody(IResponse response) {
        Deferred<Void> drained = new Deferred<>();
        try {
            response.deliverBody(new Protocol() {
                @Override
                public void connectionLost(Failure reason) {
                    drained.callback(null);
                }
            });
        } catch (IllegalStateException e) {
            // The body was already delivered elsewhere; nothing to drain.
            drained.callback(null);
        }
        return drained;
    }
}
