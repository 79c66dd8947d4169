package dev.jtwisted.internet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.testing.MemoryReactor;
import dev.jtwisted.python.failure.Failure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** ProcessProtocol's dispatch by descriptor, and the process errors. Twisted: test_process. */
class ProcessProtocolTest {
    /** Records each event it is given, by name. */
    static final class Recording extends ProcessProtocol {
        final List<String> events = new ArrayList<>();

        @Override
        public void connectionMade() {
            events.add("connectionMade " + (transport != null));
        }

        @Override
        public void outReceived(byte[] data) {
            events.add("out " + new String(data, StandardCharsets.US_ASCII));
        }

        @Override
        public void errReceived(byte[] data) {
            events.add("err " + new String(data, StandardCharsets.US_ASCII));
        }

        @Override
        public void inConnectionLost() {
            events.add("inConnectionLost");
        }

        @Override
        public void outConnectionLost() {
            events.add("outConnectionLost");
        }

        @Override
        public void errConnectionLost() {
            events.add("errConnectionLost");
        }

        @Override
        public void processExited(Failure reason) {
            events.add("processExited " + reason.type().getSimpleName());
        }

        @Override
        public void processEnded(Failure reason) {
            events.add("processEnded " + reason.type().getSimpleName());
        }
    }

    private final Recording proto = new Recording();

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Nested
    class Dispatch {
        @Test
        void makeConnectionSetsTheTransportBeforeConnectionMade() {
            MemoryReactor reactor = new MemoryReactor();
            IProcessTransport process = reactor.spawnProcess(proto, "cat", List.of("cat"));
            assertSame(process, proto.transport());
            assertTrue(proto.connected());
            assertEquals(List.of("connectionMade true"), proto.events);
        }

        @Test
        void dataFromStdoutGoesToOutReceivedAndFromStderrToErrReceived() {
            proto.childDataReceived(1, ascii("hello"));
            proto.childDataReceived(2, ascii("oops"));
            assertEquals(List.of("out hello", "err oops"), proto.events);
        }

        @Test // Twisted: ProcessProtocol.childDataReceived ignores other descriptors
        void dataFromAnyOtherDescriptorIsIgnored() {
            proto.childDataReceived(0, ascii("x"));
            proto.childDataReceived(3, ascii("x"));
            assertEquals(List.of(), proto.events);
        }

        @Test
        void eachPipesCloseGoesToItsOwnMethod() {
            proto.childConnectionLost(0);
            proto.childConnectionLost(1);
            proto.childConnectionLost(2);
            proto.childConnectionLost(7);
            assertEquals(List.of("inConnectionLost", "outConnectionLost", "errConnectionLost"), proto.events);
        }

        @Test
        void theDefaultsDoNothing() {
            ProcessProtocol plain = new ProcessProtocol();
            assertNull(plain.transport());
            assertFalse(plain.connected());
            plain.childDataReceived(1, ascii("x"));
            plain.childDataReceived(2, ascii("x"));
            plain.childConnectionLost(0);
            plain.processExited(new Failure(new ProcessDone(0)));
            plain.processEnded(new Failure(new ProcessDone(0)));
        }
    }

    @Nested
    class Errors {
        @Test // Twisted: test_error.ErrorsTests for ProcessDone
        void processDoneIsACleanCloseWithExitCodeZeroAndNoSignal() {
            ProcessDone done = new ProcessDone(0);
            assertInstanceOf(ConnectionDone.class, done);
            assertEquals(0, done.exitCode());
            assertNull(done.signal());
            assertEquals(0, done.status());
            assertEquals("process finished with exit code 0", done.getMessage());
        }

        @Test
        void processTerminatedByExitCodeSaysSo() {
            ProcessTerminated t = new ProcessTerminated(3, null, 3);
            assertInstanceOf(ConnectionLost.class, t);
            assertEquals(3, t.exitCode());
            assertNull(t.signal());
            assertEquals(3, t.status());
            assertEquals("process ended with exit code 3", t.getMessage());
        }

        @Test
        void processTerminatedBySignalSaysSo() {
            ProcessTerminated t = new ProcessTerminated(null, 9, null);
            assertNull(t.exitCode());
            assertEquals(9, t.signal());
            assertNull(t.status());
            assertEquals("process ended by signal 9", t.getMessage());
        }
    }
}
