package dev.jtwisted.web.http_headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadersTest {
    @Test // Twisted: test_http_headers.BytesHeadersTests.test_getRawHeadersNoDefault / test_hasHeaderTrue
    void namesCompareCaseInsensitively() {
        Headers h = new Headers();
        h.setRawHeaders("Test", List.of("lemur"));
        assertTrue(h.hasHeader("test"));
        assertTrue(h.hasHeader("TEST"));
        assertEquals(List.of("lemur"), h.getRawHeaders("tEsT"));
        assertNull(h.getRawHeaders("other"));
        assertEquals(List.of("x"), h.getRawHeaders("other", List.of("x")));
    }

    @Test // Twisted: test_addRawHeader
    void addedValuesFollowTheExistingOnes() {
        Headers h = new Headers();
        h.addRawHeader("test", "lemur");
        h.addRawHeader("Test", "panda");
        assertEquals(List.of("lemur", "panda"), h.getRawHeaders("test"));
        assertEquals("panda", h.getLastRawHeader("TEST"));
    }

    @Test // Twisted: test_removeHeader
    void removeHeaderRemovesEveryValue() {
        Headers h = new Headers(Map.of("foo", List.of("lemur", "panda")));
        h.removeHeader("FOO");
        assertFalse(h.hasHeader("foo"));
        h.removeHeader("absent");
    }

    @Test // Twisted: test_getAllRawHeaders, test_canonicalNameCaps
    void everyHeaderComesOutInCanonicalCapitalisation() {
        Headers h = new Headers();
        h.setRawHeader("content-type", "text/plain");
        h.setRawHeader("etag", "\"x\"");
        h.setRawHeader("WWW-authenticate", "Basic");
        h.addRawHeader("x-multi", "1");
        h.addRawHeader("x-multi", "2");
        List<String> seen = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : h.getAllRawHeaders()) {
            seen.add(e.getKey() + "=" + e.getValue());
        }
        assertEquals(List.of("Content-Type=[text/plain]", "ETag=[\"x\"]", "WWW-Authenticate=[Basic]",
                "X-Multi=[1, 2]"), seen);
    }

    @Test // Twisted: test_sanitizeLinearWhitespace
    void lineBreaksInNamesAndValuesBecomeSpaces() {
        Headers h = new Headers();
        h.setRawHeader("x-evil", "a\r\nSet-Cookie: b");
        h.addRawHeader("x-evil2\n", "c\rd\ne");
        assertEquals(List.of("a Set-Cookie: b"), h.getRawHeaders("x-evil"));
        assertEquals(List.of("c d e"), h.getRawHeaders("x-evil2 "));
    }

    @Test
    void aCopyChangesOnItsOwn() {
        Headers h = new Headers();
        h.addRawHeader("a", "1");
        Headers c = h.copy();
        c.addRawHeader("a", "2");
        assertEquals(List.of("1"), h.getRawHeaders("a"));
        assertEquals(List.of("1", "2"), c.getRawHeaders("a"));
    }
}
