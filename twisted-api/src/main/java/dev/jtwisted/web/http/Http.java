package dev.jtwisted.web.http;

import dev.jtwisted.web.server.Request;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The functions and constants of Twisted's {@code http} module: status codes, their reason
 * phrases, HTTP dates and the combined log format. Ported code reads {@code http.NOT_FOUND} as
 * {@code Http.NOT_FOUND}.
 *
 * <p>Twisted: {@code twisted.web.http} (module level).
 */
public final class Http {
    private Http() {}

    // Status codes, with Twisted's names.
    public static final int CONTINUE = 100;
    public static final int SWITCHING = 101;
    public static final int OK = 200;
    public static final int CREATED = 201;
    public static final int ACCEPTED = 202;
    public static final int NON_AUTHORITATIVE_INFORMATION = 203;
    public static final int NO_CONTENT = 204;
    public static final int RESET_CONTENT = 205;
    public static final int PARTIAL_CONTENT = 206;
    public static final int MULTI_STATUS = 207;
    public static final int MULTIPLE_CHOICE = 300;
    public static final int MOVED_PERMANENTLY = 301;
    public static final int FOUND = 302;
    public static final int SEE_OTHER = 303;
    public static final int NOT_MODIFIED = 304;
    public static final int USE_PROXY = 305;
    public static final int TEMPORARY_REDIRECT = 307;
    public static final int PERMANENT_REDIRECT = 308;
    public static final int BAD_REQUEST = 400;
    public static final int UNAUTHORIZED = 401;
    public static final int PAYMENT_REQUIRED = 402;
    public static final int FORBIDDEN = 403;
    public static final int NOT_FOUND = 404;
    public static final int NOT_ALLOWED = 405;
    public static final int NOT_ACCEPTABLE = 406;
    public static final int PROXY_AUTH_REQUIRED = 407;
    public static final int REQUEST_TIMEOUT = 408;
    public static final int CONFLICT = 409;
    public static final int GONE = 410;
    public static final int LENGTH_REQUIRED = 411;
    public static final int PRECONDITION_FAILED = 412;
    public static final int REQUEST_ENTITY_TOO_LARGE = 413;
    public static final int REQUEST_URI_TOO_LONG = 414;
    public static final int UNSUPPORTED_MEDIA_TYPE = 415;
    public static final int REQUESTED_RANGE_NOT_SATISFIABLE = 416;
    public static final int EXPECTATION_FAILED = 417;
    /** Not in Twisted 22.4 (RFC 6585): the request's headers are over the site's limit. */
    public static final int REQUEST_HEADER_FIELDS_TOO_LARGE = 431;
    public static final int INTERNAL_SERVER_ERROR = 500;
    public static final int NOT_IMPLEMENTED = 501;
    public static final int BAD_GATEWAY = 502;
    public static final int SERVICE_UNAVAILABLE = 503;
    public static final int GATEWAY_TIMEOUT = 504;
    public static final int HTTP_VERSION_NOT_SUPPORTED = 505;
    public static final int INSUFFICIENT_STORAGE_SPACE = 507;
    public static final int NOT_EXTENDED = 510;

    /** Status codes whose responses never have a body. Twisted: {@code NO_BODY_CODES}. */
    public static boolean isNoBodyCode(int code) {
        return code == NO_CONTENT || code == NOT_MODIFIED || (code >= 100 && code < 200);
    }

    /** Each status code's reason phrase, as Twisted spells them. Twisted: {@code RESPONSES}. */
    public static final Map<Integer, String> RESPONSES;

    static {
        Map<Integer, String> r = new HashMap<>();
        r.put(100, "Continue");
        r.put(101, "Switching Protocols");
        r.put(200, "OK");
        r.put(201, "Created");
        r.put(202, "Accepted");
        r.put(203, "Non-Authoritative Information");
        r.put(204, "No Content");
        r.put(205, "Reset Content.");
        r.put(206, "Partial Content");
        r.put(207, "Multi-Status");
        r.put(300, "Multiple Choices");
        r.put(301, "Moved Permanently");
        r.put(302, "Found");
        r.put(303, "See Other");
        r.put(304, "Not Modified");
        r.put(305, "Use Proxy");
        r.put(307, "Temporary Redirect");
        r.put(308, "Permanent Redirect");
        r.put(400, "Bad Request");
        r.put(401, "Unauthorized");
        r.put(402, "Payment Required");
        r.put(403, "Forbidden");
        r.put(404, "Not Found");
        r.put(405, "Method Not Allowed");
        r.put(406, "Not Acceptable");
        r.put(407, "Proxy Authentication Required");
        r.put(408, "Request Time-out");
        r.put(409, "Conflict");
        r.put(410, "Gone");
        r.put(411, "Length Required");
        r.put(412, "Precondition Failed");
        r.put(413, "Request Entity Too Large");
        r.put(414, "Request-URI Too Long");
        r.put(415, "Unsupported Media Type");
        r.put(416, "Requested Range not satisfiable");
        r.put(417, "Expectation Failed");
        r.put(431, "Request Header Fields Too Large");
        r.put(500, "Internal Server Error");
        r.put(501, "Not Implemented");
        r.put(502, "Bad Gateway");
        r.put(503, "Service Unavailable");
        r.put(504, "Gateway Time-out");
        r.put(505, "HTTP Version not supported");
        r.put(507, "Insufficient Storage Space");
        r.put(510, "Not Extended");
        RESPONSES = Collections.unmodifiableMap(r);
    }

    /** The reason phrase of {@code code}, or {@code "Unknown Status"} as Twisted says. */
    public static String responsePhrase(int code) {
        return RESPONSES.getOrDefault(code, "Unknown Status");
    }

    /**
     * The arguments of a query string or a urlencoded form, Twisted's way: items split at
     * {@code &} and {@code ;}, an item without {@code =} dropped, blank values kept only if
     * {@code keepBlankValues}, {@code +} a space, percent escapes decoded (as UTF-8). Each name
     * gets its values in order. Twisted: {@code http.parse_qs}.
     */
    public static Map<String, List<String>> parse_qs(String qs, boolean keepBlankValues) {
        Map<String, List<String>> d = new LinkedHashMap<>();
        int start = 0;
        int n = qs.length();
        while (start <= n) {
            int end = start;
            while (end < n && qs.charAt(end) != '&' && qs.charAt(end) != ';') {
                end++;
            }
            int eq = qs.indexOf('=', start);
            if (eq >= 0 && eq < end && (eq + 1 < end || keepBlankValues)) {
                String k = unquote(qs.substring(start, eq).replace('+', ' '));
                String v = unquote(qs.substring(eq + 1, end).replace('+', ' '));
                d.computeIfAbsent(k, x -> new ArrayList<>(1)).add(v);
            }
            start = end + 1;
        }
        return d;
    }

    /**
     * {@code s} with its percent escapes decoded as UTF-8 (a malformed sequence becomes U+FFFD,
     * an escape that is not two hex digits stays as it is). Twisted: {@code urllib.parse.unquote}
     * to bytes, which Java decodes.
     */
    public static String unquote(String s) {
        int pct = s.indexOf('%');
        if (pct < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '%' && i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
                out.write(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /**
     * {@code s} percent-encoded for a URL path segment: everything but unreserved characters
     * ({@code A-Z a-z 0-9 - . _ ~}) escaped, as UTF-8. Twisted: {@code quote(segment, safe=b"")}.
     */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }

    private static final String[] WEEKDAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    /** The last second {@link #datetimeToString()} formatted, and its text. */
    private static volatile Object[] dateCache = {-1L, ""};

    /**
     * Now as an HTTP date, {@code Sun, 06 Nov 1994 08:49:37 GMT}: the {@code Date} header. The
     * text is cached for the current second. Twisted: {@code datetimeToString()}.
     */
    public static String datetimeToString() {
        long now = System.currentTimeMillis() / 1000;
        Object[] cached = dateCache;
        if ((Long) cached[0] == now) {
            return (String) cached[1];
        }
        String text = datetimeToString(now);
        dateCache = new Object[] {now, text};
        return text;
    }

    /** {@code secondsSinceEpoch} as an HTTP date. Twisted: {@code datetimeToString(msSinceEpoch)}. */
    public static String datetimeToString(long secondsSinceEpoch) {
        ZonedDateTime t = Instant.ofEpochSecond(secondsSinceEpoch).atZone(ZoneOffset.UTC);
        return String.format(Locale.ROOT, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                WEEKDAYS[t.getDayOfWeek().getValue() - 1], t.getDayOfMonth(),
                MONTHS[t.getMonthValue() - 1], t.getYear(), t.getHour(), t.getMinute(), t.getSecond());
    }

    /**
     * {@code secondsSinceEpoch} as the access log writes it, {@code [21/Nov/2026:10:00:00 +0000]}.
     * Twisted: {@code datetimeToLogString}.
     */
    public static String datetimeToLogString(long secondsSinceEpoch) {
        ZonedDateTime t = Instant.ofEpochSecond(secondsSinceEpoch).atZone(ZoneOffset.UTC);
        return String.format(Locale.ROOT, "[%02d/%s/%04d:%02d:%02d:%02d +0000]",
                t.getDayOfMonth(), MONTHS[t.getMonthValue() - 1], t.getYear(),
                t.getHour(), t.getMinute(), t.getSecond());
    }

    /**
     * Seconds since the epoch of an HTTP date in any of its three forms: RFC 1123
     * ({@code Sun, 06 Nov 1994 08:49:37 GMT}), RFC 850 ({@code Sunday, 06-Nov-94 08:49:37 GMT})
     * and asctime ({@code Sun Nov  6 08:49:37 1994}); the weekday is not checked and may be
     * missing. Twisted: {@code stringToDatetime}, rule for rule.
     *
     * @throws IllegalArgumentException if {@code dateString} is none of them
     */
    public static long stringToDatetime(String dateString) {
        String[] parts = dateString.trim().split("\\s+");
        if (parts.length == 0 || parts[0].length() < 3 || !isWeekday(parts[0].substring(0, 3))) {
            try {
                return stringToDatetime("Sun, " + dateString);
            } catch (IllegalArgumentException e) {
                // Not that either: go on and fail below with the original text.
            }
        }
        try {
            String day;
            String month;
            String time;
            int year;
            if ((parts.length == 5 || parts.length == 6) && isDigits(parts[1])) {
                day = parts[1];
                month = parts[2];
                year = Integer.parseInt(parts[3]);
                time = parts[4];
            } else if ((parts.length == 3 || parts.length == 4) && parts[1].contains("-")) {
                String[] dmy = parts[1].split("-");
                day = dmy[0];
                month = dmy[1];
                year = Integer.parseInt(dmy[2]);
                year += year < 69 ? 2000 : year < 100 ? 1900 : 0;
                time = parts[2];
            } else if (parts.length == 5) {
                day = parts[2];
                month = parts[1];
                year = Integer.parseInt(parts[4]);
                time = parts[3];
            } else {
                throw new IllegalArgumentException("Unknown datetime format " + dateString);
            }
            int m = monthIndex(month);
            String[] hms = time.split(":");
            if (m < 0 || hms.length != 3) {
                throw new IllegalArgumentException("Unknown datetime format " + dateString);
            }
            return ZonedDateTime.of(year, m + 1, Integer.parseInt(day), Integer.parseInt(hms[0]),
                    Integer.parseInt(hms[1]), Integer.parseInt(hms[2]), 0, ZoneOffset.UTC).toEpochSecond();
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("Unknown datetime format " + dateString, e);
        }
    }

    private static boolean isWeekday(String s) {
        for (String d : WEEKDAYS) {
            if (d.equalsIgnoreCase(s)) {
                return true;
            }
        }
        return false;
    }

    private static int monthIndex(String s) {
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equalsIgnoreCase(s)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    /**
     * One access-log line for {@code request} in the combined log format:
     * {@code 127.0.0.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "curl/7.88.1"}.
     * Quotes and backslashes in the quoted fields are escaped, and so are control characters,
     * so a client cannot forge a line.
     *
     * <p>Twisted: {@code combinedLogFormatter}, which quotes the address too; this one writes it
     * bare, as Apache's combined format (and every tool that reads it) has it.
     */
    public static String combinedLogFormatter(String timestamp, Request request) {
        Object client = request.getClientAddress();
        String ip = client instanceof dev.jtwisted.internet.IPAddress
                ? ((dev.jtwisted.internet.IPAddress) client).host() : "-";
        String referrer = request.getHeader("referer");
        String agent = request.getHeader("user-agent");
        long length = request.sentLength();
        StringBuilder line = new StringBuilder(128);
        line.append(escape(ip)).append(" - - ").append(timestamp).append(" \"")
                .append(escape(request.method())).append(' ').append(escape(request.uri())).append(' ')
                .append(escape(request.clientproto())).append("\" ").append(request.code()).append(' ')
                .append(length == 0 ? "-" : Long.toString(length)).append(" \"")
                .append(escape(referrer == null ? "-" : referrer)).append("\" \"")
                .append(escape(agent == null ? "-" : agent)).append('"');
        return line.toString();
    }

    /** As Python's repr inside double quotes: {@code "} and {@code \} escaped, controls as \xNN. */
    static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = null;
            if (c == '"' || c == '\\') {
                rep = "\\" + c;
            } else if (c < 0x20 || c == 0x7f || c > 0xff) {
                rep = c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t"
                        : c > 0xff ? String.format("\\u%04x", (int) c) : String.format("\\x%02x", (int) c);
            } else if (c >= 0x80) {
                rep = String.format("\\x%02x", (int) c);
            }
            if (rep != null) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                b.append(rep);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }
}
