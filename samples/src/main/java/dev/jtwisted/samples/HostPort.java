package dev.jtwisted.samples;

import dev.jtwisted.python.usage.UsageError;
import java.util.Objects;

/**
 * Where a client sample connects, as given on its command line: {@code HOST:PORT}, such as
 * {@code 127.0.0.1:11211}, {@code localhost:8000} or, for an IPv6 literal, {@code [::1]:8000}.
 *
 * <p>Twisted: the {@code host, port} pair a client script passes to {@code connectTCP}.
 *
 * @param host a host name or IP literal, without brackets
 * @param port 1 to 65535
 */
public record HostPort(String host, int port) {

    /** @throws IllegalArgumentException on an empty host or a port out of range */
    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range 1-65535: " + port);
        }
    }

    /**
     * Parses {@code value}, the value of the option {@code option} (named in the error).
     *
     * @throws UsageError naming the option and the value, if it is not {@code HOST:PORT}
     */
    public static HostPort parse(String option, String value) {
        Objects.requireNonNull(value, option);
        String problem = option + " must be HOST:PORT, such as 127.0.0.1:8000 or [::1]:8000, not '" + value + "'";
        String host;
        String port;
        if (value.startsWith("[")) {
            int close = value.indexOf("]:");
            if (close < 0) {
                throw new UsageError(problem);
            }
            host = value.substring(1, close);
            port = value.substring(close + 2);
        } else {
            int colon = value.lastIndexOf(':');
            if (colon < 0 || value.indexOf(':') != colon) {
                throw new UsageError(problem);
            }
            host = value.substring(0, colon);
            port = value.substring(colon + 1);
        }
        int n;
        try {
            n = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new UsageError(problem);
        }
        if (host.isEmpty() || host.contains("[") || host.contains("]") || n < 1 || n > 65535) {
            throw new UsageError(problem);
        }
        return new HostPort(host, n);
    }

    /** {@code host:port}, with brackets around an IPv6 host. */
    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
