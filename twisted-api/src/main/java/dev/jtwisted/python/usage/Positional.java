package dev.jtwisted.python.usage;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One positional argument a command accepts: required or optional, single or repeated, or the
 * remainder of the command line. Only the last one may be optional, repeated or a remainder, so
 * every command line maps to them one way.
 *
 * <p>Twisted: the signature of {@code usage.Options.parseArgs}; a remainder is what
 * {@code subCommands} gets.
 */
public final class Positional {
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final String name;
    private final String help;
    /** How many values it takes at least: 0 or 1. */
    final int min;
    final boolean repeated;
    /** Takes everything from its first value on, options included, unparsed. */
    final boolean remainder;

    private Positional(String name, String help, int min, boolean repeated, boolean remainder) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("positional names are upper case, e.g. URL: '" + name + "'");
        }
        this.name = name;
        this.help = Objects.requireNonNull(help, "help");
        this.min = min;
        this.repeated = repeated;
        this.remainder = remainder;
    }

    /** Exactly one value. */
    public static Positional required(String name, String help) {
        return new Positional(name, help, 1, false, false);
    }

    /** Zero or one value; must come last. */
    public static Positional optional(String name, String help) {
        return new Positional(name, help, 0, false, false);
    }

    /** One value or more; must come last. */
    public static Positional oneOrMore(String name, String help) {
        return new Positional(name, help, 1, true, false);
    }

    /** Any number of values, none included; must come last. */
    public static Positional zeroOrMore(String name, String help) {
        return new Positional(name, help, 0, true, false);
    }

    /**
     * The rest of the command line, from the first positional argument on: a sub-command and its
     * own arguments. The parser stops there and hands over everything after it unparsed,
     * options and {@code --help} included, so the sub-command can parse them against its own
     * declarations. Zero values or more; must come last.
     *
     * <p>Twisted: {@code usage.Options.subCommands}, here without knowing the sub-commands.
     */
    public static Positional remainder(String name, String help) {
        return new Positional(name, help, 0, true, true);
    }

    /** The name, in upper case: {@code URL}. */
    public String name() {
        return name;
    }

    /** One line for the help. */
    public String help() {
        return help;
    }

    /** How it reads in a usage line: {@code URL}, {@code [URL]}, {@code URL...}, {@code [URL...]}. */
    String synopsis() {
        String s = repeated ? name + "..." : name;
        return min == 0 ? "[" + s + "]" : s;
    }

    @Override
    public String toString() {
        return synopsis();
    }
}
