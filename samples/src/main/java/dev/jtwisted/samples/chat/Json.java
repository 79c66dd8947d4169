package dev.jtwisted.samples.chat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small, strict JSON reader and writer (RFC 8259), so the chat's API needs no library: what
 * {@code json.loads} and {@code json.dumps} do for the Python original.
 *
 * <p>Values are plain Java objects: an object is a {@code Map<String, Object>} (insertion
 * ordered), an array a {@code List<Object>}, a string a {@code String}, {@code true} and
 * {@code false} a {@code Boolean}, {@code null} Java's null, and a number a {@code Long} when it
 * is an integer that fits, a {@code BigInteger} when it is a larger integer, and a {@code Double}
 * when it has a fraction or an exponent.
 *
 * <p>Strict means: the full grammar and nothing more. No comments, single quotes, trailing
 * commas, leading zeros, {@code NaN}, unescaped control characters, byte order mark or text
 * after the value; the escapes are {@code \" \\ \/ \b \f \n \r \t \\uXXXX}, a UTF-16 surrogate
 * escape must come in a pair, a key may appear once per object, numbers must fit in a double,
 * and nesting stops at {@link #MAX_DEPTH}. A document that breaks a rule is refused with a
 * {@link ParseError} that says what was expected and where (line, column and offset).
 *
 * <p>Twisted: none; Python's {@code json} module, as the original's API uses it.
 */
public final class Json {
    /** The deepest nesting of arrays and objects accepted, so a hostile body cannot overflow the stack. */
    public static final int MAX_DEPTH = 256;

    private Json() {}

    /**
     * Why a document is not JSON, and where: {@link #offset()} counts characters from 0;
     * {@link #line()} and {@link #column()} count from 1, lines ending at {@code \n}.
     */
    public static final class ParseError extends IllegalArgumentException {
        private final int offset;
        private final int line;
        private final int column;

        ParseError(String problem, int offset, int line, int column) {
            super(problem + " at line " + line + ", column " + column + " (offset " + offset + ")");
            this.offset = offset;
            this.line = line;
            this.column = column;
        }

        public int offset() {
            return offset;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    /**
     * The value of the UTF-8 document {@code utf8}, as an HTTP body arrives.
     *
     * @throws ParseError if it is not valid UTF-8 (the offset is then in bytes) or not JSON
     */
    public static Object parse(byte[] utf8) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(utf8);
        CharBuffer out = CharBuffer.allocate(utf8.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            throw new ParseError("invalid UTF-8 (byte 0x" + String.format("%02X", utf8[at] & 0xff) + ")", at,
                    lineOf(utf8, at), columnOf(utf8, at));
        }
        return parse(out.flip().toString());
    }

    /**
     * The value of the document {@code text}.
     *
     * @throws ParseError if it is not JSON
     */
    public static Object parse(String text) {
        return new Parser(Objects.requireNonNull(text, "text")).document();
    }

    /** {@code value} as compact JSON: {@code {"users":2}}. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, -1, 0);
        return out.toString();
    }

    /**
     * {@code value} as JSON indented by four spaces, one member per line, as Python's
     * {@code json.dumps(value, indent=4, separators=(',', ': '))}; no newline at the end.
     */
    public static String pretty(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 4, 0);
        return out.toString();
    }

    /** What a value is called in an error message: "a string", "an array", "null". */
    public static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof Collection) {
            return "an array";
        }
        return "a " + value.getClass().getSimpleName();
    }

    private static void write(Object value, StringBuilder out, int indent, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            quote(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON has no " + d);
            }
            out.append(d);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof BigDecimal d) {
            out.append(d.toString());
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("JSON object keys are strings, not " + kind(e.getKey()));
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                newline(out, indent, depth + 1);
                quote(key, out);
                out.append(indent < 0 ? ":" : ": ");
                write(e.getValue(), out, indent, depth + 1);
            }
            newline(out, indent, depth);
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                newline(out, indent, depth + 1);
                write(item, out, indent, depth + 1);
            }
            newline(out, indent, depth);
            out.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private static void newline(StringBuilder out, int indent, int depth) {
        if (indent >= 0) {
            out.append('\n').append(" ".repeat(indent * depth));
        }
    }

    /** {@code s} in double quotes, with what JSON requires escaped and the rest as is. */
    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean lone = Character.isHighSurrogate(c)
                            ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                            : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || lone) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static int lineOf(byte[] bytes, int at) {
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int columnOf(byte[] bytes, int at) {
        int start = at;
        while (start > 0 && bytes[start - 1] != '\n') {
            start--;
        }
        return at - start + 1;
    }

    /** A recursive-descent parser over one document. */
    private static final class Parser {
        private final String s;
        private int pos;
        private int depth;

        Parser(String s) {
            this.s = s;
        }

        Object document() {
            skipWhitespace();
            Object value = value();
            skipWhitespace();
            if (pos < s.length()) {
                throw error("unexpected " + describe(pos) + " after the JSON value");
            }
            return value;
        }

        private Object value() {
            if (pos >= s.length()) {
                throw error("expected a JSON value but the input ended");
            }
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw error("expected a JSON value, not " + describe(pos));
                }
            };
        }

        private Map<String, Object> object() {
            int start = pos;
            enter();
            pos++; // {
            Map<String, Object> members = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                depth--;
                return members;
            }
            while (true) {
                if (peek() != '"') {
                    throw error(pos >= s.length() ? "the input ended inside the object opened at offset " + start
                            : "expected a string key in double quotes, not " + describe(pos));
                }
                int keyAt = pos;
                String key = string();
                if (members.containsKey(key)) {
                    pos = keyAt;
                    throw error("duplicate key " + write(key));
                }
                skipWhitespace();
                expect(':', "after the key " + write(key));
                skipWhitespace();
                members.put(key, value());
                skipWhitespace();
                if (peek() == ',') {
                    pos++;
                    skipWhitespace();
                } else if (peek() == '}') {
                    pos++;
                    depth--;
                    return members;
                } else {
                    throw error(pos >= s.length() ? "the input ended inside the object opened at offset " + start
                            : "expected ',' or '}' in the object, not " + describe(pos));
                }
            }
        }

        private List<Object> array() {
            int start = pos;
            enter();
            pos++; // [
            List<Object> items = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                depth--;
                return items;
            }
            while (true) {
                items.add(value());
                skipWhitespace();
                if (peek() == ',') {
                    pos++;
                    skipWhitespace();
                } else if (peek() == ']') {
                    pos++;
                    depth--;
                    return items;
                } else {
                    throw error(pos >= s.length() ? "the input ended inside the array opened at offset " + start
                            : "expected ',' or ']' in the array, not " + describe(pos));
                }
            }
        }

        private void enter() {
            if (++depth > MAX_DEPTH) {
                throw error("arrays and objects nested deeper than " + MAX_DEPTH);
            }
        }

        private String string() {
            int start = pos;
            pos++; // "
            StringBuilder b = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    pos = start;
                    throw error("string is not closed");
                }
                char c = s.charAt(pos);
                if (c == '"') {
                    pos++;
                    return b.toString();
                }
                if (c == '\\') {
                    escape(b);
                } else if (c < 0x20) {
                    throw error("control character " + describe(pos) + " must be escaped in a string");
                } else if (Character.isHighSurrogate(c) && pos + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(pos + 1))) {
                    b.append(c).append(s.charAt(pos + 1));
                    pos += 2;
                } else if (Character.isSurrogate(c)) {
                    throw error("unpaired surrogate " + describe(pos) + " in a string");
                } else {
                    b.append(c);
                    pos++;
                }
            }
        }

        /** Reads the escape at {@code pos} (a backslash) into {@code b}. */
        private void escape(StringBuilder b) {
            if (pos + 1 >= s.length()) {
                throw error("string ends inside an escape");
            }
            char e = s.charAt(pos + 1);
            switch (e) {
                case '"' -> b.append('"');
                case '\\' -> b.append('\\');
                case '/' -> b.append('/');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    char c = hex4(pos);
                    if (Character.isHighSurrogate(c)) {
                        if (!s.startsWith("\\u", pos + 6)) {
                            throw error("escaped high surrogate " + codePoint(c) + " is not followed by a "
                                    + "\\u escape of a low surrogate");
                        }
                        char low = hex4(pos + 6);
                        if (!Character.isLowSurrogate(low)) {
                            pos += 6;
                            throw error("escaped high surrogate " + codePoint(c) + " is followed by "
                                    + codePoint(low) + ", not a low surrogate");
                        }
                        b.append(c).append(low);
                        pos += 12;
                        return;
                    }
                    if (Character.isLowSurrogate(c)) {
                        throw error("escaped low surrogate " + codePoint(c) + " has no high surrogate before it");
                    }
                    b.append(c);
                    pos += 6;
                    return;
                }
                default -> throw error("invalid escape \\" + (e < 0x20 || e > 0x7e ? describeChar(e) : e)
                        + "; JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX");
            }
            pos += 2;
        }

        /** The char of the {@code \\uXXXX} escape starting at {@code at}. */
        private char hex4(int at) {
            if (at + 6 > s.length()) {
                throw error("\\u escape needs four hex digits");
            }
            int value = 0;
            for (int i = at + 2; i < at + 6; i++) {
                char h = s.charAt(i);
                int digit = h >= '0' && h <= '9' ? h - '0'
                        : h >= 'a' && h <= 'f' ? h - 'a' + 10
                        : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
                if (digit < 0) {
                    pos = i;
                    throw error("\\u escape needs four hex digits, not " + describe(i));
                }
                value = value * 16 + digit;
            }
            return (char) value;
        }

        private Object number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
                if (isDigit(peek())) {
                    throw error("a number may not have a leading zero");
                }
            } else if (isDigit(peek())) {
                digits();
            } else {
                throw error("expected a digit after '-', not " + describe(pos));
            }
            boolean integer = true;
            if (peek() == '.') {
                integer = false;
                pos++;
                if (!isDigit(peek())) {
                    throw error("expected a digit after the decimal point, not " + describe(pos));
                }
                digits();
            }
            if (peek() == 'e' || peek() == 'E') {
                integer = false;
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!isDigit(peek())) {
                    throw error("expected a digit in the exponent, not " + describe(pos));
                }
                digits();
            }
            String text = s.substring(start, pos);
            if (integer) {
                BigInteger n = new BigInteger(text);
                return n.bitLength() < 64 ? (Object) n.longValue() : n;
            }
            double d = Double.parseDouble(text);
            if (Double.isInfinite(d)) {
                pos = start;
                throw error("number " + text + " is too large for a double");
            }
            return d;
        }

        private void digits() {
            while (isDigit(peek())) {
                pos++;
            }
        }

        private static boolean isDigit(int c) {
            return c >= '0' && c <= '9';
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, pos)) {
                throw error("expected a JSON value, not " + describe(pos) + " (did you mean " + word + "?)");
            }
            pos += word.length();
            return value;
        }

        private void expect(char c, String where) {
            if (peek() != c) {
                throw error("expected '" + c + "' " + where + ", not " + describe(pos));
            }
            pos++;
        }

        /** The char at {@code pos}, or -1 at the end. */
        private int peek() {
            return pos < s.length() ? s.charAt(pos) : -1;
        }

        private void skipWhitespace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        /** The char at {@code at} for a message: {@code 'x'}, {@code U+0000}, or "the end of the input". */
        private String describe(int at) {
            return at >= s.length() ? "the end of the input" : describeChar(s.charAt(at));
        }

        private static String describeChar(char c) {
            return c > 0x20 && c < 0x7f ? "'" + c + "'" : codePoint(c);
        }

        private static String codePoint(char c) {
            return String.format("U+%04X", (int) c);
        }

        private ParseError error(String problem) {
            int at = Math.min(pos, s.length());
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return new ParseError(problem, at, line, at - lineStart + 1);
        }
    }
}
