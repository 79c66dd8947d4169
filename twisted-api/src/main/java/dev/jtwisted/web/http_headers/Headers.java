package dev.jtwisted.web.http_headers;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The headers of a request or a response: names compare case-insensitively, each name has a
 * list of values in the order they came, and the collection keeps the order names first came in.
 *
 * <p>Values are Strings of Latin-1 characters, one per byte on the wire (which is how the bridge
 * reads and writes them). A carriage return or line feed in a name or value becomes a space, as
 * in Twisted, so a value can never inject a header of its own.
 *
 * <p>Threads: not thread-safe; a request's headers belong to its reactor thread.
 *
 * <p>Twisted: {@code twisted.web.http_headers.Headers}.
 */
public final class Headers {
    private static final Map<String, String> CASE_MAPPINGS = Map.of(
            "content-md5", "Content-MD5",
            "dnt", "DNT",
            "etag", "ETag",
            "p3p", "P3P",
            "te", "TE",
            "www-authenticate", "WWW-Authenticate",
            "x-xss-protection", "X-XSS-Protection");

    /** Lower-cased name to its values, in the order names were first added. */
    private final LinkedHashMap<String, List<String>> rawHeaders = new LinkedHashMap<>(16);

    /** No headers. */
    public Headers() {}

    /** Headers with {@code rawHeaders}' names and values (copied). */
    public Headers(Map<String, List<String>> rawHeaders) {
        for (Map.Entry<String, List<String>> e : rawHeaders.entrySet()) {
            setRawHeaders(e.getKey(), e.getValue());
        }
    }

    private static String key(String name) {
        Objects.requireNonNull(name, "name");
        // Most names are ASCII and many are lower-case already: skip the copy then.
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c >= 'A' && c <= 'Z') || c == '\r' || c == '\n' || c > 0x7f) {
                return sanitize(name).toLowerCase(Locale.ROOT);
            }
        }
        return name;
    }

    /** Replaces CR, LF and CRLF by a space. Twisted: {@code _sanitizeLinearWhitespace}. */
    static String sanitize(String s) {
        if (s.indexOf('\r') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return s.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
    }

    /** Whether there is a header named {@code name}. */
    public boolean hasHeader(String name) {
        return rawHeaders.containsKey(key(name));
    }

    /** Removes every value of {@code name}, if there are any. */
    public void removeHeader(String name) {
        rawHeaders.remove(key(name));
    }

    /** Replaces the values of {@code name} with {@code values} (copied; may be empty). */
    public void setRawHeaders(String name, List<String> values) {
        Objects.requireNonNull(values, "values");
        List<String> copy = new ArrayList<>(Math.max(values.size(), 1));
        for (String v : values) {
            copy.add(sanitize(Objects.requireNonNull(v, "value")));
        }
        rawHeaders.put(key(name), copy);
    }

    /** Replaces the values of {@code name} with the one {@code value}. */
    public void setRawHeader(String name, String value) {
        List<String> one = new ArrayList<>(1);
        one.add(sanitize(Objects.requireNonNull(value, "value")));
        rawHeaders.put(key(name), one);
    }

    /** Adds {@code value} after the values {@code name} has already. */
    public void addRawHeader(String name, String value) {
        String v = sanitize(Objects.requireNonNull(value, "value"));
        rawHeaders.computeIfAbsent(key(name), k -> new ArrayList<>(1)).add(v);
    }

    /** The values of {@code name} in order (a read-only view), or null if there are none. */
    public List<String> getRawHeaders(String name) {
        List<String> values = rawHeaders.get(key(name));
        return values == null ? null : Collections.unmodifiableList(values);
    }

    /** The values of {@code name} in order, or {@code defaultValue} if there are none. */
    public List<String> getRawHeaders(String name, List<String> defaultValue) {
        List<String> values = getRawHeaders(name);
        return values == null ? defaultValue : values;
    }

    /** The last value of {@code name}, or null; what {@code Request.getHeader} returns. */
    public String getLastRawHeader(String name) {
        List<String> values = rawHeaders.get(key(name));
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /**
     * Every header as (name, values), names in their canonical capitalisation
     * ({@code Content-Type}, {@code ETag}), in the order they were first added.
     */
    public Iterable<Map.Entry<String, List<String>>> getAllRawHeaders() {
        return () -> new Iterator<>() {
            private final Iterator<Map.Entry<String, List<String>>> it = rawHeaders.entrySet().iterator();

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Map.Entry<String, List<String>> next() {
                Map.Entry<String, List<String>> e = it.next();
                return new AbstractMap.SimpleImmutableEntry<>(
                        canonicalName(e.getKey()), Collections.unmodifiableList(e.getValue()));
            }
        };
    }

    /** How many names have values. */
    public int size() {
        return rawHeaders.size();
    }

    /** A copy that changes independently of this one. */
    public Headers copy() {
        Headers h = new Headers();
        for (Map.Entry<String, List<String>> e : rawHeaders.entrySet()) {
            h.rawHeaders.put(e.getKey(), new ArrayList<>(e.getValue()));
        }
        return h;
    }

    /**
     * {@code name} as it is sent: each dash-separated word capitalised, with Twisted's
     * exceptions. Twisted: {@code Headers._canonicalNameCaps}.
     */
    public static String canonicalName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String special = CASE_MAPPINGS.get(lower);
        if (special != null) {
            return special;
        }
        char[] chars = lower.toCharArray();
        boolean start = true;
        for (int i = 0; i < chars.length; i++) {
            if (start && chars[i] >= 'a' && chars[i] <= 'z') {
                chars[i] = (char) (chars[i] - 32);
            }
            start = chars[i] == '-';
        }
        return new String(chars);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers && ((Headers) o).rawHeaders.equals(rawHeaders);
    }

    @Override
    public int hashCode() {
        return rawHeaders.hashCode();
    }

    @Override
    public String toString() {
        return "Headers(" + rawHeaders + ")";
    }
}
