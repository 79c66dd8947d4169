package dev.jtwisted.internet.utils;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.ProcessDone;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.testing.MemoryReactor;
import dev.jtwisted.python.failure.Failure;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * getProcessOutput, getProcessValue and getProcessOutputAndValue against a memory reactor that
 * plays the child. Twisted: {@code test_iutils.ProcessUtilsTests}, which runs real children; the
 * Netty reactor's ProcessIntegrationTest does that here.
 */
class UtilsTest {
    private final MemoryReactor reactor = new MemoryReactor();

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private MemoryReactor.FakeProcess child() {
        List<MemoryReactor.FakeProcess> spawned = reactor.spawnedProcesses();
        return spawned.get(spawned.size() - 1);
    }

    @Test
    void theExecutableGoesInFrontOfTheArgumentsAndTheDefaultsAreTwisteds() {
        Utils.getProcessOutput(reactor, "/bin/echo", List.of("a", "b"));
        assertEquals(List.of("/bin/echo", "a", "b"), child().args());
        assertEquals("/bin/echo", child().executable());
        assertEquals(Map.of(), child().env());
        assertNull(child().path());
        Utils.getProcessValue(reactor, "x", List.of(), null, "/tmp");
        assertNull(child().env());
        assertEquals("/tmp", child().path());
    }

    @Nested
    class GetProcessOutput {
        @Test // Twisted: test_output
        void firesWithStdoutOnceTheProcessHasEnded() {
            Deferred<byte[]> d = Utils.getProcessOutput(reactor, "echo", List.of());
            child().protocol().childDataReceived(1, ascii("hello, "));
            child().protocol().childDataReceived(1, ascii("world"));
            assertNoResult(d);
            child().exit(1);
            assertEquals("hello, world", new String(successResultOf(d), StandardCharsets.US_ASCII));
        }

        @Test // Twisted: test_outputWithErrorIgnored
        void stderrFailsItAtOnceAndClosesThePipes() {
            Deferred<byte[]> d = Utils.getProcessOutput(reactor, "noisy", List.of());
            child().protocol().childDataReceived(2, ascii("bad\n"));
            Failure f = failureResultOf(d, UnexpectedErrorOutput.class);
            assertInstanceOf(UncheckedIOException.class, f.value());
            assertEquals("got stderr: b'bad\\n'", f.value().getMessage());
            assertFalse(child().isOpen(0));
            assertFalse(child().isOpen(1));
            assertFalse(child().isOpen(2));

            Deferred<Void> ended = ((UnexpectedErrorOutput) f.value()).processEnded();
            assertNoResult(ended);
            child().exit(0);
            failureResultOf(ended, ProcessDone.class);
        }

        @Test
        void onlyTheFirstStderrChunkCounts() {
            Deferred<byte[]> d = Utils.getProcessOutput(reactor, "noisy", List.of());
            child().protocol().childDataReceived(2, ascii("one"));
            child().protocol().childDataReceived(2, ascii("two"));
            Failure f = failureResultOf(d, UnexpectedErrorOutput.class);
            assertEquals("got stderr: b'one'", f.value().getMessage());
        }

        @Test // Twisted: test_outputWithErrorCollected
        void errortooMixesStderrIntoTheResult() {
            Deferred<byte[]> d = Utils.getProcessOutput(reactor, "noisy", List.of(), Map.of(), null, true);
            child().protocol().childDataReceived(1, ascii("out"));
            child().protocol().childDataReceived(2, ascii("err"));
            child().protocol().childDataReceived(1, ascii("out"));
            child().exit(0);
            assertEquals("outerrout", new String(successResultOf(d), StandardCharsets.US_ASCII));
        }

        @Test
        void theErrorShowsBytesAsPythonWould() {
            assertEquals("b'a\\'\\\\\\x00\\xff\\t'", UnexpectedErrorOutput.repr(new byte[] {'a', '\'', '\\', 0, -1, '\t'}));
        }
    }

    @Nested
    class GetProcessValue {
        @Test // Twisted: test_value
        void firesWithTheExitCode() {
            Deferred<Integer> d = Utils.getProcessValue(reactor, "false", List.of());
            child().protocol().childDataReceived(2, ascii("ignored"));
            child().exit(1);
            assertEquals(1, successResultOf(d));
            Deferred<Integer> ok = Utils.getProcessValue(reactor, "true", List.of());
            child().exit(0);
            assertEquals(0, successResultOf(ok));
        }

        @Test
        void firesWithNullWhenASignalKilledIt() {
            Deferred<Integer> d = Utils.getProcessValue(reactor, "sleep", List.of("30"));
            child().killedBy(9);
            assertNull(successResultOf(d));
        }
    }

    @Nested
    class GetProcessOutputAndValue {
        @Test // Twisted: test_outputAndValue
        void firesWithStdoutStderrAndTheExitCode() {
            Deferred<OutputAndValue> d = Utils.getProcessOutputAndValue(reactor, "both", List.of());
            child().protocol().childDataReceived(1, ascii("out"));
            child().protocol().childDataReceived(2, ascii("err"));
            child().exit(1);
            OutputAndValue r = successResultOf(d);
            assertArrayEquals(ascii("out"), r.out());
            assertArrayEquals(ascii("err"), r.err());
            assertEquals(1, r.code());
        }

        @Test // Twisted: test_outputSignal
        void failsWithTheOutputAndTheSignalWhenASignalKilledIt() {
            Deferred<OutputAndValue> d = Utils.getProcessOutputAndValue(reactor, "both", List.of());
            child().protocol().childDataReceived(1, ascii("stdout bytes"));
            child().protocol().childDataReceived(2, ascii("stderr bytes"));
            child().killedBy(6);
            OutputAndSignal e = (OutputAndSignal) failureResultOf(d, OutputAndSignal.class).value();
            assertArrayEquals(ascii("stdout bytes"), e.out());
            assertArrayEquals(ascii("stderr bytes"), e.err());
            assertEquals(6, e.signal());
        }

        @Test // Twisted: test_get_processOutputAndValueStdin
        void stdinBytesAreWrittenAndStdinClosed() {
            Utils.getProcessOutputAndValue(reactor, "cat", List.of(), Map.of(), null, ascii("input"));
            assertArrayEquals(ascii("input"), child().value());
            assertFalse(child().isOpen(0));
        }

        @Test
        void withoutStdinBytesStdinStaysOpen() {
            Utils.getProcessOutputAndValue(reactor, "cat", List.of());
            assertEquals(0, child().value().length);
            assertTrue(child().isOpen(0));
        }

        @Test
        void aNonZeroExitIsAResultNotAFailure() {
            Deferred<OutputAndValue> d = Utils.getProcessOutputAndValue(reactor, "sh", List.of("-c", "exit 3"));
            child().exit(3);
            assertEquals(3, successResultOf(d).code());
        }
    }
}
