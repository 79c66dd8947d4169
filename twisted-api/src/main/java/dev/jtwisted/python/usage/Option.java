package dev.jtwisted.python.usage;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One {@code --name} option a command accepts: a flag, or an option with a value that is
 * checked when the command line is parsed. Build them with the factories.
 *
 * <p>On the command line a value follows as the next argument ({@code --port 8000}) or after an
 * equals sign ({@code --port=8000}); a flag takes no value ({@code --verbose}).
 *
 * <p>Twisted: an entry of {@code usage.Options.optFlags} or {@code optParameters}.
 */
public final class Option {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    /** Hex digits and colons, with at least one colon; dots for an embedded IPv4 address. */
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");

    /** Checks a value given on the command line; throws {@link UsageError} naming it. */
    @FunctionalInterface
    interface Check {
        void check(Option option, String value);
    }

    private final String name;
    private final String metavar;
    private final String help;
    private final String defaultValue;
    private final Check check;

    private Option(String name, String metavar, String help, String defaultValue, Check check) {
        this.name = checkName(name);
        this.metavar = metavar;
        this.help = Objects.requireNonNull(help, "help");
        this.defaultValue = defaultValue;
        this.check = check;
        if (defaultValue != null) {
            try {
                check.check(this, defaultValue);
            } catch (UsageError e) {
                throw new IllegalArgumentException("bad default: " + e.getMessage(), e);
            }
        }
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "option name must be lower case words joined by dashes, without the leading --: '"
                            + name + "'");
        }
        if (name.equals("help")) {
            throw new IllegalArgumentException("--help is built in; do not declare it");
        }
        return name;
    }

    /** {@code --name}, true when given. Twisted: an {@code optFlags} entry. */
    public static Option flag(String name, String help) {
        return new Option(name, null, help, null, (option, value) -> { });
    }

    /**
     * {@code --name VALUE}, any string.
     *
     * @param metavar what the value is called in help, e.g. {@code FILE}
     * @param defaultValue the value when not given; may be null (then {@link Args#value} is null)
     */
    public static Option value(String name, String metavar, String help, String defaultValue) {
        Objects.requireNonNull(metavar, "metavar");
        return new Option(name, metavar, help, defaultValue, (option, value) -> { });
    }

    /** {@code --name N}, an integer from {@code min} to {@code max}. */
    public static Option integer(String name, String metavar, String help, int defaultValue, int min, int max) {
        Objects.requireNonNull(metavar, "metavar");
        if (min > max) {
            throw new IllegalArgumentException("min (" + min + ") > max (" + max + ") for --" + name);
        }
        return new Option(name, metavar, help, Integer.toString(defaultValue), (option, value) -> {
            String problem = option.flagName() + " must be an integer from " + min + " to " + max
                    + ", not '" + value + "'";
            int n;
            try {
                n = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new UsageError(problem);
            }
            if (n < min || n > max) {
                throw new UsageError(problem);
            }
        });
    }

    /**
     * {@code --name VALUE}, one of {@code choices}, spelled exactly.
     *
     * @param defaultValue the value when not given: one of the choices, or null
     * @throws IllegalArgumentException if there are no choices
     */
    public static Option choice(String name, String metavar, String help, String defaultValue,
            List<String> choices) {
        Objects.requireNonNull(metavar, "metavar");
        List<String> allowed = List.copyOf(choices);
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("no choices for --" + name);
        }
        return new Option(name, metavar, help, defaultValue, (option, value) -> {
            if (!allowed.contains(value)) {
                throw new UsageError(option.flagName() + " must be one of " + String.join(", ", allowed)
                        + "; not '" + value + "'");
            }
        });
    }

    /**
     * {@code --port N}: the TCP port a server listens on, 0 to 65535, where 0 lets the system
     * pick any free port (the server should then say which port it got).
     */
    public static Option port(int defaultPort) {
        return integer("port", "N", "TCP port to listen on; 0 picks any free port", defaultPort, 0, 65535);
    }

    /**
     * {@code --interface ADDR}: the IP address a server listens on, as the {@code interface}
     * keyword of a Twisted endpoint: an IPv4 literal such as {@code 127.0.0.1} ({@code 0.0.0.0}
     * for every interface) or an IPv6 one such as {@code ::1} ({@code ::} for every interface).
     * Host names are refused, so that parsing the command line looks nothing up.
     */
    public static Option interfaceAddress(String defaultAddress) {
        return new Option("interface", "ADDR", "IP address to listen on; 0.0.0.0 for every interface",
                defaultAddress, (option, value) -> {
                    if (!isIpLiteral(value)) {
                        throw new UsageError(option.flagName()
                                + " must be an IP address such as 127.0.0.1 or ::1, not '" + value + "'");
                    }
                });
    }

    /** An IPv4 dotted quad, or an IPv6 literal (whose parsing never asks DNS, as it has a ':'). */
    static boolean isIpLiteral(String value) {
        if (IPV4.matcher(value).matches()) {
            return true;
        }
        if (!IPV6_CHARS.matcher(value).matches()) {
            return false;
        }
        try {
            InetAddress.getByName(value);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The name, without the leading {@code --}: {@code port}. */
    public String name() {
        return name;
    }

    /** What the value is called in help, e.g. {@code N}; null for a flag. */
    public String metavar() {
        return metavar;
    }

    /** One line for the help. */
    public String help() {
        return help;
    }

    /** The value when the option is not given; null when it then has none (and for a flag). */
    public String defaultValue() {
        return defaultValue;
    }

    /** Whether it is a flag, which takes no value. */
    public boolean isFlag() {
        return metavar == null;
    }

    /** {@code --name}, as typed on the command line. */
    public String flagName() {
        return "--" + name;
    }

    /** Checks a value given for this option; throws {@link UsageError} naming it. */
    void check(String value) {
        check.check(this, value);
    }

    @Override
    public String toString() {
        return isFlag() ? flagName() : flagName() + " " + metavar;
    }
}
