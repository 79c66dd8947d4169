package dev.jtwisted.python.usage;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Parses a command line against declared options and positional arguments, and writes its
 * help. The rules:
 * <ul>
 *   <li>{@code --key value} or {@code --key=value} sets an option; the value may not start with
 *       {@code --} unless given with {@code =};
 *   <li>{@code --flag} sets a flag, which takes no value;
 *   <li>{@code --help} or {@code -h} asks for help, and stops parsing there;
 *   <li>{@code --} ends the options: everything after it is positional;
 *   <li>any other argument starting with {@code -} (but {@code -} alone) is an unknown option;
 *   <li>everything else is positional, in order, checked against the declared count;
 *   <li>once a {@link Positional#remainder} is reached, it takes the rest of the command line
 *       as it is, options and {@code --help} included (a sub-command's own arguments);
 *   <li>an option given twice is an error, as is anything undeclared.
 * </ul>
 * Every error is a {@link UsageError} naming the argument or value at fault.
 *
 * <pre>{@code
 * ArgParser parser = new ArgParser(List.of(Option.port(8000)), List.of());
 * Args args = parser.parse(List.of("--port", "0"));   // args.port() == 0
 * }</pre>
 *
 * <p>Twisted: {@code twisted.python.usage.Options.parseOptions}; the declarations are the
 * {@code optFlags}, {@code optParameters} and {@code parseArgs} of an {@code Options} class, and
 * a remainder plays the part of {@code subCommands}.
 */
public final class ArgParser {
    private final Map<String, Option> options = new LinkedHashMap<>();
    private final List<Positional> positionals;

    /** @throws IllegalArgumentException if the declarations clash or are out of order */
    public ArgParser(List<Option> options, List<Positional> positionals) {
        for (Option option : options) {
            Objects.requireNonNull(option, "option");
            if (this.options.putIfAbsent(option.name(), option) != null) {
                throw new IllegalArgumentException("option " + option.flagName() + " declared twice");
            }
        }
        this.positionals = List.copyOf(positionals);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < this.positionals.size(); i++) {
            Positional p = this.positionals.get(i);
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("positional " + p.name() + " declared twice");
            }
            boolean last = i == this.positionals.size() - 1;
            if (!last && (p.min == 0 || p.repeated)) {
                throw new IllegalArgumentException(
                        "only the last positional may be optional or repeated: " + p.synopsis());
            }
        }
    }

    /**
     * Parses {@code argv} (the arguments after the program's or command's name).
     *
     * @throws UsageError naming the first argument or value at fault
     */
    public Args parse(List<String> argv) {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> positional = new ArrayList<>();
        boolean onlyPositional = false;
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (onlyPositional || arg.equals("-") || !arg.startsWith("-")) {
                if (reachesRemainder(positional.size())) {
                    positional.addAll(argv.subList(i, argv.size()));
                    break;
                }
                positional.add(arg);
            } else if (arg.equals("--")) {
                onlyPositional = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                return new Args(options, values, flags, positional, true);
            } else if (!arg.startsWith("--")) {
                throw new UsageError("unknown option " + arg + " (options are spelled --name)");
            } else {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
                String inline = eq < 0 ? null : arg.substring(eq + 1);
                Option option = options.get(name);
                if (option == null) {
                    throw new UsageError("unknown option --" + name);
                }
                if (flags.contains(name) || values.containsKey(name)) {
                    throw new UsageError("option " + option.flagName() + " given twice");
                }
                if (option.isFlag()) {
                    if (inline != null) {
                        throw new UsageError("option " + option.flagName()
                                + " is a flag and takes no value, not '" + inline + "'");
                    }
                    flags.add(name);
                    continue;
                }
                String value = inline;
                if (value == null) {
                    if (i + 1 == argv.size() || argv.get(i + 1).startsWith("--")) {
                        throw new UsageError("option " + option.flagName() + " needs a value ("
                                + option.metavar() + ")");
                    }
                    value = argv.get(++i);
                }
                option.check(value);
                values.put(name, value);
            }
        }
        checkCount(positional);
        return new Args(options, values, flags, positional, false);
    }

    /** Whether the positional argument number {@code index} (from 0) belongs to a remainder. */
    private boolean reachesRemainder(int index) {
        return index == positionals.size() - 1 && positionals.get(index).remainder;
    }

    private void checkCount(List<String> positional) {
        for (int i = positional.size(); i < positionals.size(); i++) {
            if (positionals.get(i).min > 0) {
                throw new UsageError("missing argument " + positionals.get(i).name());
            }
        }
        boolean unbounded = !positionals.isEmpty() && positionals.get(positionals.size() - 1).repeated;
        if (!unbounded && positional.size() > positionals.size()) {
            throw new UsageError("unexpected argument '" + positional.get(positionals.size()) + "'");
        }
    }

    /** What follows the command's name in a usage line, e.g. {@code [options] URL...}. */
    public String synopsis() {
        StringBuilder s = new StringBuilder("[options]");
        for (Positional p : positionals) {
            s.append(' ').append(p.synopsis());
        }
        return s.toString();
    }

    /** Prints the arguments and options, one aligned line each, {@code --help} last. */
    public void printHelp(PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        for (Positional p : positionals) {
            rows.add(new String[] {p.synopsis(), p.help()});
        }
        int arguments = rows.size();
        for (Option o : options.values()) {
            String help = o.defaultValue() == null ? o.help() : o.help() + " (default: " + o.defaultValue() + ")";
            rows.add(new String[] {o.toString(), help});
        }
        rows.add(new String[] {"--help", "show this help and exit"});
        int width = 0;
        for (String[] row : rows) {
            width = Math.max(width, row[0].length());
        }
        for (int i = 0; i < rows.size(); i++) {
            if (i == 0 && arguments > 0) {
                out.println("arguments:");
            }
            if (i == arguments) {
                out.println("options:");
            }
            out.println("  " + pad(rows.get(i)[0], width) + "  " + rows.get(i)[1]);
        }
    }

    /**
     * {@code s} followed by spaces up to {@code width} characters, for aligned columns such as a
     * list of commands and their descriptions.
     */
    public static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
