package dev.jtwisted.internet.utils;

import dev.jtwisted.internet.defer.Deferred;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A process run by {@link Utils#getProcessOutput} wrote to its stderr, which was not allowed.
 * It is an {@link UncheckedIOException} (its cause an {@link IOException} with the same
 * message), as Twisted's is an {@code IOError}, so code trapping I/O errors catches it.
 *
 * <p>Twisted: {@code twisted.internet.utils._UnexpectedErrorOutput}.
 */
public class UnexpectedErrorOutput extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    private final transient Deferred<Void> processEnded;

    /**
     * @param text the first bytes the process wrote to stderr
     * @param processEnded see {@link #processEnded()}
     */
    public UnexpectedErrorOutput(byte[] text, Deferred<Void> processEnded) {
        this("got stderr: " + repr(text), processEnded);
    }

    private UnexpectedErrorOutput(String message, Deferred<Void> processEnded) {
        super(message, new IOException(message));
        this.processEnded = processEnded;
    }

    /**
     * Fires when the process has ended (exited, every pipe closed), always as a failure: with
     * its reason, {@code ProcessDone} or {@code ProcessTerminated}.
     */
    public Deferred<Void> processEnded() {
        return processEnded;
    }

    /** The bytes as Python prints them: {@code b'...'} with escapes. */
    static String repr(byte[] text) {
        StringBuilder s = new StringBuilder("b'");
        for (byte b : text) {
            int c = b & 0xff;
            if (c == '\\' || c == '\'') {
                s.append('\\').append((char) c);
            } else if (c == '\n') {
                s.append("\\n");
            } else if (c == '\r') {
                s.append("\\r");
            } else if (c == '\t') {
                s.append("\\t");
            } else if (c < 0x20 || c >= 0x7f) {
                s.append(String.format("\\x%02x", c));
            } else {
                s.append((char) c);
            }
        }
        return s.append('\'').toString();
    }
}
