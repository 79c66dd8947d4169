package dev.jtwisted.python.usage;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed, already validated command line, as a command receives it from {@link ArgParser}:
 * option values (defaults filled in), flags and positional arguments.
 * Asking for an option the command did not declare is a programming error and throws
 * {@link IllegalArgumentException}.
 *
 * <p>Twisted: a parsed {@code usage.Options}, which is a dict of option values.
 */
public final class Args {
    private final Map<String, Option> declared;
    private final Map<String, String> values;
    private final Set<String> flags;
    private final List<String> positional;
    private final boolean helpRequested;

    Args(Map<String, Option> declared, Map<String, String> values, Set<String> flags,
            List<String> positional, boolean helpRequested) {
        this.declared = Map.copyOf(declared);
        this.values = Map.copyOf(values);
        this.flags = Set.copyOf(flags);
        this.positional = List.copyOf(positional);
        this.helpRequested = helpRequested;
    }

    /** True when the flag {@code --name} was given. */
    public boolean flag(String name) {
        Option option = declared(name);
        if (!option.isFlag()) {
            throw new IllegalArgumentException(option.flagName() + " takes a value; use value() or intValue()");
        }
        return flags.contains(name);
    }

    /**
     * The value of {@code --name}: as given, else its default.
     *
     * @return null when it was not given and has no default
     */
    public String value(String name) {
        Option option = declared(name);
        if (option.isFlag()) {
            throw new IllegalArgumentException(option.flagName() + " is a flag; use flag()");
        }
        return values.getOrDefault(name, option.defaultValue());
    }

    /**
     * The value of an {@link Option#integer} option (or its default), already range-checked.
     *
     * @throws IllegalArgumentException if the option has no value, or is not an integer option
     */
    public int intValue(String name) {
        String value = value(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " has no value and no default");
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " is not an integer option: '" + value + "'", e);
        }
    }

    /** The value of {@link Option#port}: 0 to 65535, 0 meaning any free port. */
    public int port() {
        return intValue("port");
    }

    /** The value of {@link Option#interfaceAddress}: an IP address literal. */
    public String interfaceAddress() {
        return value("interface");
    }

    /** The positional arguments, in order. */
    public List<String> positional() {
        return positional;
    }

    /**
     * True when {@code --help} (or {@code -h}) was given, before any mistake; the caller then
     * prints help instead of running, and the other values are incomplete.
     */
    public boolean helpRequested() {
        return helpRequested;
    }

    private Option declared(String name) {
        Objects.requireNonNull(name, "name");
        Option option = declared.get(name);
        if (option == null) {
            throw new IllegalArgumentException("no option --" + name + " was declared; declared: "
                    + new TreeSet<>(declared.keySet()));
        }
        return option;
    }

    @Override
    public String toString() {
        return "Args{values=" + values + ", flags=" + flags + ", positional=" + positional + "}";
    }
}
