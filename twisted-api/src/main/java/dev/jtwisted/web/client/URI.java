package dev.jtwisted.web.client;

import java.util.Locale;
import java.util.Objects;

/**
 * An absolute URI taken apart the way an HTTP client needs it: scheme, host, port (the
 * scheme's default when absent), and the path and query that go on the request line. Immutable.
 *
 * <p>Twisted: {@code twisted.web.client.URI}; {@link #fromString} is {@code URI.fromBytes}.
 */
public final class URI {
    private final String scheme;
    private final String netloc;
    private final String host;
    private final int port;
    private final String path;
    private final String query;
    private final String fragment;

    private URI(String scheme, String netloc, String host, int port, String path, String query, String fragment) {
        this.scheme = scheme;
        this.netloc = netloc;
        this.host = host;
        this.port = port;
        this.path = path;
        this.query = query;
        this.fragment = fragment;
    }

    /**
     * Parses {@code uri}, such as {@code http://example.com:8080/a/b?c=d}. The scheme is
     * lower-cased; the port defaults to 443 for {@code https} and 80 otherwise; an empty path
     * becomes "/"; user information before '@' is dropped.
     *
     * @throws IllegalArgumentException if it is not an absolute URI with a host, has a bad
     *     port, or holds spaces or control characters; the message quotes it
     */
    public static URI fromString(String uri) {
        Objects.requireNonNull(uri, "uri");
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw bad(uri, "it holds a space or control character at index " + i);
            }
        }
        int sep = uri.indexOf("://");
        if (sep <= 0) {
            throw bad(uri, "it is not absolute (no scheme://)");
        }
        String scheme = uri.substring(0, sep).toLowerCase(Locale.ROOT);
        for (int i = 0; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
            if (!ok) {
                throw bad(uri, "its scheme '" + uri.substring(0, sep) + "' is malformed");
            }
        }
        int start = sep + 3;
        int end = start;
        while (end < uri.length() && "/?#".indexOf(uri.charAt(end)) < 0) {
            end++;
        }
        String netloc = uri.substring(start, end);
        String hostPort = netloc.substring(netloc.lastIndexOf('@') + 1);
        String host;
        String portText = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw bad(uri, "its IPv6 host has no closing ']'");
            }
            host = hostPort.substring(1, close);
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw bad(uri, "text follows its IPv6 host");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            portText = colon < 0 ? null : hostPort.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw bad(uri, "it has no host");
        }
        int port = "https".equals(scheme) ? 443 : 80;
        if (portText != null && !portText.isEmpty()) {
            port = parsePort(uri, portText);
        }
        String rest = uri.substring(end);
        String fragment = null;
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            fragment = rest.substring(hash + 1);
            rest = rest.substring(0, hash);
        }
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String path = rest.isEmpty() ? "/" : rest;
        return new URI(scheme, netloc, host, port, path, query, fragment);
    }

    private static int parsePort(String uri, String text) {
        if (text.length() > 5) {
            throw bad(uri, "its port '" + text + "' is out of range");
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                throw bad(uri, "its port '" + text + "' is not a number");
            }
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw bad(uri, "its port " + port + " is out of range");
        }
        return port;
    }

    private static IllegalArgumentException bad(String uri, String why) {
        return new IllegalArgumentException("malformed URI '" + uri + "': " + why);
    }

    /** The scheme, lower-cased: "http" or "https" for an Agent. */
    public String scheme() {
        return scheme;
    }

    /** The authority as written: {@code [user@]host[:port]}. */
    public String netloc() {
        return netloc;
    }

    /** The host, without the brackets of an IPv6 address. */
    public String host() {
        return host;
    }

    /** The port, or the scheme's default (443 for https, 80 otherwise). */
    public int port() {
        return port;
    }

    /** The path, "/" at least. */
    public String path() {
        return path;
    }

    /** The query after '?', or null. */
    public String query() {
        return query;
    }

    /** The fragment after '#', or null; never sent. */
    public String fragment() {
        return fragment;
    }

    /** What goes on the request line: the path and query. Twisted: {@code originForm}. */
    public String originForm() {
        return query == null ? path : path + "?" + query;
    }

    /** The URI without its fragment: what the request asked for. Twisted: {@code toBytes}. */
    @Override
    public String toString() {
        return scheme + "://" + netloc + originForm();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof URI && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
