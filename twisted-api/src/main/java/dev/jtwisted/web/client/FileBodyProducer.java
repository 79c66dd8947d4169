package dev.jtwisted.web.client;

import dev.jtwisted.internet.IConsumer;
import dev.jtwisted.internet.defer.CancelledError;
import dev.jtwisted.internet.defer.Deferred;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request body read from an {@link InputStream}, {@code readSize} bytes at a time, for as long
 * as the connection wants more: writing stops while the connection pauses it (its send buffer is
 * full) and goes on when it resumes. The stream is read on the reactor thread, as Twisted reads
 * its file, so it should be a file or memory, not a socket. It is closed at the end.
 *
 * <pre>{@code
 * agent.request("POST", url, headers, FileBodyProducer.of("name=value"));
 * }</pre>
 *
 * <p>Twisted: {@code twisted.web.client.FileBodyProducer}, which runs its loop on a
 * {@code Cooperator}; this one writes until paused and goes on from {@code resumeProducing}.
 */
public final class FileBodyProducer implements IBodyProducer {
    private static final Logger log = LoggerFactory.getLogger(FileBodyProducer.class);
    /** The default bytes read at a time. Twisted: {@code readSize=2**16}. */
    public static final int DEFAULT_READ_SIZE = 1 << 16;

    private final InputStream inputFile;
    private final long length;
    private final int readSize;
    private IConsumer consumer;
    private Deferred<Void> finished;
    private boolean paused;
    private boolean stopped;
    private boolean writing;

    /**
     * A body of unknown length (sent chunked), unless {@code inputFile} is a
     * {@link ByteArrayInputStream}, whose length is known.
     */
    public FileBodyProducer(InputStream inputFile) {
        this(inputFile, inputFile instanceof ByteArrayInputStream ? ((ByteArrayInputStream) inputFile).available()
                : UNKNOWN_LENGTH, DEFAULT_READ_SIZE);
    }

    /**
     * @param length the bytes {@code inputFile} has left (exactly that many are sent), or
     *     {@link #UNKNOWN_LENGTH}
     * @param readSize bytes read at a time
     * @throws IllegalArgumentException if {@code readSize < 1} or {@code length} is negative and not
     *     {@link #UNKNOWN_LENGTH}
     */
    public FileBodyProducer(InputStream inputFile, long length, int readSize) {
        this.inputFile = Objects.requireNonNull(inputFile, "inputFile");
        if (readSize < 1) {
            throw new IllegalArgumentException("readSize < 1: " + readSize);
        }
        if (length < 0 && length != UNKNOWN_LENGTH) {
            throw new IllegalArgumentException("length < 0: " + length);
        }
        this.length = length;
        this.readSize = readSize;
    }

    /** A body of these bytes (not copied), sent with {@code Content-Length}. */
    public static FileBodyProducer of(byte[] body) {
        return new FileBodyProducer(new ByteArrayInputStream(body), body.length, DEFAULT_READ_SIZE);
    }

    /** A body of {@code body} in UTF-8, sent with {@code Content-Length}. */
    public static FileBodyProducer of(String body) {
        return of(body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public long length() {
        return length;
    }

    /**
     * Writes the stream to {@code consumer}. The Deferred fires once it is all written, fails
     * with the {@link UncheckedIOException} of a failed read, and never fires after
     * {@link #stopProducing()}; cancelling it stops producing (and fails it with
     * {@link CancelledError}).
     *
     * @throws IllegalStateException if it was already started
     */
    @Override
    public Deferred<Void> startProducing(IConsumer consumer) {
        if (this.consumer != null) {
            throw new IllegalStateException(this + " was already started");
        }
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        finished = new Deferred<>(d -> stopProducing());
        writeLoop();
        return finished;
    }

    private void writeLoop() {
        if (writing) {
            return; // resumed from inside a write: the loop below goes on
        }
        writing = true;
        try {
            while (!paused && !stopped) {
                byte[] chunk;
                try {
                    chunk = inputFile.readNBytes(readSize);
                } catch (IOException e) {
                    stopped = true;
                    close();
                    finished.errback(new UncheckedIOException("cannot read the request body from " + inputFile, e));
                    return;
                }
                if (chunk.length == 0) {
                    stopped = true;
                    close();
                    finished.callback(null);
                    return;
                }
                consumer.write(chunk);
            }
        } finally {
            writing = false;
        }
    }

    private void close() {
        try {
            inputFile.close();
        } catch (IOException e) {
            log.warn("Closing the request body stream {} failed", inputFile, e);
        }
    }

    /** Stops writing until {@link #resumeProducing()}. */
    @Override
    public void pauseProducing() {
        paused = true;
    }

    /** Goes on writing. */
    @Override
    public void resumeProducing() {
        paused = false;
        if (consumer != null && !stopped) {
            writeLoop();
        }
    }

    /** Stops for good and closes the stream; the Deferred does not fire. */
    @Override
    public void stopProducing() {
        if (!stopped) {
            stopped = true;
            close();
        }
    }

    @Override
    public String toString() {
        return "FileBodyProducer(" + (length == UNKNOWN_LENGTH ? "unknown length" : length + " bytes") + ")";
    }
}
