package dev.jtwisted.samples;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One positional argument a {@link Sample} accepts: required or optional, single or repeated.
 * Only the last one may be optional or repeated, so every command line maps to them one way.
 *
 * <p>Twisted: the signature of {@code usage.Options.parseArgs}.
 */
public final class Positional {
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    final String name;
    final String help;
    /** How many values it takes at least: 0 or 1. */
    final int min;
    final boolean repeated;

    private Positional(String name, String help, int min, boolean repeated) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("positional names are upper case, e.g. URL: '" + name + "'");
        }
        this.name = name;
        this.help = Objects.requireNonNull(help, "help");
        this.min = min;
        this.repeated = repeated;
    }

    /** Exactly one value. */
    public static Positional required(String name, String help) {
        return new Positional(name, help, 1, false);
    }

    /** Zero or one value; must come last. */
    public static Positional optional(String name, String help) {
        return new Positional(name, help, 0, false);
    }

    /** One value or more; must come last. */
    public static Positional oneOrMore(String name, String help) {
        return new Positional(name, help, 1, true);
    }

    /** Any number of values, none included; must come last. */
    public static Positional zeroOrMore(String name, String help) {
        return new Positional(name, help, 0, true);
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
