package dev.jtwisted.web.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HttpTest {
    @Nested
    class ParseQs { // Twisted: test_http.ParsingTests.testParseqs / test_parse_qs
        @Test
        void namesGetTheirValuesInOrder() {
            assertEquals(Map.of("a", List.of("b"), "d", List.of("c", "e")), Http.parse_qs("a=b&d=c;d=e", false));
        }

        @Test
        void blankValuesAreKeptOnlyIfAsked() {
            assertEquals(Map.of(), Http.parse_qs("a=", false));
            assertEquals(Map.of("a", List.of("")), Http.parse_qs("a=", true));
        }

        @Test
        void anItemWithoutEqualsIsDropped() {
            assertEquals(Map.of("b", List.of("1")), Http.parse_qs("flag&b=1&", true));
        }

        @Test
        void plusIsASpaceAndEscapesAreUtf8() {
            assertEquals(Map.of("a b", List.of("é c+")), Http.parse_qs("a+b=%C3%A9+c%2B", true));
        }
    }

    @Test
    void unquoteLeavesBrokenEscapesAlone() {
        assertEquals("a%zz%2", Http.unquote("a%zz%2"));
        assertEquals("/", Http.unquote("%2f"));
        assertEquals("\uFFFD", Http.unquote("%ff"));
    }

    @Test
    void quoteEscapesEverythingButUnreservedCharacters() {
        assertEquals("a%20b%2Fc-._~%C3%A9", Http.quote("a b/c-._~é"));
    }

    @Test // Twisted: test_http.DateTimeTests.testRoundtrip
    void datesRoundTrip() {
        for (long t : new long[] {0, 784111777, 1_700_000_000L}) {
            assertEquals(t, Http.stringToDatetime(Http.datetimeToString(t)));
        }
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", Http.datetimeToString(784111777));
    }

    @Test // Twisted: test_http.DateTimeTests.testStringToDatetime (RFC 850 and asctime forms)
    void everyHttpDateFormParses() {
        assertEquals(784111777, Http.stringToDatetime("Sunday, 06-Nov-94 08:49:37 GMT"));
        assertEquals(784111777, Http.stringToDatetime("Sun Nov  6 08:49:37 1994"));
        assertThrows(IllegalArgumentException.class, () -> Http.stringToDatetime("yesterday"));
    }

    @Test
    void logTimestampsAreInTheCommonLogFormat() {
        assertEquals("[06/Nov/1994:08:49:37 +0000]", Http.datetimeToLogString(784111777));
    }

    @Test // Twisted: test_http._escape
    void logFieldsAreEscaped() {
        assertEquals("a\\\"b\\\\c\\x01\\n", Http.escape("a\"b\\c\u0001\n"));
    }
}
