package dev.jtwisted.web.static_;

import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.web.http.Http;
import dev.jtwisted.web.resource.ForbiddenResource;
import dev.jtwisted.web.resource.IResource;
import dev.jtwisted.web.resource.NoResource;
import dev.jtwisted.web.resource.Resource;
import dev.jtwisted.web.test.DummyRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTest {
    @TempDir
    Path dir;
    private final byte[] payload = new byte[64];

    @BeforeEach
    void setUp() throws IOException {
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        Files.write(dir.resolve("payload.txt"), payload);
    }

    private static DummyRequest render(IResource resource, DummyRequest request) {
        successResultOf(DummyRequest.render(resource, request));
        return request;
    }

    /** The resource for {@code segments} under a File for {@link #dir}, as the site would find it. */
    private IResource child(File root, DummyRequest request) {
        return Resource.getChildForRequest(root, request);
    }

    @Nested
    class Children {
        @Test // Twisted: test_static.StaticFileTests.test_notFound
        void aMissingFileIsNotFound() {
            DummyRequest request = new DummyRequest("foobar");
            IResource child = child(new File(dir), request);
            render(child, request);
            assertEquals(Http.NOT_FOUND, request.responseCode());
        }

        @Test // Twisted: test_securityViolationNotFound
        void dotDotAndSlashesAreNotFound() throws IOException {
            Files.writeString(dir.getParent().resolve("secret-" + dir.getFileName()), "secret");
            File root = new File(dir.resolve("payload.txt").getParent());
            for (String bad : List.of("..", ".", "../secret-" + dir.getFileName(), "a\\b", "a\0b")) {
                assertInstanceOf(NoResource.class, root.getChildWithDefault(bad, new DummyRequest()), bad);
            }
        }

        @Test // Twisted: test_forbiddenResource_default (a directory without an index)
        void aDirectoryWithoutAnIndexIsForbiddenByDefault() {
            DummyRequest request = new DummyRequest("");
            IResource child = child(new File(dir), request);
            assertInstanceOf(ForbiddenResource.class, child);
            render(child, request);
            assertEquals(Http.FORBIDDEN, request.responseCode());
        }

        @Test
        void aDirectoryIsListedOnlyWhenAllowed() throws IOException {
            Files.createDirectory(dir.resolve("sub dir"));
            Files.writeString(dir.resolve("<b>.txt"), "");
            File root = new File(dir) {
                {
                    allowDirectoryListing = true;
                }
            };
            DummyRequest request = new DummyRequest("").setUri("/files/");
            String page = render(child(root, request), request).writtenString();
            assertTrue(page.contains("<a href=\"payload.txt\">payload.txt</a>"), page);
            assertTrue(page.contains("<a href=\"sub%20dir/\">sub dir/</a>"), page);
            assertTrue(page.contains("&lt;b&gt;.txt"), page);
        }

        @Test // Twisted: test_indexNames
        void theIndexServesTheTrailingSlash() throws IOException {
            Files.writeString(dir.resolve("index.html"), "<h1>home</h1>");
            DummyRequest request = new DummyRequest("");
            render(child(new File(dir), request), request);
            assertEquals("<h1>home</h1>", request.writtenString());
            assertEquals("text/html", request.responseHeaders().getLastRawHeader("content-type"));
        }

        @Test // Twisted: test_ignoredExtensionsIgnored
        void ignoredExtensionsFindTheFile() {
            File root = new File(dir) {
                {
                    ignoredExts = List.of(".txt");
                }
            };
            DummyRequest request = new DummyRequest("payload");
            render(child(root, request), request);
            assertArrayEquals(payload, request.writtenBytes());
        }

        @Test // Twisted: test_directoryWithoutTrailingSlashRedirects
        void aDirectoryWithoutItsSlashIsRedirected() throws IOException {
            Files.createDirectory(dir.resolve("folder"));
            DummyRequest request = new DummyRequest("folder").setUri("/folder?x=1");
            render(child(new File(dir), request), request);
            assertEquals(Http.FOUND, request.responseCode());
            assertEquals("/folder/?x=1", request.responseHeaders().getLastRawHeader("location"));
        }
    }

    @Nested
    class Serving {
        @Test // Twisted: test_staticFile
        void aFileIsServedWithItsTypeLengthAndDate() {
            DummyRequest request = new DummyRequest("payload.txt");
            render(child(new File(dir), request), request);
            assertArrayEquals(payload, request.writtenBytes());
            assertEquals("text/plain", request.responseHeaders().getLastRawHeader("content-type"));
            assertEquals("64", request.responseHeaders().getLastRawHeader("content-length"));
            assertEquals("bytes", request.responseHeaders().getLastRawHeader("accept-ranges"));
            assertEquals(1, request.finishCount());
        }

        @Test // Twisted: test_headRequest
        void headSendsTheHeadersOnly() {
            DummyRequest request = new DummyRequest("payload.txt").setMethod("HEAD");
            render(child(new File(dir), request), request);
            assertEquals("64", request.responseHeaders().getLastRawHeader("content-length"));
            assertEquals(0, request.writtenBytes().length);
        }

        @Test // Twisted: test_cachedRequestClosesFile
        void anUnmodifiedFileIs304() throws IOException {
            long mtime = Files.getLastModifiedTime(dir.resolve("payload.txt")).toMillis() / 1000 + 1;
            DummyRequest request = new DummyRequest("payload.txt");
            request.requestHeaders().setRawHeader("if-modified-since", Http.datetimeToString(mtime));
            render(child(new File(dir), request), request);
            assertEquals(Http.NOT_MODIFIED, request.responseCode());
            assertEquals(0, request.writtenBytes().length);
        }

        @Test // Twisted: test_static.GetTypeAndEncodingTests
        void typesAndEncodingsComeFromTheExtension() {
            Map<String, String> types = File.loadMimeTypes();
            Map<String, String> encodings = Map.of(".gz", "gzip", ".bz2", "bzip2");
            assertArrayEquals(new String[] {"application/x-tar", "gzip"},
                    File.getTypeAndEncoding("foo.tar.gz", types, encodings, "text/html"));
            assertArrayEquals(new String[] {"text/css", null}, File.getTypeAndEncoding("a.CSS", types, encodings, "x"));
            assertArrayEquals(new String[] {"x/default", null},
                    File.getTypeAndEncoding(".bashrc", types, encodings, "x/default"));
            assertArrayEquals(new String[] {"x/default", null},
                    File.getTypeAndEncoding("noext", types, encodings, "x/default"));
        }

        @Test
        void aLargeFileIsStreamedInChunks() throws IOException {
            byte[] big = new byte[3 * File.BUFFER_SIZE + 17];
            new java.util.Random(1).nextBytes(big);
            Files.write(dir.resolve("big.bin"), big);
            DummyRequest request = new DummyRequest("big.bin");
            render(child(new File(dir), request), request);
            assertArrayEquals(big, request.writtenBytes());
            assertEquals(4, request.written().size());
            assertEquals("text/html", request.responseHeaders().getLastRawHeader("content-type")); // Twisted's default type
        }

        @Test
        void anEmptyFileIsAnEmptyBody() throws IOException {
            Files.write(dir.resolve("empty.txt"), new byte[0]);
            DummyRequest request = new DummyRequest("empty.txt");
            render(child(new File(dir), request), request);
            assertEquals("0", request.responseHeaders().getLastRawHeader("content-length"));
            assertEquals(1, request.finishCount());
        }
    }

    @Nested
    class Ranges { // Twisted: test_static.RangeTests
        private DummyRequest ranged(String range) {
            DummyRequest request = new DummyRequest("payload.txt");
            request.requestHeaders().setRawHeader("range", range);
            return render(child(new File(dir), request), request);
        }

        private String header(DummyRequest r, String name) {
            return r.responseHeaders().getLastRawHeader(name);
        }

        @Test // Twisted: test_invalidRanges
        void invalidRangesAreRejected() {
            for (String bad : List.of("bytes", "unknown=1-2", "bytes=3", "bytes=-", "bytes=foo-", "bytes=-foo", "bytes=5-4")) {
                assertThrows(IllegalArgumentException.class, () -> File.parseRangeHeader(bad), bad);
            }
        }

        @Test // Twisted: test_rangeWithSpace, test_nullRangeElements, test_multipleRanges
        void rangesParseWithTwistedsLeniency() {
            for (String ok : List.of(" bytes=1-2 ", "bytes =1-2 ", "bytes= 1-2", "bytes=1 -2", "bytes=1- 2", "bytes=1-2,\r\n, ,\t")) {
                List<long[]> parsed = File.parseRangeHeader(ok);
                assertEquals(1, parsed.size(), ok);
                assertArrayEquals(new long[] {1, 2}, parsed.get(0), ok);
            }
            assertArrayEquals(new long[] {-1, 3}, File.parseRangeHeader("bytes=-3").get(0));
            assertArrayEquals(new long[] {0, -1}, File.parseRangeHeader("bytes=0-").get(0));
            assertEquals(2, File.parseRangeHeader("bytes=1-2,3-4").size());
        }

        @Test // Twisted: test_bodyLength, test_explicitRange
        void aSingleRangeIs206WithItsContentRange() {
            DummyRequest r = ranged("bytes=0-43");
            assertEquals(Http.PARTIAL_CONTENT, r.responseCode());
            assertEquals(44, r.writtenBytes().length);
            assertEquals("bytes 0-43/64", header(r, "content-range"));
            assertEquals("44", header(r, "content-length"));
        }

        @Test // Twisted: test_implicitEnd, test_implicitStart
        void openRangesRunToTheEndOrFromIt() {
            DummyRequest end = ranged("bytes=23-");
            assertArrayEquals(Arrays.copyOfRange(payload, 23, 64), end.writtenBytes());
            assertEquals("bytes 23-63/64", header(end, "content-range"));
            DummyRequest last = ranged("bytes=-17");
            assertArrayEquals(Arrays.copyOfRange(payload, 47, 64), last.writtenBytes());
            assertEquals("bytes 47-63/64", header(last, "content-range"));
            DummyRequest longer = ranged("bytes=-100");
            assertArrayEquals(payload, longer.writtenBytes());
        }

        @Test // Twisted: test_explicitRangeOverlappingEnd
        void aRangePastTheEndStopsAtIt() {
            DummyRequest r = ranged("bytes=40-100");
            assertArrayEquals(Arrays.copyOfRange(payload, 40, 64), r.writtenBytes());
            assertEquals("bytes 40-63/64", header(r, "content-range"));
        }

        @Test // Twisted: test_statusCodeRequestedRangeNotSatisfiable
        void aRangeOutsideTheFileIs416() {
            DummyRequest r = ranged("bytes=100-200");
            assertEquals(Http.REQUESTED_RANGE_NOT_SATISFIABLE, r.responseCode());
            assertEquals("bytes */64", header(r, "content-range"));
            assertEquals(0, r.writtenBytes().length);
        }

        @Test // Twisted: test_invalidRangeRequest
        void aMalformedRangeIsIgnored() {
            DummyRequest r = ranged("foobar=0-43");
            assertEquals(Http.OK, r.code());
            assertArrayEquals(payload, r.writtenBytes());
            assertEquals("64", header(r, "content-length"));
        }

        @Test // Twisted: test_multipleRangeRequest, test_multipleRangeRequestWithRangeOverlappingEnd
        void severalRangesAreAMultipartResponse() {
            DummyRequest r = ranged("bytes=0-2,20-30,40-100");
            assertEquals(Http.PARTIAL_CONTENT, r.responseCode());
            Matcher m = Pattern.compile("^multipart/byteranges; boundary=\"(.*)\"$").matcher(header(r, "content-type"));
            assertTrue(m.matches(), header(r, "content-type"));
            String body = new String(r.writtenBytes(), UTF_8);
            assertEquals(Integer.parseInt(header(r, "content-length")), r.writtenBytes().length);
            String[] parts = body.split(Pattern.quote("\r\n--" + m.group(1)));
            assertEquals("", parts[0]);
            assertEquals("--\r\n", parts[parts.length - 1]);
            int[][] expected = {{0, 2}, {20, 30}, {40, 63}};
            assertEquals(expected.length, parts.length - 2);
            for (int i = 0; i < expected.length; i++) {
                String[] lines = parts[i + 1].split("\r\n", 5);
                assertEquals("Content-type: text/plain", lines[1]);
                assertEquals("Content-range: bytes " + expected[i][0] + "-" + expected[i][1] + "/64", lines[2]);
                assertEquals(new String(payload, expected[i][0], expected[i][1] - expected[i][0] + 1, UTF_8), lines[4]);
            }
        }

        @Test // Twisted: test_multipleUnsatisfiableRangesSets416ReqestedRangeNotSatisfiable
        void severalRangesOutsideTheFileAre416() {
            DummyRequest r = ranged("bytes=100-200,300-400");
            assertEquals(Http.REQUESTED_RANGE_NOT_SATISFIABLE, r.responseCode());
            assertEquals("0", header(r, "content-length"));
        }
    }

    @Test
    void aChildKeepsTheParentsSettings() {
        File root = new File(dir) {
            {
                allowDirectoryListing = true;
            }
        };
        IResource child = root.getChildWithDefault("payload.txt", new DummyRequest());
        assertInstanceOf(File.class, child);
        assertSame(root.contentTypes, ((File) child).contentTypes);
    }
}
