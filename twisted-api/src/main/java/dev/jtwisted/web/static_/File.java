package dev.jtwisted.web.static_;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jtwisted.internet.IPullProducer;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.web.http.Http;
import dev.jtwisted.web.iweb.IRequest;
import dev.jtwisted.web.resource.ErrorPage;
import dev.jtwisted.web.resource.ForbiddenResource;
import dev.jtwisted.web.resource.IResource;
import dev.jtwisted.web.resource.NoResource;
import dev.jtwisted.web.resource.Resource;
import dev.jtwisted.web.server.Server;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file, or a directory whose files (and subdirectories) are its children, served from disk.
 *
 * <pre>{@code
 * root.putChild("static", new File("/srv/www"));   // /static/css/site.css is /srv/www/css/site.css
 * }</pre>
 *
 * <p>What it does, as Twisted's: GET and HEAD with {@code Content-Type} from the extension
 * ({@link #contentTypes}; {@code .gz} and {@code .bz2} give a {@code Content-Encoding}),
 * {@code Content-Length}, {@code Last-Modified} and 304 for {@code If-Modified-Since},
 * {@code Accept-Ranges: bytes} with single ranges (206 and {@code Content-Range}), several
 * ranges ({@code multipart/byteranges}) and 416 for a range outside the file; a directory
 * requested without its trailing slash is redirected to it, and with it serves its first
 * {@link #indexNames} file. The body is streamed in 64 KiB reads, each once the previous one is
 * sent (a pull producer), so a large file takes no more memory than a small one.
 *
 * <p>Differences from Twisted, on purpose: a directory without an index is 403 Forbidden unless
 * {@link #allowDirectoryListing} is set (Twisted lists every directory); a path segment that is
 * {@code .}, {@code ..}, or contains a slash, a backslash or a NUL is 404 (Twisted does the same
 * through {@code FilePath.child}), and a child must resolve inside the root it was served from;
 * symbolic links are followed, as in Twisted, since only the server's owner can make them.
 * Content types come from a built-in table, not the machine's {@code mime.types}, so a site serves
 * the same types everywhere. Reads are blocking file reads on the reactor thread, as in Twisted.
 *
 * <p>Twisted: {@code twisted.web.static.File}.
 */
public class File extends Resource {
    private static final Logger log = LoggerFactory.getLogger(File.class);
    /** Bytes read per chunk. Twisted: {@code abstract.FileDescriptor.bufferSize}. */
    static final int BUFFER_SIZE = 1 << 16;
    private static final byte[] EMPTY = new byte[0];

    /** Extension (with its dot, lower case) to content type. Twisted: {@code contentTypes}. */
    protected Map<String, String> contentTypes = new HashMap<>(loadMimeTypes());
    /** Extension to content encoding. Twisted: {@code contentEncodings}. */
    protected Map<String, String> contentEncodings = new HashMap<>(Map.of(".gz", "gzip", ".bz2", "bzip2"));
    /** Files served for a directory's trailing slash, first found first. Twisted: {@code indexNames}. */
    protected List<String> indexNames = new ArrayList<>(List.of("index", "index.html", "index.htm"));
    /**
     * Extensions tried when a child does not exist ({@code foo} finds {@code foo.html} with
     * {@code ".html"}); {@code "*"} tries any. Twisted: {@code ignoredExts}.
     */
    protected List<String> ignoredExts = new ArrayList<>();
    /** The type of files whose extension is not in {@link #contentTypes}. Twisted: {@code defaultType}. */
    protected String defaultType;
    /** Whether a directory without an index file is listed (HTML). Off: 403. */
    protected boolean allowDirectoryListing;
    /** Rendered for a child that does not exist. Twisted: {@code childNotFound}. */
    protected IResource childNotFound = new NoResource("File not found.");
    /** Rendered for a file that cannot be read. Twisted: {@code forbidden}. */
    protected IResource forbidden = new ForbiddenResource();

    private final Path path;
    /** The directory (or file) the tree was served from: children never resolve outside it. */
    private final Path root;

    /** Serves the file or directory at {@code path}, unknown types as {@code text/html} (Twisted's default). */
    public File(String path) {
        this(Path.of(path));
    }

    public File(Path path) {
        this(path, "text/html");
    }

    /** Serves {@code path}, unknown types as {@code defaultType}. */
    public File(Path path, String defaultType) {
        this(path, defaultType, null);
    }

    private File(Path path, String defaultType, Path root) {
        this.path = path.toAbsolutePath().normalize();
        this.root = root != null ? root : this.path;
        this.defaultType = defaultType;
    }

    /** The file or directory served. */
    public Path path() {
        return path;
    }

    /**
     * Twisted's additions to the common types, with the web's usual ones. Twisted:
     * {@code loadMimeTypes} (which reads the machine's {@code mime.types} as well).
     */
    public static Map<String, String> loadMimeTypes() {
        Map<String, String> m = new HashMap<>();
        String[][] table = {
            {".html", "text/html"}, {".htm", "text/html"}, {".css", "text/css"}, {".txt", "text/plain"},
            {".csv", "text/csv"}, {".xml", "text/xml"}, {".js", "text/javascript"}, {".mjs", "text/javascript"},
            {".json", "application/json"}, {".map", "application/json"}, {".pdf", "application/pdf"},
            {".zip", "application/zip"}, {".tar", "application/x-tar"}, {".wasm", "application/wasm"},
            {".png", "image/png"}, {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".gif", "image/gif"},
            {".svg", "image/svg+xml"}, {".ico", "image/vnd.microsoft.icon"}, {".webp", "image/webp"},
            {".avif", "image/avif"}, {".bmp", "image/bmp"}, {".tif", "image/tiff"}, {".tiff", "image/tiff"},
            {".woff", "font/woff"}, {".woff2", "font/woff2"}, {".ttf", "font/ttf"}, {".otf", "font/otf"},
            {".mp3", "audio/mpeg"}, {".ogg", "audio/ogg"}, {".wav", "audio/x-wav"}, {".mp4", "video/mp4"},
            {".webm", "video/webm"}, {".py", "text/x-python"}, {".c", "text/plain"}, {".h", "text/plain"},
            {".md", "text/markdown"}, {".rst", "text/plain"}, {".jar", "application/java-archive"},
            // Twisted's own additions (static.loadMimeTypes):
            {".conf", "text/plain"}, {".diff", "text/plain"}, {".flac", "audio/x-flac"}, {".java", "text/plain"},
            {".oz", "text/x-oz"}, {".swf", "application/x-shockwave-flash"}, {".wml", "text/vnd.wap.wml"},
            {".xul", "application/vnd.mozilla.xul+xml"}, {".patch", "text/plain"},
        };
        for (String[] row : table) {
            m.put(row[0], row[1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * The content type and encoding (or null) for {@code filename}: {@code x.tar.gz} is
     * {@code application/x-tar} encoded {@code gzip}. Twisted: {@code getTypeAndEncoding}.
     */
    public static String[] getTypeAndEncoding(String filename, Map<String, String> types,
            Map<String, String> encodings, String defaultType) {
        String ext = extension(filename);
        String enc = encodings.get(ext);
        if (enc != null) {
            ext = extension(filename.substring(0, filename.length() - ext.length()));
        }
        return new String[] {types.getOrDefault(ext, defaultType), enc};
    }

    /** The extension of a file name, lower case with its dot, or {@code ""}: Python's {@code splitext}. */
    private static String extension(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        String base = name.substring(slash + 1);
        int dot = base.lastIndexOf('.');
        boolean leadingDotsOnly = base.substring(0, Math.max(dot, 0)).chars().allMatch(c -> c == '.');
        return dot <= 0 || leadingDotsOnly ? "" : base.substring(dot).toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ children

    /**
     * The child named {@code name} of this directory: a {@link File} for it, the index (or the
     * listing) for {@code ""}, {@link #childNotFound} for a name that does not exist or is not a
     * plain name (see the class comment). Twisted: {@code File.getChild}.
     */
    @Override
    public IResource getChild(String name, IRequest request) {
        if (!Files.isDirectory(path)) {
            return childNotFound;
        }
        if (name.isEmpty()) {
            for (String index : indexNames) {
                Path candidate = path.resolve(index);
                if (Files.exists(candidate)) {
                    return createSimilarFile(candidate);
                }
            }
            return directoryListing();
        }
        if (!isPlainName(name)) {
            return childNotFound;
        }
        Path child = path.resolve(name).normalize();
        if (!child.startsWith(root) || !child.getParent().equals(path)) {
            return childNotFound;
        }
        if (!Files.exists(child)) {
            child = siblingExtensionSearch(child);
            if (child == null) {
                return childNotFound;
            }
        }
        return createSimilarFile(child);
    }

    private static boolean isPlainName(String name) {
        return !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0 && name.indexOf('\\') < 0
                && name.indexOf('\0') < 0;
    }

    /** {@code child} with one of the ignored extensions, if such a file exists. Twisted: {@code siblingExtensionSearch}. */
    private Path siblingExtensionSearch(Path child) {
        for (String ext : ignoredExts) {
            if (ext.equals("*")) {
                String prefix = child.getFileName() + ".";
                try (Stream<Path> siblings = Files.list(path)) {
                    Path found = siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted()
                            .findFirst().orElse(null);
                    if (found != null) {
                        return found;
                    }
                } catch (IOException e) {
                    log.info("{}: cannot list {} for {}: {}", this, path, child, e.toString());
                    return null;
                }
            } else {
                Path candidate = child.resolveSibling(child.getFileName() + ext);
                if (Files.exists(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /**
     * A File for {@code path} configured as this one (types, index names, error pages, listing,
     * the same root). Twisted: {@code createSimilarFile}.
     */
    protected File createSimilarFile(Path path) {
        File f = new File(path, defaultType, root);
        f.contentTypes = contentTypes;
        f.contentEncodings = contentEncodings;
        f.indexNames = indexNames;
        f.ignoredExts = ignoredExts;
        f.allowDirectoryListing = allowDirectoryListing;
        f.childNotFound = childNotFound;
        f.forbidden = forbidden;
        return f;
    }

    /** This directory's listing, or {@link #forbidden} unless {@link #allowDirectoryListing}. */
    protected IResource directoryListing() {
        if (!allowDirectoryListing) {
            return forbidden;
        }
        return new DirectoryLister(path);
    }

    // ------------------------------------------------------------------ rendering

    @Override
    public byte[] render_HEAD(IRequest request) {
        return render_GET(request);
    }

    /**
     * Sends the file (or the part its {@code Range} header asks for), or redirects a directory
     * to its trailing slash. Twisted: {@code File.render_GET}.
     */
    public byte[] render_GET(IRequest request) {
        if (!Files.exists(path)) {
            return childNotFound.render(request);
        }
        if (Files.isDirectory(path)) {
            return redirect(request);
        }
        String[] typeAndEncoding = getTypeAndEncoding(path.getFileName().toString(), contentTypes, contentEncodings,
                defaultType);
        request.setHeader("accept-ranges", "bytes");
        FileChannel file;
        long size;
        long modified;
        try {
            file = FileChannel.open(path, StandardOpenOption.READ);
            size = file.size();
            modified = Files.getLastModifiedTime(path).toMillis();
        } catch (AccessDeniedException e) {
            return forbidden.render(request);
        } catch (NoSuchFileException e) {
            return childNotFound.render(request);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (request.setLastModified((modified + 999) / 1000)) {
            close(file);
            return EMPTY;
        }
        if (request.method().equals("HEAD")) {
            setContentHeaders(request, size, typeAndEncoding);
            close(file);
            return EMPTY;
        }
        IPullProducer producer = makeProducer(request, file, size, typeAndEncoding);
        request.registerProducer(producer, false);
        return Server.NOT_DONE_YET;
    }

    private static void close(FileChannel file) {
        try {
            file.close();
        } catch (IOException e) {
            log.debug("closing {}", file, e);
        }
    }

    private byte[] redirect(IRequest request) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        String target = q < 0 ? uri + "/" : uri.substring(0, q) + "/" + uri.substring(q);
        request.redirect(target);
        request.setHeader("content-type", "text/html; charset=utf-8");
        String escaped = ErrorPage.escape(target);
        return ("\n<html>\n    <head>\n        <meta http-equiv=\"refresh\" content=\"0;URL=" + escaped + "\">\n"
                + "    </head>\n    <body bgcolor=\"#FFFFFF\" text=\"#000000\">\n    <a href=\"" + escaped
                + "\">click here</a>\n    </body>\n</html>\n").getBytes(UTF_8);
    }

    private static void setContentHeaders(IRequest request, long size, String[] typeAndEncoding) {
        request.setHeader("content-length", Long.toString(size));
        if (typeAndEncoding[0] != null) {
            request.setHeader("content-type", typeAndEncoding[0]);
        }
        if (typeAndEncoding[1] != null) {
            request.setHeader("content-encoding", typeAndEncoding[1]);
        }
    }

    /** Sets the status and headers for the request's range, and makes the body's producer. Twisted: {@code makeProducer}. */
    private IPullProducer makeProducer(IRequest request, FileChannel file, long size, String[] typeAndEncoding) {
        String byteRange = request.getHeader("range");
        if (byteRange == null) {
            setContentHeaders(request, size, typeAndEncoding);
            request.setResponseCode(Http.OK);
            return new RangeProducer(request, file, List.of(new Part(EMPTY, 0, size)));
        }
        List<long[]> ranges;
        try {
            ranges = parseRangeHeader(byteRange);
        } catch (IllegalArgumentException e) {
            log.info("Ignoring malformed Range header {}: {}", byteRange, e.getMessage());
            setContentHeaders(request, size, typeAndEncoding);
            request.setResponseCode(Http.OK);
            return new RangeProducer(request, file, List.of(new Part(EMPTY, 0, size)));
        }
        if (ranges.size() == 1) {
            long[] offsetAndSize = rangeToOffsetAndSize(ranges.get(0), size);
            if (offsetAndSize[0] == 0 && offsetAndSize[1] == 0) {
                request.setResponseCode(Http.REQUESTED_RANGE_NOT_SATISFIABLE);
                request.setHeader("content-range", "bytes */" + size);
            } else {
                request.setResponseCode(Http.PARTIAL_CONTENT);
                request.setHeader("content-range", contentRange(offsetAndSize, size));
            }
            setContentHeaders(request, offsetAndSize[1], typeAndEncoding);
            return new RangeProducer(request, file, List.of(new Part(EMPTY, offsetAndSize[0], offsetAndSize[1])));
        }
        return multipleRanges(request, file, size, ranges, typeAndEncoding[0]);
    }

    private IPullProducer multipleRanges(IRequest request, FileChannel file, long size, List<long[]> ranges,
            String type) {
        String boundary = Long.toHexString(System.nanoTime() / 1000) + Long.toHexString(ProcessHandle.current().pid());
        String partType = type != null ? type : "bytes";
        List<Part> parts = new ArrayList<>();
        long contentLength = 0;
        for (long[] range : ranges) {
            long[] offsetAndSize = rangeToOffsetAndSize(range, size);
            if (offsetAndSize[0] == 0 && offsetAndSize[1] == 0) {
                continue;
            }
            byte[] separator = ("\r\n--" + boundary + "\r\nContent-type: " + partType + "\r\nContent-range: "
                    + contentRange(offsetAndSize, size) + "\r\n\r\n").getBytes(UTF_8);
            contentLength += offsetAndSize[1] + separator.length;
            parts.add(new Part(separator, offsetAndSize[0], offsetAndSize[1]));
        }
        if (parts.isEmpty()) {
            request.setResponseCode(Http.REQUESTED_RANGE_NOT_SATISFIABLE);
            request.setHeader("content-length", "0");
            request.setHeader("content-range", "bytes */" + size);
            return new RangeProducer(request, file, List.of());
        }
        byte[] finalBoundary = ("\r\n--" + boundary + "--\r\n").getBytes(UTF_8);
        parts.add(new Part(finalBoundary, 0, 0));
        request.setResponseCode(Http.PARTIAL_CONTENT);
        request.setHeader("content-type", "multipart/byteranges; boundary=\"" + boundary + "\"");
        request.setHeader("content-length", Long.toString(contentLength + finalBoundary.length));
        return new RangeProducer(request, file, parts);
    }

    /**
     * The (start, end) pairs of a {@code Range} header's value, -1 for an omitted start or end
     * (not both). Twisted: {@code File._parseRangeHeader}.
     *
     * @throws IllegalArgumentException if it is malformed or not in bytes
     */
    static List<long[]> parseRangeHeader(String range) {
        int eq = range.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("Missing '=' separator");
        }
        String kind = range.substring(0, eq).trim();
        if (!kind.equals("bytes")) {
            throw new IllegalArgumentException("Unsupported Bytes-Unit: " + kind);
        }
        List<long[]> parsed = new ArrayList<>();
        for (String byteRange : range.substring(eq + 1).split(",")) {
            byteRange = byteRange.strip();
            if (byteRange.isEmpty()) {
                continue;
            }
            int dash = byteRange.indexOf('-');
            if (dash < 0) {
                throw new IllegalArgumentException("Invalid Byte-Range: " + byteRange);
            }
            long start = number(byteRange.substring(0, dash), byteRange);
            long end = number(byteRange.substring(dash + 1), byteRange);
            if (start >= 0 && end >= 0 && start > end) {
                throw new IllegalArgumentException("Invalid Byte-Range: " + byteRange);
            }
            if (start < 0 && end < 0) {
                throw new IllegalArgumentException("Invalid Byte-Range: " + byteRange);
            }
            parsed.add(new long[] {start, end});
        }
        return parsed;
    }

    private static long number(String text, String byteRange) {
        String s = text.strip();
        if (s.isEmpty()) {
            return -1;
        }
        try {
            long n = Long.parseLong(s);
            if (n < 0) {
                throw new NumberFormatException(s);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid Byte-Range: " + byteRange);
        }
    }

    /**
     * A range's offset and size within a file of {@code size} bytes; (0, 0) if it does not
     * overlap the file. Twisted: {@code File._rangeToOffsetAndSize}.
     */
    static long[] rangeToOffsetAndSize(long[] range, long size) {
        long start = range[0];
        long end = range[1];
        if (start < 0) {
            start = Math.max(0, size - end);
            end = size;
        } else if (end < 0) {
            end = size;
        } else if (end < size) {
            end += 1;
        } else if (end > size) {
            end = size;
        }
        if (start >= size) {
            start = end = 0;
        }
        return new long[] {start, end - start};
    }

    private static String contentRange(long[] offsetAndSize, long size) {
        return "bytes " + offsetAndSize[0] + "-" + (offsetAndSize[0] + offsetAndSize[1] - 1) + "/" + size;
    }

    @Override
    public String toString() {
        return "File(" + path + ")";
    }

    /** A separator, then {@code size} bytes of the file from {@code offset}. */
    private record Part(byte[] separator, long offset, long size) {}

    /**
     * Writes parts of a file to a request, one chunk each time it is asked, then finishes it.
     * Twisted: {@code NoRangeStaticProducer}, {@code SingleRangeStaticProducer},
     * {@code MultipleRangeStaticProducer}.
     */
    private static final class RangeProducer implements IPullProducer {
        private IRequest request;
        private final FileChannel file;
        private final List<Part> parts;
        private int partIndex;
        private long done;
        private boolean separatorSent;

        RangeProducer(IRequest request, FileChannel file, List<Part> parts) {
            this.request = request;
            this.file = file;
            this.parts = parts;
        }

        @Override
        public void resumeProducing() {
            IRequest r = request;
            if (r == null) {
                return;
            }
            if (partIndex == parts.size()) {
                r.unregisterProducer();
                r.finish();
                stopProducing();
                return;
            }
            Part part = parts.get(partIndex);
            if (!separatorSent && part.separator().length > 0) {
                separatorSent = true;
                r.write(part.separator());
                if (part.size() > 0) {
                    return;
                }
            }
            int want = (int) Math.min(BUFFER_SIZE, part.size() - done);
            if (want > 0) {
                ByteBuffer chunk = ByteBuffer.allocate(want);
                try {
                    while (chunk.hasRemaining()) {
                        int n = file.read(chunk, part.offset() + done + chunk.position());
                        if (n < 0) {
                            throw new IOException("file shrank while being served");
                        }
                    }
                } catch (IOException e) {
                    stopProducing();
                    r.unregisterProducer();
                    r.processingFailed(new Failure(e));
                    return;
                }
                done += want;
                r.write(chunk.array());
            }
            if (done >= part.size()) {
                partIndex++;
                done = 0;
                separatorSent = false;
                if (want == 0) {
                    resumeProducing(); // an empty part: go on at once
                }
            }
        }

        @Override
        public void stopProducing() {
            request = null;
            close(file);
        }
    }

    /** An HTML list of a directory's entries. Twisted: {@code DirectoryLister}, much simplified. */
    private static final class DirectoryLister extends Resource {
        private final Path dir;

        DirectoryLister(Path dir) {
            this.dir = dir;
        }

        public byte[] render_GET(IRequest request) {
            List<String> names = new ArrayList<>();
            try (Stream<Path> entries = Files.list(dir)) {
                entries.forEach(p -> names.add(p.getFileName().toString() + (Files.isDirectory(p) ? "/" : "")));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Collections.sort(names);
            String title = ErrorPage.escape("Directory listing for " + Http.unquote(request.path()));
            StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>")
                    .append(title).append("</title></head>\n<body>\n<h1>").append(title).append("</h1>\n<ul>\n");
            for (String name : names) {
                boolean isDir = name.endsWith("/");
                String bare = isDir ? name.substring(0, name.length() - 1) : name;
                b.append("<li><a href=\"").append(Http.quote(bare)).append(isDir ? "/" : "").append("\">")
                        .append(ErrorPage.escape(name)).append("</a></li>\n");
            }
            b.append("</ul>\n</body>\n</html>\n");
            request.setHeader("content-type", "text/html; charset=utf-8");
            return b.toString().getBytes(UTF_8);
        }
    }
}
