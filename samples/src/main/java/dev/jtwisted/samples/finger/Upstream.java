package dev.jtwisted.samples.finger;

import dev.jtwisted.python.usage.UsageError;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The finger server a proxy asks: a host (a name, an IPv4 address, or an IPv6 one in
 * brackets) and a port, 79 when not given, as the tutorial's {@code FingerProxyServer(host,
 * port=79)}.
 */
record Upstream(String host, int port) {
    static final int FINGER_PORT = 79;

    private static final Pattern FORM = Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)]|([^\\s:\\[\\]]+))(?::(\\d{1,5}))?");

    /**
     * Reads {@code HOST:PORT}, {@code HOST}, {@code [V6]:PORT} or {@code [V6]}.
     *
     * @throws UsageError naming {@code --upstream} and the value if it is none of these
     */
    static Upstream parse(String value) {
        Matcher m = FORM.matcher(value);
        int port = -1;
        if (m.matches()) {
            port = m.group(3) == null ? FINGER_PORT : Integer.parseInt(m.group(3));
        }
        if (port < 1 || port > 65535) {
            throw new UsageError("--upstream must be HOST:PORT (port 1 to 65535; 79 if left out),"
                    + " such as 127.0.0.1:1079 or [::1]:1079, not '" + value + "'");
        }
        return new Upstream(m.group(1) != null ? m.group(1) : m.group(2), port);
    }

    /** {@code host:port}, an IPv6 host in brackets. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
