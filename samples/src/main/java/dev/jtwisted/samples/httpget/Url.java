package dev.jtwisted.samples.httpget;

import dev.jtwisted.internet.endpoints.Endpoints;
import dev.jtwisted.python.usage.UsageError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An {@code http://} URL taken apart for a request: where to connect, what to put in the
 * {@code Host} header, and the path (with its query) to ask for.
 *
 * @param host the host to connect to, an IPv6 literal without its brackets
 * @param port 80 unless the URL says otherwise
 * @param hostHeader the {@code Host} header: the host, and the port unless it is 80
 * @param path the request target: the URL's path ({@code /} if empty) and query, as written
 */
record Url(String host, int port, String hostHeader, String path) {

    /**
     * @throws UsageError naming the URL and what is wrong with it: not a URL, not {@code http},
     *     no host, a port out of range
     */
    static Url parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new UsageError("URL is not a valid URL: '" + url + "' (" + e.getReason() + " at index "
                    + e.getIndex() + ")");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if ("https".equals(scheme)) {
            throw new UsageError("URL must be http://; this client speaks plain HTTP, not TLS: '" + url + "'");
        }
        if (!"http".equals(scheme)) {
            throw new UsageError("URL must be an http:// URL, e.g. http://127.0.0.1:8000/, not '" + url + "'");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new UsageError("URL has no host (or a malformed one): '" + url + "'");
        }
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new UsageError("URL's port must be from 1 to 65535, not " + port + ": '" + url + "'");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String hostHeader = port == 80 ? host : host + ":" + port;
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return new Url(bare, port, hostHeader, path);
    }

    /** The client endpoint description: {@code tcp:host=...:port=...}. */
    String clientDescription() {
        return "tcp:host=" + Endpoints.quoteStringArgument(host) + ":port=" + port;
    }
}
