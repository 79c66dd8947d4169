package dev.jtwisted.internet.endpoints;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mini-language of endpoint descriptions: splitting into positional and keyword arguments,
 * binding them to a parameter list as a Python call would, and converting values as Python's
 * {@code int()} does, with errors that name the bad part. Not API.
 *
 * <p>Twisted: {@code endpoints._tokenize}, {@code endpoints._parse}, and Python's argument
 * binding of the {@code _parse*} functions.
 */
final class Descriptions {
    static final int MAX_PORT = 65535;

    private Descriptions() {}

    /** A description split into its arguments; the first positional is the endpoint type. */
    record Parsed(List<String> args, Map<String, String> kwargs) {}

    /**
     * Splits {@code description} at unescaped colons. A part with an unescaped '=' is a keyword
     * argument (split at its first '='; later ones belong to the value), any other part is a
     * positional one. A backslash makes the next character literal. A keyword given twice keeps
     * its last value, as in Twisted.
     *
     * <p>Twisted: {@code endpoints._parse} over {@code _tokenize}.
     *
     * @throws EndpointDescriptionError if the description ends with a lone backslash
     */
    static Parsed parse(String description) {
        List<String> args = new ArrayList<>();
        Map<String, String> kwargs = new LinkedHashMap<>();
        StringBuilder current = new StringBuilder();
        String key = null;
        int n = description.length();
        for (int i = 0; i < n; i++) {
            char c = description.charAt(i);
            if (c == ':') {
                add(args, kwargs, key, current.toString());
                key = null;
                current.setLength(0);
            } else if (c == '=' && key == null) {
                key = current.toString();
                current.setLength(0);
            } else if (c == '\\') {
                if (i + 1 == n) {
                    throw new EndpointDescriptionError(
                            "it ends with a lone backslash (write \\\\ for a literal backslash)");
                }
                current.append(description.charAt(++i));
            } else {
                current.append(c);
            }
        }
        add(args, kwargs, key, current.toString());
        return new Parsed(Collections.unmodifiableList(args), Collections.unmodifiableMap(kwargs));
    }

    private static void add(List<String> args, Map<String, String> kwargs, String key, String value) {
        if (key == null) {
            args.add(value);
        } else {
            kwargs.put(key, value);
        }
    }

    /**
     * Escapes backslashes, colons and equals signs so that {@code argument} parses back as
     * itself, as a keyword's value or as a positional argument.
     *
     * <p>Twisted: {@code endpoints.quoteStringArgument}, which leaves '=' alone, so that a
     * quoted positional containing one turns into a keyword argument.
     */
    static String quote(String argument) {
        return argument.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
    }

    // ---------------------------------------------------------------- binding

    /**
     * The parameters of one endpoint type, in positional order: the first {@code required} must
     * be given, and only the first {@code positional} may be given without a keyword. Binds
     * arguments as a Python call {@code f(*args, **kwargs)} would, with errors that say which
     * endpoint type they are about.
     */
    static final class Signature {
        private final String what;
        private final List<String> names;
        private final int required;
        private final int positional;

        /** @param what names the endpoint type in messages, e.g. "tcp server endpoints" */
        Signature(String what, int required, int positional, String... names) {
            this.what = what;
            this.names = List.of(names);
            this.required = required;
            this.positional = positional;
        }

        /** A signature whose parameters may all be given positionally. */
        Signature(String what, int required, String... names) {
            this(what, required, names.length, names);
        }

        /**
         * The value given for each parameter, positionally or by keyword; parameters not given
         * are absent.
         *
         * @throws EndpointDescriptionError for too many positional arguments, an unknown keyword,
         *     a parameter given both ways, or a missing required one
         */
        Map<String, String> bind(List<String> args, Map<String, String> kwargs) {
            if (args.size() > positional) {
                throw new EndpointDescriptionError(what + " take at most " + positional
                        + " positional arguments " + names.subList(0, positional) + ", but "
                        + args.size() + " were given: " + quoted(args));
            }
            Map<String, String> bound = new LinkedHashMap<>();
            for (int i = 0; i < args.size(); i++) {
                bound.put(names.get(i), args.get(i));
            }
            for (Map.Entry<String, String> kw : kwargs.entrySet()) {
                String name = kw.getKey();
                if (!names.contains(name)) {
                    throw unknownKeyword(what, name, names);
                }
                if (bound.containsKey(name)) {
                    throw givenTwice(name, bound.get(name), kw.getValue());
                }
                bound.put(name, kw.getValue());
            }
            for (String name : names.subList(0, required)) {
                if (!bound.containsKey(name)) {
                    throw missing(what, name);
                }
            }
            return bound;
        }
    }

    static EndpointDescriptionError unknownKeyword(String what, String name, List<String> known) {
        return new EndpointDescriptionError("unknown keyword '" + name + "' for " + what
                + " (they take " + String.join(", ", known) + ")");
    }

    static EndpointDescriptionError givenTwice(String name, String positional, String keyword) {
        return new EndpointDescriptionError("'" + name + "' is given twice: as the positional '"
                + positional + "' and as " + name + "=" + keyword);
    }

    static EndpointDescriptionError missing(String what, String name) {
        return new EndpointDescriptionError(what + " need '" + name + "', which is missing");
    }

    /**
     * Binds a client's host and port as Twisted's {@code _parseClientTCP} does: two positionals
     * are host and port; one is the port if {@code host=} is given, else the host. Keywords must
     * be among {@code known}.
     */
    static Map<String, String> bindHostPort(String what, List<String> args, Map<String, String> kwargs,
            List<String> known) {
        for (String name : kwargs.keySet()) {
            if (!known.contains(name)) {
                throw unknownKeyword(what, name, known);
            }
        }
        Map<String, String> bound = new LinkedHashMap<>(kwargs);
        if (args.size() > 2) {
            throw new EndpointDescriptionError(what + " take at most 2 positional arguments "
                    + "[host, port], but " + args.size() + " were given: " + quoted(args));
        }
        if (args.size() == 2) {
            putPositional(bound, "host", args.get(0));
            putPositional(bound, "port", args.get(1));
        } else if (args.size() == 1) {
            putPositional(bound, kwargs.containsKey("host") ? "port" : "host", args.get(0));
        }
        for (String name : List.of("host", "port")) {
            if (!bound.containsKey(name)) {
                throw missing(what, name);
            }
        }
        return bound;
    }

    private static void putPositional(Map<String, String> bound, String name, String value) {
        if (bound.containsKey(name)) {
            throw givenTwice(name, value, bound.get(name));
        }
        bound.put(name, value);
    }

    private static String quoted(List<String> values) {
        List<String> q = new ArrayList<>();
        for (String v : values) {
            q.add("'" + v + "'");
        }
        return "[" + String.join(", ", q) + "]";
    }

    // ---------------------------------------------------------------- values

    /** A port number, 0 to 65535. */
    static int port(String name, String text) {
        return (int) integer(name, text, 10, 0, MAX_PORT);
    }

    /** A listen queue length, 0 or more. */
    static int backlog(String text) {
        return (int) integer("backlog", text, 10, 0, Integer.MAX_VALUE);
    }

    /** A whole number of seconds, 0 or more (Twisted parses timeouts with {@code int()}). */
    static double timeout(String text) {
        return integer("timeout", text, 10, 0, Integer.MAX_VALUE);
    }

    /** A flag written as an integer, true unless 0: Twisted's {@code bool(int(text))}. */
    static boolean flag(String name, String text) {
        BigInteger value = pythonInt(text, 10);
        if (value == null) {
            throw badInteger(name, text, 10);
        }
        return value.signum() != 0;
    }

    /**
     * {@code text} as Python's {@code int(text, radix)} reads it, checked against
     * {@code min..max}.
     *
     * @throws EndpointDescriptionError naming {@code name} and quoting {@code text}
     */
    static long integer(String name, String text, int radix, long min, long max) {
        BigInteger value = pythonInt(text, radix);
        if (value == null) {
            throw badInteger(name, text, radix);
        }
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            String range = radix == 8
                    ? "0o" + Long.toOctalString(min) + "..0o" + Long.toOctalString(max)
                    : min + ".." + max;
            throw new EndpointDescriptionError(
                    name + " '" + text + "' is out of range " + range);
        }
        return value.longValueExact();
    }

    private static EndpointDescriptionError badInteger(String name, String text, int radix) {
        return new EndpointDescriptionError(name + " must be " + (radix == 8 ? "an octal" : "an")
                + " integer: '" + text + "'");
    }

    /**
     * Parses {@code text} as Python's {@code int(text, radix)} does (for radix 8 and 10):
     * surrounding whitespace, an optional sign, for radix 8 an optional {@code 0o} prefix, and
     * digits (any Unicode decimal digits) with single underscores between them. Null if it is
     * not such a number.
     */
    static BigInteger pythonInt(String text, int radix) {
        int start = 0;
        int end = text.length();
        while (start < end && isPythonSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isPythonSpace(text.charAt(end - 1))) {
            end--;
        }
        boolean negative = false;
        if (start < end && (text.charAt(start) == '+' || text.charAt(start) == '-')) {
            negative = text.charAt(start) == '-';
            start++;
        }
        boolean underscoreAllowed = false;
        if (radix == 8 && end - start >= 2 && text.charAt(start) == '0'
                && (text.charAt(start + 1) == 'o' || text.charAt(start + 1) == 'O')) {
            start += 2;
            underscoreAllowed = true;
        }
        StringBuilder digits = new StringBuilder();
        boolean lastWasUnderscore = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '_') {
                if (!underscoreAllowed || lastWasUnderscore) {
                    return null;
                }
                lastWasUnderscore = true;
                continue;
            }
            int digit = Character.digit(c, radix);
            if (digit < 0 || !Character.isDigit(c)) {
                return null;
            }
            digits.append((char) ('0' + digit));
            lastWasUnderscore = false;
            underscoreAllowed = true;
        }
        if (digits.length() == 0 || lastWasUnderscore) {
            return null;
        }
        BigInteger value = new BigInteger(digits.toString(), radix);
        return negative ? value.negate() : value;
    }

    private static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
