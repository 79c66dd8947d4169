package dev.jtwisted.internet.endpoints;

import dev.jtwisted.internet.endpoints.Descriptions.Signature;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed {@code unix:} client description: the socket's path, the connect timeout, and whether
 * to check the server's PID lock file first. What a {@link UNIXClientEndpoint} is built from.
 *
 * <p>Twisted: what {@code endpoints._parseClientUNIX} returns, the arguments of
 * {@code UNIXClientEndpoint}.
 *
 * @param path the socket's path (any string, as in Twisted)
 * @param timeout seconds to wait for the connection, 0 or more (default 30)
 * @param checkPID whether to check the PID lock file; {@code lockfile=} or {@code checkPID=}
 *     in descriptions (default false)
 */
public record UNIXClientDescription(String path, double timeout, boolean checkPID) {
    private static final Signature SIGNATURE = new Signature(
            "unix client endpoints", 1, 1, "path", "timeout", "checkPID", "lockfile");

    /** @throws IllegalArgumentException if {@code timeout} is negative or not finite */
    public UNIXClientDescription {
        Objects.requireNonNull(path, "path");
        if (!(timeout >= 0) || Double.isInfinite(timeout)) {
            throw new IllegalArgumentException("timeout must be a finite number of seconds >= 0: " + timeout);
        }
    }

    /**
     * Parses the arguments after {@code unix:}: the path (positionally or as {@code path=}), and
     * the keywords {@code timeout} (whole seconds) and {@code lockfile} (0 or 1; {@code checkPID}
     * is accepted as its other name). Example: {@code unix:path=/var/foo/bar:lockfile=1:timeout=9}.
     *
     * <p>Twisted: {@code endpoints._parseClientUNIX}, except that {@code checkPID=0} means false
     * here (Twisted keeps the string, which is true).
     *
     * @throws EndpointDescriptionError naming the bad argument
     */
    public static UNIXClientDescription parse(List<String> args, Map<String, String> kwargs) {
        Map<String, String> a = SIGNATURE.bind(args, kwargs);
        if (a.containsKey("lockfile") && a.containsKey("checkPID")) {
            throw new EndpointDescriptionError("lockfile and checkPID are one setting; give one: lockfile="
                    + a.get("lockfile") + ", checkPID=" + a.get("checkPID"));
        }
        boolean checkPID = false;
        if (a.containsKey("lockfile")) {
            checkPID = Descriptions.flag("lockfile", a.get("lockfile"));
        } else if (a.containsKey("checkPID")) {
            checkPID = Descriptions.flag("checkPID", a.get("checkPID"));
        }
        return new UNIXClientDescription(
                a.get("path"),
                a.containsKey("timeout") ? Descriptions.timeout(a.get("timeout")) : 30,
                checkPID);
    }
}
