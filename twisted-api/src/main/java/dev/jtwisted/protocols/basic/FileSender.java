package dev.jtwisted.protocols.basic;

import dev.jtwisted.internet.IConsumer;
import dev.jtwisted.internet.IPullProducer;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A producer that writes a file's contents to a consumer, one chunk each time the consumer asks,
 * and fires a Deferred when done. For sending a file over a transport without reading it all
 * into memory; it registers itself as a non-streaming ({@link IPullProducer}) producer.
 *
 * <p>Reads block the reactor thread for one chunk at a time, as in Twisted; that is quick for a
 * local file, but do not give it a stream that may wait on the network.
 *
 * <p>Threads: call it, and let its consumer drive it, on the reactor thread.
 *
 * <p>Twisted: {@code twisted.protocols.basic.FileSender}.
 */
public class FileSender implements IPullProducer {
    private static final Logger log = LoggerFactory.getLogger(FileSender.class);
    private static final byte[] NOTHING = new byte[0];

    /** How many bytes each {@link #resumeProducing()} reads. Twisted: {@code CHUNK_SIZE}, 2**14. */
    protected int CHUNK_SIZE = 1 << 14;

    private InputStream file;
    private boolean ownsFile;
    private IConsumer consumer;
    private UnaryOperator<byte[]> transform;
    private Deferred<byte[]> deferred;
    private byte[] lastSent = NOTHING;

    /**
     * Starts sending {@code file} to {@code consumer}: registers as its producer, which asks for
     * chunks by calling {@link #resumeProducing()}. The stream stays open; closing it is the
     * caller's job.
     *
     * <p>Twisted: {@code FileSender.beginFileTransfer(file, consumer)}.
     *
     * @return fires with the last byte written (a one-byte array; empty if nothing was) when
     *     the whole file has been written; fails with the {@link IOException} if a read fails,
     *     or with an {@link Exception} "Consumer asked us to stop producing" on
     *     {@link #stopProducing()}
     */
    public Deferred<byte[]> beginFileTransfer(InputStream file, IConsumer consumer) {
        return beginFileTransfer(file, consumer, null);
    }

    /**
     * As {@link #beginFileTransfer(InputStream, IConsumer)}, passing each chunk read through
     * {@code transform} before writing it.
     *
     * <p>Twisted: {@code FileSender.beginFileTransfer(file, consumer, transform)}.
     *
     * @param transform takes each chunk and returns the bytes to write; null for none. The Deferred
     *     fires with the last byte of what it returned.
     */
    public Deferred<byte[]> beginFileTransfer(InputStream file, IConsumer consumer,
            UnaryOperator<byte[]> transform) {
        Objects.requireNonNull(file, "file");
        return begin(file, false, consumer, transform);
    }

    /**
     * Opens the file at {@code path} and sends it to {@code consumer}, as
     * {@link #beginFileTransfer(InputStream, IConsumer, UnaryOperator)} does; the file is closed
     * when the transfer ends, fails or is stopped.
     *
     * @return as the stream version; fails at once, without registering, if the file cannot be
     *     opened
     */
    public Deferred<byte[]> beginFileTransfer(Path path, IConsumer consumer) {
        return beginFileTransfer(path, consumer, null);
    }

    /**
     * Opens the file at {@code path} and sends it to {@code consumer}, transformed: see
     * {@link #beginFileTransfer(InputStream, IConsumer, UnaryOperator)}.
     */
    public Deferred<byte[]> beginFileTransfer(Path path, IConsumer consumer,
            UnaryOperator<byte[]> transform) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(consumer, "consumer");
        InputStream opened;
        try {
            opened = Files.newInputStream(path);
        } catch (IOException e) {
            return Defer.fail(e);
        }
        return begin(opened, true, consumer, transform);
    }

    private Deferred<byte[]> begin(InputStream file, boolean owned, IConsumer consumer,
            UnaryOperator<byte[]> transform) {
        this.file = file;
        this.ownsFile = owned;
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.transform = transform;
        Deferred<byte[]> d = new Deferred<>();
        this.deferred = d;
        try {
            consumer.registerProducer(this, false);
        } catch (RuntimeException e) {
            closeFile();
            deferred = null;
            throw e;
        }
        return d;
    }

    /**
     * Reads one chunk and writes it to the consumer; at the end of the file, unregisters and
     * fires the Deferred. A read that fails (or a transform that throws) ends the transfer the
     * same way, failing the Deferred.
     *
     * <p>Twisted: {@code FileSender.resumeProducing}.
     */
    @Override
    public void resumeProducing() {
        byte[] chunk = NOTHING;
        if (file != null) {
            try {
                chunk = file.readNBytes(CHUNK_SIZE);
            } catch (IOException | UncheckedIOException e) {
                finish();
                fail(e);
                return;
            }
        }
        if (chunk.length == 0) {
            finish();
            Deferred<byte[]> d = deferred;
            deferred = null;
            if (d != null) {
                d.callback(lastSent);
            }
            return;
        }
        if (transform != null) {
            try {
                chunk = Objects.requireNonNull(transform.apply(chunk), "transform returned null");
            } catch (RuntimeException e) {
                finish();
                fail(e);
                return;
            }
        }
        consumer.write(chunk);
        lastSent = chunk.length == 0 ? NOTHING : new byte[] {chunk[chunk.length - 1]};
    }

    /** Nothing to do: a non-streaming producer is not paused. Twisted: {@code pauseProducing}. */
    public void pauseProducing() {}

    /**
     * The consumer is going away: fails the Deferred, and closes the file if this sender opened
     * it.
     *
     * <p>Twisted: {@code FileSender.stopProducing}.
     */
    @Override
    public void stopProducing() {
        if (ownsFile) {
            closeFile();
        }
        Deferred<byte[]> d = deferred;
        deferred = null;
        if (d != null) {
            d.errback(new Exception("Consumer asked us to stop producing"));
        }
    }

    /** Forgets the file (closing it if ours) and unregisters from the consumer. */
    private void finish() {
        closeFile();
        consumer.unregisterProducer();
    }

    private void closeFile() {
        InputStream f = file;
        file = null;
        if (f != null && ownsFile) {
            try {
                f.close();
            } catch (IOException e) {
                log.warn("{}: closing the file sent failed", this, e);
            }
        }
    }

    private void fail(Exception e) {
        Deferred<byte[]> d = deferred;
        deferred = null;
        if (d != null) {
            d.errback(e);
        } else {
            log.warn("{}: reading the file failed after the transfer was stopped", this, e);
        }
    }
}
