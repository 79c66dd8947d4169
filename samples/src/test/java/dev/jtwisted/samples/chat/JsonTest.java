package dev.jtwisted.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The chat's JSON reader and writer: the whole grammar, its strictness, and where errors are. */
class JsonTest {

    private static Json.ParseError refused(String text) {
        return assertThrows(Json.ParseError.class, () -> Json.parse(text), text);
    }

    @Nested
    class ParsingValues {
        @Test
        void readsTheLiterals() {
            assertEquals(Boolean.TRUE, Json.parse("true"));
            assertEquals(Boolean.FALSE, Json.parse("false"));
            assertNull(Json.parse("null"));
        }

        @Test
        void readsIntegersAsLongsAndLargerOnesAsBigIntegers() {
            assertEquals(0L, Json.parse("0"));
            assertEquals(-0L, Json.parse("-0"));
            assertEquals(42L, Json.parse("42"));
            assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
            assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
            assertEquals(new BigInteger("9223372036854775808"), Json.parse("9223372036854775808"));
        }

        @Test
        void readsFractionsAndExponentsAsDoubles() {
            assertEquals(1.5, Json.parse("1.5"));
            assertEquals(-0.25, Json.parse("-0.25"));
            assertEquals(1e10, Json.parse("1e10"));
            assertEquals(2.5e-3, Json.parse("2.5E-3"));
            assertEquals(100.0, Json.parse("1e+2"));
        }

        @Test
        void readsStringsWithEveryEscape() {
            assertEquals("", Json.parse("\"\""));
            assertEquals("a\"b\\c/d\be\ff\ng\rh\ti", Json.parse("\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\""));
        }

        @Test
        void readsUnicodeEscapesInEitherCaseAndSurrogatePairs() {
            assertEquals("é☃", Json.parse("\"\\u00e9\\u2603\""));
            assertEquals("é", Json.parse("\"\\u00E9\""));
            assertEquals("\u0000", Json.parse("\"\\u0000\""));
            assertEquals("😀", Json.parse("\"\\ud83d\\ude00\""));
        }

        @Test
        void keepsUnescapedNonAsciiCharactersAsTheyAre() {
            assertEquals("héllo ☃ 😀", Json.parse("\"héllo ☃ 😀\""));
            assertEquals("héllo ☃ 😀", Json.parse("\"héllo ☃ 😀\"".getBytes(StandardCharsets.UTF_8)));
        }

        @Test
        void readsObjectsInOrderAndArraysNestedInEachOther() {
            Object value = Json.parse(" {\"b\": [1, {\"c\": []}, \"x\"], \"a\": {}, \"n\": null}\r\n\t");
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("b", List.of(1L, Map.of("c", List.of()), "x"));
            expected.put("a", Map.of());
            expected.put("n", null);
            assertEquals(expected, value);
            assertEquals(List.of("b", "a", "n"), new ArrayList<>(((Map<?, ?>) value).keySet()));
        }

        @Test
        void acceptsNestingUpToTheLimit() {
            int depth = Json.MAX_DEPTH;
            Object value = Json.parse("[".repeat(depth) + "]".repeat(depth));
            for (int i = 1; i < depth; i++) {
                value = ((List<?>) value).get(0);
            }
            assertEquals(List.of(), value);
        }
    }

    @Nested
    class Refusing {
        @ParameterizedTest
        @ValueSource(strings = {"", " ", "01", "-", "-01", "1.", ".5", "1e", "1e+", "+1", "NaN", "Infinity", "-Infinity",
                "0x10", "'a'", "\"a", "[1,]", "[1 2]", "{\"a\":1,}", "{a:1}", "{\"a\" 1}", "{'a':1}", "[", "{",
                "tru", "nul", "True", "None", "1 2", "[] []", "/* c */ 1", "1 // c", "\"\\x41\"", "\"\\u12\"",
                "\"\\u12G4\"", "\"\\u０１２３\"", "\"\\ud83d\"", "\"\\ude00\"", "\"\\ud83d\\u0041\"", "\"a\tb\"",
                "\"a\nb\"", "\uFEFF1", "\u00a01", "1e999", "-1e999", "[\"a\" \"b\"]"})
        void anythingOutsideTheGrammar(String text) {
            refused(text);
        }

        @Test
        void aDuplicateKey() {
            var e = refused("{\"banner\": \"a\", \"banner\": \"b\"}");
            assertEquals("duplicate key \"banner\" at line 1, column 17 (offset 16)", e.getMessage());
        }

        @Test
        void nestingDeeperThanTheLimit() {
            int depth = Json.MAX_DEPTH + 1;
            var e = refused("[".repeat(depth) + "]".repeat(depth));
            assertTrue(e.getMessage().startsWith("arrays and objects nested deeper than 256 at"), e.getMessage());
        }

        @Test
        void nestingFarDeeperThanTheLimitWithoutOverflowingTheStack() {
            refused("[".repeat(1_000_000));
        }

        @Test
        void anUnpairedSurrogateInTheText() {
            var e = refused("\"a\ud83d\"");
            assertEquals("unpaired surrogate U+D83D in a string at line 1, column 3 (offset 2)", e.getMessage());
        }

        @Test
        void invalidUtf8WithTheByteAndItsOffset() {
            byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'};
            var e = assertThrows(Json.ParseError.class, () -> Json.parse(body));
            assertEquals("invalid UTF-8 (byte 0xC3) at line 1, column 7 (offset 6)", e.getMessage());
        }

        @Test
        void anEncodedSurrogateAsInvalidUtf8() {
            byte[] cesu = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0xBD, '"'};
            assertThrows(Json.ParseError.class, () -> Json.parse(cesu));
        }
    }

    @Nested
    class ErrorMessages {
        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "``|expected a JSON value but the input ended at line 1, column 1 (offset 0)",
            "`{\"banner\": }`|expected a JSON value, not '}' at line 1, column 12 (offset 11)",
            "`{\"banner\" \"x\"}`|expected ':' after the key \"banner\", not '\"' at line 1, column 11 (offset 10)",
            "`{\"banner\": \"x\"`|the input ended inside the object opened at offset 0 at line 1, column 15 (offset 14)",
            "`{\"banner\": \"x\",}`|expected a string key in double quotes, not '}' at line 1, column 16 (offset 15)",
            "`[1, 2`|the input ended inside the array opened at offset 0 at line 1, column 6 (offset 5)",
            "`[1; 2]`|expected ',' or ']' in the array, not ';' at line 1, column 3 (offset 2)",
            "`{\"a\": 1 \"b\": 2}`|expected ',' or '}' in the object, not '\"' at line 1, column 9 (offset 8)",
            "`012`|a number may not have a leading zero at line 1, column 2 (offset 1)",
            "`-x`|expected a digit after '-', not 'x' at line 1, column 2 (offset 1)",
            "`1.e5`|expected a digit after the decimal point, not 'e' at line 1, column 3 (offset 2)",
            "`1e`|expected a digit in the exponent, not the end of the input at line 1, column 3 (offset 2)",
            "`1e999`|number 1e999 is too large for a double at line 1, column 1 (offset 0)",
            "`truex`|unexpected 'x' after the JSON value at line 1, column 5 (offset 4)",
            "`nope`|expected a JSON value, not 'n' (did you mean null?) at line 1, column 1 (offset 0)",
            "`'banner'`|expected a JSON value, not ''' at line 1, column 1 (offset 0)",
            "`\"abc`|string is not closed at line 1, column 1 (offset 0)",
            "`\"a\\qb\"`|invalid escape \\q; JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX at line 1, column 3 (offset 2)",
            "`\"\\u12x4\"`|\\u escape needs four hex digits, not 'x' at line 1, column 6 (offset 5)",
            "`\"\\ude00\"`|escaped low surrogate U+DE00 has no high surrogate before it at line 1, column 2 (offset 1)",
            "`\"\\ud83dx\"`|escaped high surrogate U+D83D is not followed by a \\u escape of a low surrogate at line 1, column 2 (offset 1)",
            "`\"\\ud83d\\u0041\"`|escaped high surrogate U+D83D is followed by U+0041, not a low surrogate at line 1, column 8 (offset 7)",
        })
        void sayWhatWasExpectedAndWhere(String text, String message) {
            assertEquals(message, refused(text).getMessage());
        }

        @Test
        void countLinesAndColumnsFromOne() {
            var e = refused("{\n  \"banner\": \"a\",\n  \"x\": tru\n}");
            assertEquals(3, e.line());
            assertEquals(8, e.column());
            assertEquals(26, e.offset());
            assertEquals("expected a JSON value, not 't' (did you mean true?) at line 3, column 8 (offset 26)",
                    e.getMessage());
        }

        @Test
        void nameAnUnescapedControlCharacterByItsCodePoint() {
            var e = refused("{\"banner\": \"a\nb\"}");
            assertEquals("control character U+000A must be escaped in a string at line 1, column 14 (offset 13)",
                    e.getMessage());
        }
    }

    @Nested
    class Writing {
        @Test
        void writesCompactly() {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("users", 2);
            value.put("list", Arrays.asList(1L, 2.5, true, false, null, "x", List.of(), Map.of()));
            assertEquals("{\"users\":2,\"list\":[1,2.5,true,false,null,\"x\",[],{}]}", Json.write(value));
        }

        @Test
        void writesIndentedAsPythonsJsonDumpsWithIndentFour() {
            // python3 -c 'import json; print(json.dumps({"status": "SUCCESS", "banner": "hi",
            //   "list": [1, {"a": []}]}, indent=4, separators=(",", ": ")))'
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("status", "SUCCESS");
            value.put("banner", "hi");
            value.put("list", List.of(1, Map.of("a", List.of())));
            assertEquals("""
                    {
                        "status": "SUCCESS",
                        "banner": "hi",
                        "list": [
                            1,
                            {
                                "a": []
                            }
                        ]
                    }""", Json.pretty(value));
        }

        @Test
        void escapesQuotesBackslashesAndControlCharactersAndKeepsTheRest() {
            assertEquals("\"a\\\"b\\\\c\\b\\f\\n\\r\\t\\u0000\\u001f\\u007f/é☃😀\"",
                    Json.write("a\"b\\c\b\f\n\r\t\u0000\u001f\u007f/é☃😀"));
        }

        @Test
        void escapesLineSeparatorsAndLoneSurrogates() {
            assertEquals("\"\\u2028\\u2029😀x\"", Json.write("\u2028\u2029😀x"));
            assertEquals("\"\\ud83d\"", Json.write("\ud83d"));
            assertEquals("\"\\ude00a\"", Json.write("\ude00a"));
        }

        @Test
        void refusesWhatJsonCannotSay() {
            assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
            assertThrows(IllegalArgumentException.class, () -> Json.write(Double.POSITIVE_INFINITY));
            assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, "a")));
            assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"null", "true", "0", "-12", "1.5", "\"\"", "[]", "{}",
                "{\"banner\":\"a\\\"b\\\\c\\n\\u0001é😀\",\"n\":[1,2.5,[true,false,null],{\"x\":{}}]}"})
        void writesBackWhatItReads(String text) {
            assertEquals(text, Json.write(Json.parse(text)));
            assertEquals(Json.parse(text), Json.parse(Json.pretty(Json.parse(text))));
        }
    }
}
