package dev.jtwisted.internet.endpoints;

import dev.jtwisted.internet.endpoints.Descriptions.Signature;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed {@code unix:} server description: the socket's path, the mode of its file, the listen
 * queue length, and whether to hold a PID lock file beside it. What a
 * {@link UNIXServerEndpoint} is built from.
 *
 * <p>Twisted: what {@code endpoints._parseUNIX} returns, the arguments of
 * {@code UNIXServerEndpoint}.
 *
 * @param address the socket's path (any string, as in Twisted)
 * @param mode the socket file's permission bits, 0 to 0o7777 (default 0o666)
 * @param backlog the listen queue length, 0 or more (default 50)
 * @param wantPID whether to create a PID lock file; {@code lockfile=} in descriptions (default true)
 */
public record UNIXServerDescription(String address, int mode, int backlog, boolean wantPID) {
    private static final Signature SIGNATURE = new Signature(
            "unix server endpoints", 1, "address", "mode", "backlog", "lockfile");

    /** @throws IllegalArgumentException if {@code mode} or {@code backlog} is out of range */
    public UNIXServerDescription {
        Objects.requireNonNull(address, "address");
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException(
                    "mode 0o" + Integer.toOctalString(mode) + " is out of range 0o0..0o7777");
        }
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog must be 0 or more: " + backlog);
        }
    }

    /**
     * Parses the arguments after {@code unix:}: {@code address[:mode[:backlog[:lockfile]]]}, each
     * also as a keyword; {@code mode} is octal, {@code lockfile} is 0 or 1.
     * Example: {@code unix:/var/run/finger:mode=660:lockfile=1}.
     *
     * <p>Twisted: {@code endpoints._parseUNIX}.
     *
     * @throws EndpointDescriptionError naming the bad argument
     */
    public static UNIXServerDescription parse(List<String> args, Map<String, String> kwargs) {
        Map<String, String> a = SIGNATURE.bind(args, kwargs);
        return new UNIXServerDescription(
                a.get("address"),
                a.containsKey("mode") ? (int) Descriptions.integer("mode", a.get("mode"), 8, 0, 07777) : 0666,
                a.containsKey("backlog") ? Descriptions.backlog(a.get("backlog")) : 50,
                !a.containsKey("lockfile") || Descriptions.flag("lockfile", a.get("lockfile")));
    }

    /** Shows the mode in octal. */
    @Override
    public String toString() {
        return "UNIXServerDescription[address=" + address + ", mode=0o" + Integer.toOctalString(mode)
                + ", backlog=" + backlog + ", wantPID=" + wantPID + "]";
    }
}
