package dev.jtwisted.samples.httpget;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A whole HTTP/1.0 response, as read until the connection closed, split into its status line,
 * its head (status line and headers, as received) and its body.
 *
 * @param statusLine e.g. {@code HTTP/1.0 200 OK}
 * @param code e.g. 200
 * @param head the bytes up to and including the blank line after the headers
 * @param body the bytes after it: all of them, or {@code Content-Length} of them when given
 */
record Response(String statusLine, int code, byte[] head, byte[] body) {
    private static final Pattern STATUS = Pattern.compile("HTTP/\\d\\.\\d (\\d{3})( .*)?");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:[ \\t]*(\\d+)[ \\t]*$");

    /** What the server sent was not an HTTP response, or ended early. */
    static final class BadResponse extends IOException {
        private static final long serialVersionUID = 1L;

        BadResponse(String message) {
            super(message);
        }
    }

    /**
     * @throws BadResponse if there is no status line, no end of headers, or fewer body bytes
     *     than {@code Content-Length} says
     */
    static Response parse(byte[] response) throws BadResponse {
        int end = indexOf(response, "\r\n\r\n".getBytes(ISO_8859_1));
        int headLength = end + 4;
        if (end < 0) {
            end = indexOf(response, "\n\n".getBytes(ISO_8859_1));
            headLength = end + 2;
        }
        if (end < 0) {
            throw new BadResponse("the server closed the connection before the end of the headers ("
                    + response.length + " bytes received)");
        }
        String head = new String(response, 0, headLength, ISO_8859_1);
        String statusLine = head.lines().findFirst().orElse("");
        Matcher status = STATUS.matcher(statusLine);
        if (!status.matches()) {
            throw new BadResponse("not an HTTP response: the first line is '" + statusLine + "'");
        }
        byte[] body = Arrays.copyOfRange(response, headLength, response.length);
        Matcher length = CONTENT_LENGTH.matcher(head);
        if (length.find()) {
            long expected = Long.parseLong(length.group(1));
            if (body.length < expected) {
                throw new BadResponse("the server closed the connection after " + body.length + " of "
                        + expected + " body bytes");
            }
            body = Arrays.copyOf(body, (int) expected);
        }
        return new Response(statusLine, Integer.parseInt(status.group(1)),
                Arrays.copyOf(response, headLength), body);
    }

    /** Whether the code is 2xx. */
    boolean ok() {
        return code >= 200 && code < 300;
    }

    private static int indexOf(byte[] data, byte[] target) {
        outer:
        for (int i = 0; i + target.length <= data.length; i++) {
            for (int j = 0; j < target.length; j++) {
                if (data[i + j] != target[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Response(%s, %d body bytes)", statusLine, body.length);
    }
}
