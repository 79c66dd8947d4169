package dev.jtwisted.benchmarks.echo;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} command-line flags, checked against the names a main knows.
 * Small on purpose: the benchmark mains take a handful of numbers and nothing else. Public for
 * the web benchmark's mains.
 */
public final class Flags {
    private final Map<String, String> values = new HashMap<>();

    private Flags() {}

    /**
     * Parses {@code args} as {@code --name value} pairs.
     *
     * @throws IllegalArgumentException for a name not in {@code known}, or a name without a value
     */
    public static Flags parse(String[] args, Set<String> known) {
        Flags flags = new Flags();
        for (int i = 0; i < args.length; i += 2) {
            String arg = args[i];
            if (!arg.startsWith("--") || !known.contains(arg.substring(2))) {
                throw new IllegalArgumentException("unknown flag: " + arg + " (known: --" + String.join(", --", known) + ")");
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("flag without a value: " + arg);
            }
            flags.values.put(arg.substring(2), args[i + 1]);
        }
        return flags;
    }

    public String string(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    /**
     * @throws IllegalArgumentException if the value is not an integer, or is below {@code min}
     */
    public long number(String name, long otherwise, long min) {
        String text = values.get(name);
        long value;
        try {
            value = text == null ? otherwise : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " is not an integer: " + text, e);
        }
        if (value < min) {
            throw new IllegalArgumentException("--" + name + " (" + value + ") is below " + min);
        }
        return value;
    }

    public int integer(String name, int otherwise, int min) {
        long value = number(name, otherwise, min);
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--" + name + " (" + value + ") exceeds " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    /**
     * @throws IllegalArgumentException if the value is neither {@code true} nor {@code false}
     */
    public boolean bool(String name, boolean otherwise) {
        String text = values.get(name);
        if (text == null) {
            return otherwise;
        }
        if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException("--" + name + " is not true or false: " + text);
        }
        return text.equals("true");
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }
}
