package dev.jtwisted.samples.simpleclient;

import dev.jtwisted.internet.endpoints.Endpoints;
import dev.jtwisted.python.usage.UsageError;

/**
 * The server to connect to, from the command line's {@code HOST:PORT} ({@code [::1]:8000} for
 * an IPv6 literal).
 *
 * <p>Twisted: the training's {@code host, port = sys.argv[1].split(':')}, with the checks it
 * leaves to the traceback.
 */
record HostPort(String host, int port) {

    /**
     * @param argName what the value is called in messages, e.g. {@code ADDRESS}
     * @throws UsageError naming the value and what is wrong with it
     */
    static HostPort parse(String argName, String value) {
        int colon = value.lastIndexOf(':');
        String problem = argName + " must be HOST:PORT, e.g. 127.0.0.1:8000, not '" + value + "'";
        if (colon <= 0 || colon == value.length() - 1) {
            throw new UsageError(problem);
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || host.contains("[") || host.contains("]") || host.contains(" ")) {
            throw new UsageError(problem);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UsageError(problem);
        }
        if (port < 1 || port > 65535) {
            throw new UsageError(argName + "'s port must be from 1 to 65535, not " + port + " (in '" + value + "')");
        }
        return new HostPort(host, port);
    }

    /** The client endpoint description: {@code tcp:host=...:port=...}. */
    String clientDescription() {
        return "tcp:host=" + Endpoints.quoteStringArgument(host) + ":port=" + port;
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
