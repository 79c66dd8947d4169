package dev.jtwisted.web.http_headers;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The headers of a request or a response: names compare case-insensitively, each name has a
 * list of values in the order they came, and the collection keeps the order names first came in.
 *
 * <p>Values are Strings of Latin-1 characters, one per byte on the wire (which is how the bridge
 * reads and writes them). A carriage return or line feed in a name or value becomes a space, as
 * in Twisted, so a value can never inject a header of its own.
 *
 * <p>A request has a handful of headers, so they are kept in two small arrays searched in order:
 * no hashing, no lower-casing, and no list for a name with one value.
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
    /** Canonical names already worked out; bounded, since names can come from clients. */
    private static final ConcurrentHashMap<String, String> CANONICAL = new ConcurrentHashMap<>();
    private static final int CANONICAL_LIMIT = 1024;
    /** Lower-case literals and their canonical forms, compared by identity in {@link #canonicalName}. */
    private static final String[] COMMON = {
        "server", "Server", "date", "Date", "content-type", "Content-Type", "content-length", "Content-Length",
        "connection", "Connection", "location", "Location", "last-modified", "Last-Modified",
        "accept-ranges", "Accept-Ranges", "content-range", "Content-Range",
    };

    /** Names as first given (sanitised), in order. */
    private String[] names = new String[8];
    /** Each name's values: a String for one, an ArrayList of Strings for more. */
    private Object[] values = new Object[8];
    private int size;

    /** No headers. */
    public Headers() {}

    /** Headers with {@code rawHeaders}' names and values (copied). */
    public Headers(Map<String, List<String>> rawHeaders) {
        for (Map.Entry<String, List<String>> e : rawHeaders.entrySet()) {
            setRawHeaders(e.getKey(), e.getValue());
        }
    }

    /** Replaces CR, LF and CRLF by a space. Twisted: {@code _sanitizeLinearWhitespace}. */
    static String sanitize(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n') {
                return s.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
            }
        }
        return s;
    }

    private int indexOf(String name) {
        Objects.requireNonNull(name, "name");
        for (int i = 0; i < size; i++) {
            String n = names[i];
            if (n == name || n.equalsIgnoreCase(name)) {
                return i;
            }
        }
        if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0) {
            String clean = sanitize(name);
            for (int i = 0; i < size; i++) {
                if (names[i].equalsIgnoreCase(clean)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private void append(String name, Object value) {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = sanitize(name);
        values[size] = value;
        size++;
    }

    /** Whether there is a header named {@code name}. */
    public boolean hasHeader(String name) {
        return indexOf(name) >= 0;
    }

    /** Removes every value of {@code name}, if there are any. */
    public void removeHeader(String name) {
        int i = indexOf(name);
        if (i >= 0) {
            System.arraycopy(names, i + 1, names, i, size - i - 1);
            System.arraycopy(values, i + 1, values, i, size - i - 1);
            size--;
            names[size] = null;
            values[size] = null;
        }
    }

    /** Replaces the values of {@code name} with {@code values} (copied; may be empty). */
    public void setRawHeaders(String name, List<String> values) {
        Objects.requireNonNull(values, "values");
        ArrayList<String> copy = new ArrayList<>(Math.max(values.size(), 1));
        for (String v : values) {
            copy.add(sanitize(Objects.requireNonNull(v, "value")));
        }
        Object stored = copy.size() == 1 ? copy.get(0) : copy;
        int i = indexOf(name);
        if (i >= 0) {
            this.values[i] = stored;
        } else {
            append(name, stored);
        }
    }

    /** Replaces the values of {@code name} with the one {@code value}. */
    public void setRawHeader(String name, String value) {
        String v = sanitize(Objects.requireNonNull(value, "value"));
        int i = indexOf(name);
        if (i >= 0) {
            values[i] = v;
        } else {
            append(name, v);
        }
    }

    /** Adds {@code value} after the values {@code name} has already. */
    @SuppressWarnings("unchecked")
    public void addRawHeader(String name, String value) {
        String v = sanitize(Objects.requireNonNull(value, "value"));
        int i = indexOf(name);
        if (i < 0) {
            append(name, v);
            return;
        }
        Object existing = values[i];
        if (existing instanceof String) {
            ArrayList<String> list = new ArrayList<>(2);
            list.add((String) existing);
            list.add(v);
            values[i] = list;
        } else {
            ((ArrayList<String>) existing).add(v);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object stored) {
        return stored instanceof String ? List.of((String) stored)
                : Collections.unmodifiableList((ArrayList<String>) stored);
    }

    /** The values of {@code name} in order (a read-only view), or null if there are none. */
    public List<String> getRawHeaders(String name) {
        int i = indexOf(name);
        return i < 0 ? null : list(values[i]);
    }

    /** The values of {@code name} in order, or {@code defaultValue} if there are none. */
    public List<String> getRawHeaders(String name, List<String> defaultValue) {
        List<String> v = getRawHeaders(name);
        return v == null ? defaultValue : v;
    }

    /** The last value of {@code name}, or null; what {@code Request.getHeader} returns. */
    @SuppressWarnings("unchecked")
    public String getLastRawHeader(String name) {
        int i = indexOf(name);
        if (i < 0) {
            return null;
        }
        Object stored = values[i];
        if (stored instanceof String) {
            return (String) stored;
        }
        ArrayList<String> list = (ArrayList<String>) stored;
        return list.isEmpty() ? null : list.get(list.size() - 1);
    }

    /**
     * Every header as (name, values), names in their canonical capitalisation
     * ({@code Content-Type}, {@code ETag}), in the order they were first added.
     */
    public Iterable<Map.Entry<String, List<String>>> getAllRawHeaders() {
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Map.Entry<String, List<String>> next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                int i = next++;
                return new AbstractMap.SimpleImmutableEntry<>(canonicalName(names[i]), list(values[i]));
            }
        };
    }

    /**
     * Calls {@code action} with each (canonical name, value) pair, a name once per value, in
     * order: what a response's head is written from.
     */
    @SuppressWarnings("unchecked")
    public void forEachRawHeader(BiConsumer<String, String> action) {
        for (int i = 0; i < size; i++) {
            String name = canonicalName(names[i]);
            Object stored = values[i];
            if (stored instanceof String) {
                action.accept(name, (String) stored);
            } else {
                for (String v : (ArrayList<String>) stored) {
                    action.accept(name, v);
                }
            }
        }
    }

    /** How many names have values. */
    public int size() {
        return size;
    }

    /** A copy that changes independently of this one. */
    @SuppressWarnings("unchecked")
    public Headers copy() {
        Headers h = new Headers();
        h.names = Arrays.copyOf(names, Math.max(size, 8));
        h.values = Arrays.copyOf(values, Math.max(size, 8));
        h.size = size;
        for (int i = 0; i < size; i++) {
            if (h.values[i] instanceof ArrayList) {
                h.values[i] = new ArrayList<>((ArrayList<String>) h.values[i]);
            }
        }
        return h;
    }

    /**
     * {@code name} as it is sent: each dash-separated word capitalised, with Twisted's
     * exceptions. Twisted: {@code Headers._canonicalNameCaps}.
     */
    public static String canonicalName(String name) {
        // The names Request itself sets, by identity: no hashing on the path of every response.
        for (int i = 0; i < COMMON.length; i += 2) {
            if (COMMON[i] == name) {
                return COMMON[i + 1];
            }
        }
        String cached = CANONICAL.get(name);
        if (cached != null) {
            return cached;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String canonical = CASE_MAPPINGS.get(lower);
        if (canonical == null) {
            char[] chars = lower.toCharArray();
            boolean start = true;
            for (int i = 0; i < chars.length; i++) {
                if (start && chars[i] >= 'a' && chars[i] <= 'z') {
                    chars[i] = (char) (chars[i] - 32);
                }
                start = chars[i] == '-';
            }
            canonical = new String(chars);
        }
        if (CANONICAL.size() < CANONICAL_LIMIT) {
            CANONICAL.put(name, canonical);
        }
        return canonical;
    }

    /** Equal when they have the same names (ignoring case) with the same values in the same order. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Headers)) {
            return false;
        }
        Headers other = (Headers) o;
        if (other.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            int j = other.indexOf(names[i]);
            if (j < 0 || !list(values[i]).equals(list(other.values[j]))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < size; i++) {
            h += names[i].toLowerCase(Locale.ROOT).hashCode() ^ list(values[i]).hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Headers({");
        for (int i = 0; i < size; i++) {
            b.append(i > 0 ? ", " : "").append(names[i].toLowerCase(Locale.ROOT)).append('=').append(list(values[i]));
        }
        return b.append("})").toString();
    }
}
