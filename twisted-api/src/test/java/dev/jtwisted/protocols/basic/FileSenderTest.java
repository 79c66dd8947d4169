package dev.jtwisted.protocols.basic;

import static dev.jtwisted.protocols.basic.TestSupport.b;
import static dev.jtwisted.protocols.basic.TestSupport.s;
import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.IPullProducer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.testing.StringTransport;
import dev.jtwisted.protocols.basic.TestSupport.RecordingTransport;
import dev.jtwisted.python.failure.Failure;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSenderTest {
    private final StringTransport consumer = new StringTransport();

    private static InputStream source() {
        return new ByteArrayInputStream(b("Test content"));
    }

    /** Swaps the case of ASCII letters. Twisted: bytes.swapcase. */
    private static byte[] swapcase(byte[] chunk) {
        byte[] out = chunk.clone();
        for (int i = 0; i < out.length; i++) {
            char c = (char) out[i];
            out[i] = (byte) (Character.isUpperCase(c) ? Character.toLowerCase(c)
                    : Character.toUpperCase(c));
        }
        return out;
    }

    /** A stream that records whether it was closed. */
    static class TrackedStream extends FilterInputStream {
        boolean closed;

        TrackedStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }

    @Nested
    class TwistedCases {
        @Test // Twisted: test_basic.FileSenderTests.test_interface
        void aFileSenderIsAPullProducer() {
            assertInstanceOf(IPullProducer.class, new FileSender());
        }

        @Test // Twisted: test_basic.FileSenderTests.test_producerRegistered
        void beginFileTransferRegistersAsANonStreamingProducer() {
            FileSender sender = new FileSender();
            sender.beginFileTransfer(source(), consumer);
            assertSame(sender, consumer.producer());
            assertFalse(consumer.streaming());
        }

        @Test // Twisted: test_basic.FileSenderTests.test_transfer
        void theFileIsWrittenAndTheDeferredFiresWithTheLastByte() {
            FileSender sender = new FileSender();
            Deferred<byte[]> d = sender.beginFileTransfer(source(), consumer);
            sender.resumeProducing();
            assertNoResult(d);
            // resumeProducing only finishes after trying to read at eof
            sender.resumeProducing();
            assertNull(consumer.producer());
            assertEquals("t", s(successResultOf(d)));
            assertEquals("Test content", consumer.valueString());
        }

        @Test // Twisted: test_basic.FileSenderTests.test_transferMultipleChunks
        void eachResumeReadsAtMostChunkSize() {
            FileSender sender = new FileSender();
            sender.CHUNK_SIZE = 4;
            Deferred<byte[]> d = sender.beginFileTransfer(source(), consumer);
            sender.resumeProducing();
            assertEquals("Test", consumer.valueString());
            sender.resumeProducing();
            assertEquals("Test con", consumer.valueString());
            sender.resumeProducing();
            assertEquals("Test content", consumer.valueString());
            assertNoResult(d);
            sender.resumeProducing();
            assertEquals("t", s(successResultOf(d)));
            assertEquals("Test content", consumer.valueString());
        }

        @Test // Twisted: test_basic.FileSenderTests.test_transferWithTransform
        void aTransformChangesTheDataOnTheWay() {
            FileSender sender = new FileSender();
            Deferred<byte[]> d = sender.beginFileTransfer(source(), consumer,
                    FileSenderTest::swapcase);
            sender.resumeProducing();
            sender.resumeProducing();
            assertEquals("T", s(successResultOf(d)));
            assertEquals("tEST CONTENT", consumer.valueString());
        }

        @Test // Twisted: test_basic.FileSenderTests.test_abortedTransfer
        void stopProducingFailsTheDeferred() {
            FileSender sender = new FileSender();
            Deferred<byte[]> d = sender.beginFileTransfer(source(), consumer);
            sender.stopProducing();
            Failure failure = failureResultOf(d, Exception.class);
            assertEquals(Exception.class, failure.type());
            assertEquals("Consumer asked us to stop producing", failure.value().getMessage());
        }
    }

    @Nested
    class Chunks {
        @Test
        void theDefaultChunkIs16KiB() {
            byte[] data = new byte[40000];
            new Random(1).nextBytes(data);
            RecordingTransport t = new RecordingTransport();
            FileSender sender = new FileSender();
            Deferred<byte[]> d = sender.beginFileTransfer(new ByteArrayInputStream(data), t);
            for (int i = 0; i < 4; i++) {
                sender.resumeProducing();
            }
            assertEquals(List.of(16384, 16384, 7232),
                    t.writes.stream().map(String::length).toList());
            assertArrayEquals(data, t.value());
            assertArrayEquals(new byte[] {data[data.length - 1]}, successResultOf(d));
        }

        @Test
        void anEmptyFileFiresWithAnEmptyArray() {
            FileSender sender = new FileSender();
            Deferred<byte[]> d = sender.beginFileTransfer(new ByteArrayInputStream(new byte[0]),
                    consumer);
            sender.resumeProducing();
            assertEquals(0, successResultOf(d).length);
            assertNull(consumer.producer());
        }

        @Test
        void aTransformMayReturnNothing() {
            FileSender sender = new FileSender();
            Deferred<byte[]> d = sender.beginFileTransfer(source(), consumer, chunk -> new byte[0]);
            sender.resumeProducing();
            sender.resumeProducing();
            assertEquals(0, successResultOf(d).length);
            assertEquals("", consumer.valueString());
        }

        @Test
        void aStreamPassedInIsLeftOpen() {
            TrackedStream stream = new TrackedStream(source());
            FileSender sender = new FileSender();
            Deferred<byte[]> d = sender.beginFileTransfer(stream, consumer);
            sender.resumeProducing();
            sender.resumeProducing();
            successResultOf(d);
            assertFalse(stream.closed);
        }

        @Test
        void stopProducingAfterTheEndChangesNothing() {
            FileSender sender = new FileSender();
            Deferred<byte[]> d = sender.beginFileTransfer(source(), consumer);
            sender.resumeProducing();
            sender.resumeProducing();
            sender.stopProducing();
            assertEquals("t", s(successResultOf(d)));
        }
    }

    @Nested
    class Errors {
        @Test
        void aReadErrorFailsTheDeferredAndUnregisters() {
            IOException boom = new IOException("disk on fire");
            InputStream failing = new FilterInputStream(source()) {
                int reads;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (len == 0) {
                        return 0;
                    }
                    if (reads++ > 0) {
                        throw boom;
                    }
                    return super.read(b, off, 4);
                }
            };
            FileSender sender = new FileSender();
            sender.CHUNK_SIZE = 4;
            Deferred<byte[]> d = sender.beginFileTransfer(failing, consumer);
            sender.resumeProducing();
            assertEquals("Test", consumer.valueString());
            sender.resumeProducing();
            assertSame(boom, failureResultOf(d, IOException.class).value());
            assertNull(consumer.producer());
        }

        @Test
        void aTransformThatThrowsFailsTheDeferred() {
            FileSender sender = new FileSender();
            Deferred<byte[]> d = sender.beginFileTransfer(source(), consumer, chunk -> {
                throw new IllegalStateException("bad transform");
            });
            sender.resumeProducing();
            assertEquals("bad transform",
                    failureResultOf(d, IllegalStateException.class).value().getMessage());
            assertNull(consumer.producer());
            assertEquals("", consumer.valueString());
        }
    }

    @Nested
    class Paths {
        @TempDir
        Path dir;

        @Test
        void aFileByPathIsSentWhole() throws IOException {
            byte[] data = new byte[50000];
            new Random(2).nextBytes(data);
            Path file = Files.write(dir.resolve("blob"), data);
            FileSender sender = new FileSender();
            Deferred<byte[]> d = sender.beginFileTransfer(file, consumer);
            while (consumer.producer() != null) {
                sender.resumeProducing();
            }
            assertArrayEquals(data, consumer.value());
            assertArrayEquals(new byte[] {data[data.length - 1]}, successResultOf(d));
        }

        @Test
        void aFileByPathIsTransformed() throws IOException {
            Path file = Files.write(dir.resolve("text"), b("Test content"));
            FileSender sender = new FileSender();
            Deferred<byte[]> d = sender.beginFileTransfer(file, consumer, FileSenderTest::swapcase);
            sender.resumeProducing();
            sender.resumeProducing();
            assertEquals("tEST CONTENT", consumer.valueString());
            assertEquals("T", s(successResultOf(d)));
        }

        @Test
        void aMissingFileFailsAtOnceWithoutRegistering() {
            FileSender sender = new FileSender();
            Deferred<byte[]> d = sender.beginFileTransfer(dir.resolve("nope"), consumer);
            assertInstanceOf(NoSuchFileException.class, failureResultOf(d).value());
            assertNull(consumer.producer());
        }

        @Test
        void stoppingAPathTransferFailsTheDeferredAndEndsIt() throws IOException {
            Path file = Files.write(dir.resolve("text"), b("Test content"));
            FileSender sender = new FileSender();
            sender.CHUNK_SIZE = 4;
            Deferred<byte[]> d = sender.beginFileTransfer(file, consumer);
            sender.resumeProducing();
            sender.stopProducing();
            failureResultOf(d, Exception.class);
            // The file is closed: a stray resume ends the transfer instead of reading on.
            sender.resumeProducing();
            assertEquals("Test", consumer.valueString());
            assertTrue(consumer.producer() == null);
        }
    }
}
