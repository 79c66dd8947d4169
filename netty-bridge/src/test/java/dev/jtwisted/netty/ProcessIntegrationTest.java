package dev.jtwisted.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.jtwisted.internet.IProcessTransport;
import dev.jtwisted.internet.IPullProducer;
import dev.jtwisted.internet.IPushProducer;
import dev.jtwisted.internet.ProcessDone;
import dev.jtwisted.internet.ProcessExitedAlready;
import dev.jtwisted.internet.ProcessProtocol;
import dev.jtwisted.internet.ProcessTerminated;
import dev.jtwisted.internet.utils.OutputAndSignal;
import dev.jtwisted.internet.utils.OutputAndValue;
import dev.jtwisted.internet.utils.UnexpectedErrorOutput;
import dev.jtwisted.internet.utils.Utils;
import dev.jtwisted.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real child processes on a real reactor: pipes both ways, exit codes and signals, bulk output
 * with bounded memory, the internet.utils functions, environment and working directory, programs
 * that cannot run, and reactor shutdown. Twisted: {@code test_process.ProcessTests},
 * {@code PosixProcessBase} and {@code test_iutils}.
 */
@Timeout(30)
class ProcessIntegrationTest {
    static final int FIFTY_MB = 50 * 1024 * 1024;

    private final Reactors reactors = new Reactors();
    private final List<Long> pids = new ArrayList<>();

    @AfterEach
    void stop() {
        reactors.close();
        for (Long pid : pids) {
            if (pid != null) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    /** Records every event on the reactor thread, and whether any came elsewhere. */
    static class Recorder extends ProcessProtocol {
        final NettyReactor reactor;
        final List<String> events = new ArrayList<>();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        boolean keepOut = true;
        long outBytes;
        int outChunks;
        volatile boolean offLoop;
        final CompletableFuture<IProcessTransport> made = new CompletableFuture<>();
        final CompletableFuture<Failure> exited = new CompletableFuture<>();
        final CompletableFuture<Failure> ended = new CompletableFuture<>();

        Recorder(NettyReactor reactor) {
            this.reactor = reactor;
        }

        private void event(String event) {
            offLoop |= !reactor.isInIOThread();
            events.add(event);
        }

        @Override
        public void connectionMade() {
            event("made");
            made.complete(transport);
        }

        @Override
        public void outReceived(byte[] data) {
            offLoop |= !reactor.isInIOThread();
            outBytes += data.length;
            outChunks++;
            if (keepOut) {
                out.writeBytes(data);
            }
        }

        @Override
        public void errReceived(byte[] data) {
            event("err");
            err.writeBytes(data);
        }

        @Override
        public void inConnectionLost() {
            event("inLost");
        }

        @Override
        public void outConnectionLost() {
            event("outLost");
        }

        @Override
        public void errConnectionLost() {
            event("errLost");
        }

        @Override
        public void processExited(Failure reason) {
            event("exited");
            exited.complete(reason);
        }

        @Override
        public void processEnded(Failure reason) {
            event("ended");
            ended.complete(reason);
        }

        /** Waits for processEnded, then checks Twisted's order: ended last, after exited and every pipe. */
        Failure awaitEnded() throws Exception {
            Failure reason = get(ended);
            assertFalse(offLoop, "an event came off the reactor thread");
            assertEquals("made", events.get(0));
            assertEquals("ended", events.get(events.size() - 1));
            for (String e : List.of("exited", "inLost", "outLost", "errLost")) {
                assertEquals(1, events.stream().filter(e::equals).count(), e + " in " + events);
            }
            assertTrue(get(exited) == reason || get(exited).value().getClass() == reason.value().getClass());
            return reason;
        }
    }

    private IProcessTransport spawn(NettyReactor reactor, Recorder proto, String executable, List<String> args,
            Map<String, String> env, String path) throws Exception {
        IProcessTransport t = Reactors.on(reactor, () -> reactor.spawnProcess(proto, executable, args, env, path));
        if (t.pid() != null) {
            pids.add(t.pid());
        }
        return t;
    }

    private IProcessTransport spawn(NettyReactor reactor, Recorder proto, String... argv) throws Exception {
        return spawn(reactor, proto, argv[0], List.of(argv), Map.of(), null);
    }

    private static ProcessTerminated terminated(Failure reason) {
        return assertInstanceOf(ProcessTerminated.class, reason.value());
    }

    @Nested
    class Pipes {
        @Test // Twisted: test_process.ProcessTests.test_echo
        void catEchoesStdinAndExitsCleanlyWhenStdinIsClosed() throws Exception {
            NettyReactor reactor = reactors.started();
            Recorder proto = new Recorder(reactor) {
                @Override
                public void connectionMade() {
                    super.connectionMade();
                    transport.write(ascii("hello, "));
                    transport.writeSequence(List.of(ascii("world"), ascii("\n")));
                    transport.closeStdin();
                }
            };
            IProcessTransport t = spawn(reactor, proto, "cat");
            assertNotNull(t.pid());
            Failure reason = proto.awaitEnded();
            assertInstanceOf(ProcessDone.class, reason.value());
            assertEquals("hello, world\n", text(proto.out.toByteArray()));
            assertNull(t.pid());
        }

        @Test
        void spawnProcessFromAnotherThreadConnectsOnTheReactorThread() throws Exception {
            NettyReactor reactor = reactors.started();
            Recorder proto = new Recorder(reactor);
            IProcessTransport t = reactor.spawnProcess(proto, "echo", List.of("echo", "hi"));
            pids.add(t.pid());
            assertEquals(t, get(proto.made));
            proto.awaitEnded();
            assertEquals("hi\n", text(proto.out.toByteArray()));
        }

        @Test
        void nothingIsDeliveredBeforeTheReactorRuns() throws Exception {
            NettyReactor reactor = reactors.create();
            Recorder proto = new Recorder(reactor);
            IProcessTransport t = reactor.spawnProcess(proto, "echo", List.of("echo", "early"));
            pids.add(t.pid());
            assertEquals(List.of("made"), proto.events);
            reactor.start();
            proto.awaitEnded();
            assertEquals("early\n", text(proto.out.toByteArray()));
        }

        @Test
        void stderrGoesToErrReceived() throws Exception {
            NettyReactor reactor = reactors.started();
            Recorder proto = new Recorder(reactor);
            spawn(reactor, proto, "sh", "-c", "echo out; echo err >&2");
            proto.awaitEnded();
            assertEquals("out\n", text(proto.out.toByteArray()));
            assertEquals("err\n", text(proto.err.toByteArray()));
        }

        @Test // Twisted: ProcessTests.test_processEnded and test_processExited ordering
        void processEndedWaitsForStdoutEvenWhenTheChildExitsFirst() throws Exception {
            NettyReactor reactor = reactors.started();
            Recorder proto = new Recorder(reactor);
            // The backgrounded child keeps stdout open after sh exits, until it has written.
            spawn(reactor, proto, "sh", "-c", "(sleep 0.3; echo late) & exit 0");
            Failure exited = get(proto.exited);
            assertInstanceOf(ProcessDone.class, exited.value());
            proto.awaitEnded();
            List<String> events = proto.events;
            assertTrue(events.indexOf("exited") < events.indexOf("outLost"), events.toString());
            assertEquals("late\n", text(proto.out.toByteArray()));
        }

        @Test // Twisted: test_process.ProcessTests.test_loseConnection
        void loseConnectionClosesEveryPipeAndCatThenExits() throws Exception {
            NettyReactor reactor = reactors.started();
            Recorder proto = new Recorder(reactor) {
                @Override
                public void connectionMade() {
                    super.connectionMade();
                    transport.write(ascii("dropped or not"));
                    transport.loseConnection();
                }
            };
            IProcessTransport t = spawn(reactor, proto, "cat");
            proto.awaitEnded();
            assertTrue(t.disconnecting());
        }

        @Test
        void closingStdoutMakesTheChildsNextWriteFail() throws Exception {
            NettyReactor reactor = reactors.started();
            Recorder proto = new Recorder(reactor) {
                @Override
                public void outReceived(byte[] data) {
                    super.outReceived(data);
                    if (outChunks == 1) {
                        transport.closeStdout();
                    }
                }
            };
            spawn(reactor, proto, "yes");
            ProcessTerminated t = terminated(proto.awaitEnded());
            assertTrue(t.signal() != null && t.signal() == 13 || t.exitCode() != null && t.exitCode() != 0,
                    t.getMessage());
            assertEquals(1, Reactors.on(reactor, () -> proto.outChunks));
        }

        @Test
        void anExceptionInOutReceivedClosesStdoutOnly() throws Exception {
            NettyReactor reactor = reactors.started();
            Recorder proto = new Recorder(reactor) {
                @Override
                public void outReceived(byte[] data) {
                    super.outReceived(data);
                    throw new IllegalStateException("boom, on purpose");
                }
            };
            spawn(reactor, proto, "yes");
            terminated(proto.awaitEnded());
            assertEquals(1, Reactors.on(reactor, () -> proto.outChunks));
        }

        @Test
        void writesAfterTheChildHasGoneAreDropped() throws Exception {
            NettyReactor reactor = reactors.started();
            Recorder proto = new Recorder(reactor);
            IProcessTransport t = spawn(reactor, proto, "true");
            proto.awaitEnded();
            Reactors.on(reactor, () -> {
                t.write(ascii("nobody reads this"));
                t.closeStdin();
                return null;
            });
            assertEquals(0, reactor.processCount());
        }
    }

    @Nested
    class StdinProducers {
        static final int CHUNKS = 128;
        final byte[] chunk = new byte[32 * 1024];

        @Test
        void aStreamingProducerIsPausedWhileStdinIsBehindAndResumedWhenItDrains() throws Exception {
            NettyReactor reactor = reactors.started();
            int[] pauses = {0};
            Recorder proto = new Recorder(reactor) {
                int sent;
                boolean producing = true;

                final IPushProducer pump = new IPushProducer() {
                    @Override
                    public void pauseProducing() {
                        pauses[0]++;
                        producing = false;
                    }

                    @Override
                    public void resumeProducing() {
                        producing = true;
                        produce();
                    }

                    @Override
                    public void stopProducing() {
                        producing = false;
                    }
                };

                void produce() {
                    while (producing && sent < CHUNKS) {
                        sent++;
                        transport.write(chunk);
                    }
                    if (sent == CHUNKS) {
                        sent++;
                        transport.unregisterProducer();
                        transport.closeStdin();
                    }
                }

                @Override
                public void connectionMade() {
                    super.connectionMade();
                    transport.registerProducer(pump, true);
                    produce();
                }
            };
            proto.keepOut = false;
            spawn(reactor, proto, "cat");
            assertInstanceOf(ProcessDone.class, proto.awaitEnded().value());
            assertEquals((long) CHUNKS * chunk.length, Reactors.on(reactor, () -> proto.outBytes));
            assertTrue(Reactors.on(reactor, () -> pauses[0]) > 0);
        }

        @Test
        void aPullProducerIsAskedForMoreWheneverStdinHasDrained() throws Exception {
            NettyReactor reactor = reactors.started();
            Recorder proto = new Recorder(reactor) {
                int sent;

                @Override
                public void connectionMade() {
                    super.connectionMade();
                    transport.registerProducer(new IPullProducer() {
                        @Override
                        public void resumeProducing() {
                            if (sent < CHUNKS) {
                                sent++;
                                transport.write(chunk);
                            } else {
                                transport.unregisterProducer();
                                transport.closeStdin();
                            }
                        }

                        @Override
                        public void stopProducing() {}
                    }, false);
                }
            };
            proto.keepOut = false;
            spawn(reactor, proto, "cat");
            assertInstanceOf(ProcessDone.class, proto.awaitEnded().value());
            assertEquals((long) CHUNKS * chunk.length, Reactors.on(reactor, () -> proto.outBytes));
        }
    }

    @Nested
    class ExitAndSignals {
        @Test // Twisted: test_process.ProcessTests.test_abnormalTermination
        void aNonZeroExitIsProcessTerminatedWithItsCode() throws Exception {
            NettyReactor reactor = reactors.started();
            Recorder proto = new Recorder(reactor);
            spawn(reactor, proto, "sh", "-c", "exit 3");
            ProcessTerminated t = terminated(proto.awaitEnded());
            assertEquals(3, t.exitCode());
            assertNull(t.signal());
            assertEquals(3, terminated(get(proto.exited)).exitCode());
        }

        @Test // Twisted: PosixProcessBase.test_signalKILL
        void killEndsItWithSignal9() throws Exception {
            assertKilledBy("KILL", 9);
        }

        @Test // Twisted: PosixProcessBase.test_signalTERM
        void termEndsItWithSignal15() throws Exception {
            assertKilledBy("TERM", 15);
        }

        @Test // Twisted: PosixProcessBase.test_signalINT
        void intEndsItWithSignal2() throws Exception {
            assumeFalse(ignoredByThisJvm(2), "SIGINT is ignored here, and children inherit that");
            assertKilledBy("INT", 2);
        }

        @Test // Twisted: PosixProcessBase.test_signalHUP
        void hupEndsItWithSignal1() throws Exception {
            assumeFalse(ignoredByThisJvm(1), "SIGHUP is ignored here, and children inherit that");
            assertKilledBy("HUP", 1);
        }

        @Test
        void aSignalByNumberIsSentToo() throws Exception {
            assertKilledBy(10, 10);
        }

        private void assertKilledBy(Object signal, int number) throws Exception {
            NettyReactor reactor = reactors.started();
            Recorder proto = new Recorder(reactor);
            IProcessTransport t = spawn(reactor, proto, "sleep", "30");
            Reactors.on(reactor, () -> {
                if (signal instanceof String) {
                    t.signalProcess((String) signal);
                } else {
                    t.signalProcess((Integer) signal);
                }
                return null;
            });
            ProcessTerminated ended = terminated(proto.awaitEnded());
            assertEquals(number, ended.signal());
            assertNull(ended.exitCode());
            assertEquals(128 + number, ended.status());
        }

        @Test // Twisted: ProcessTests.test_signalProcessAfterExit (ProcessExitedAlready)
        void signallingAnExitedProcessRaisesProcessExitedAlready() throws Exception {
            NettyReactor reactor = reactors.started();
            Recorder proto = new Recorder(reactor);
            IProcessTransport t = spawn(reactor, proto, "true");
            proto.awaitEnded();
            assertNull(t.pid());
            for (String name : List.of("KILL", "TERM", "INT")) {
                assertThrows(ProcessExitedAlready.class, () -> Reactors.on(reactor, () -> {
                    t.signalProcess(name);
                    return null;
                }));
            }
            assertThrows(ProcessExitedAlready.class, () -> t.signalProcess(10));
        }

        @Test
        void anUnknownSignalNameIsRefused() throws Exception {
            NettyReactor reactor = reactors.started();
            Recorder proto = new Recorder(reactor);
            IProcessTransport t = spawn(reactor, proto, "sleep", "30");
            assertThrows(IllegalArgumentException.class, () -> t.signalProcess("USR1"));
            t.signalProcess("KILL");
            proto.awaitEnded();
        }

        @Test
        void exitValuesAbove128AreReadAsSignalsBecauseTheJdkCannotTellThemApart() throws Exception {
            NettyReactor reactor = reactors.started();
            Recorder proto = new Recorder(reactor);
            spawn(reactor, proto, "sh", "-c", "exit 130");
            ProcessTerminated t = terminated(proto.awaitEnded());
            assertEquals(2, t.signal());
            assertEquals(130, t.status());
            assertEquals(200, terminated(ProcessTransport.reasonFor(200)).exitCode());
            assertEquals(128, terminated(ProcessTransport.reasonFor(128)).exitCode());
        }

        /** Whether this JVM ignores {@code signal}; its children then ignore it too. */
        private boolean ignoredByThisJvm(int signal) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    return (mask & (1L << (signal - 1))) != 0;
                }
            }
            return false;
        }
    }

    @Nested
    class BulkOutput {
        @Test // The issue: 50 MB from a fast child, counted, memory bounded
        void fiftyMegabytesArriveWhole() throws Exception {
            NettyReactor reactor = reactors.started();
            Recorder proto = new Recorder(reactor);
            proto.keepOut = false;
            ProcessTransport t = (ProcessTransport) spawn(reactor, proto, "head", "-c", Integer.toString(FIFTY_MB),
                    "/dev/zero");
            assertInstanceOf(ProcessDone.class, proto.awaitEnded().value());
            assertEquals(FIFTY_MB, Reactors.on(reactor, () -> proto.outBytes));
            assertTrue(t.queuedHighWater.get() <= (long) ProcessTransport.CHUNKS_IN_FLIGHT * ProcessTransport.CHUNK,
                    "queued at most " + t.queuedHighWater.get());
            assertEquals(0, t.queuedBytes.get());
        }

        @Test
        void aPausedProtocolHoldsTheReaderAtABoundedQueue() throws Exception {
            NettyReactor reactor = reactors.started();
            CountDownLatch stalledWhilePaused = new CountDownLatch(1);
            boolean[] pausedOnce = {false};
            Recorder proto = new Recorder(reactor) {
                volatile boolean pausedNow;

                @Override
                public void connectionMade() {
                    super.connectionMade();
                    ((ProcessTransport) transport).onStall = fd -> {
                        if (pausedNow && fd == 1) {
                            stalledWhilePaused.countDown();
                        }
                    };
                }

                @Override
                public void outReceived(byte[] data) {
                    super.outReceived(data);
                    if (!pausedOnce[0]) {
                        pausedOnce[0] = true;
                        transport.pauseProducing();
                        pausedNow = true;
                    }
                }
            };
            proto.keepOut = false;
            ProcessTransport t = (ProcessTransport) spawn(reactor, proto, "head", "-c", Integer.toString(FIFTY_MB),
                    "/dev/zero");
            assertTrue(stalledWhilePaused.await(20, TimeUnit.SECONDS));
            long bound = (long) ProcessTransport.CHUNKS_IN_FLIGHT * ProcessTransport.CHUNK;
            Reactors.on(reactor, () -> {
                assertEquals(1, proto.outChunks);
                assertTrue(t.queuedBytes.get() <= bound, "queued " + t.queuedBytes.get());
                assertFalse(proto.ended.isDone());
                t.resumeProducing();
                return null;
            });
            assertInstanceOf(ProcessDone.class, proto.awaitEnded().value());
            assertEquals(FIFTY_MB, Reactors.on(reactor, () -> proto.outBytes));
            assertTrue(t.queuedHighWater.get() <= bound, "queued at most " + t.queuedHighWater.get());
        }

        @Test
        void aLargeStdinGoesThroughWithoutBlockingTheLoop() throws Exception {
            NettyReactor reactor = reactors.started();
            byte[] big = new byte[8 * 1024 * 1024];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) i;
            }
            Recorder proto = new Recorder(reactor) {
                @Override
                public void connectionMade() {
                    super.connectionMade();
                    transport.write(big);
                    transport.closeStdin();
                }
            };
            spawn(reactor, proto, "cat");
            assertInstanceOf(ProcessDone.class, proto.awaitEnded().value());
            assertArrayEquals(big, proto.out.toByteArray());
        }
    }

    @Nested
    class GetProcessOutputAndFriends {
        @Test // Twisted: test_iutils.test_output
        void getProcessOutputFiresWithStdout() throws Exception {
            NettyReactor reactor = reactors.started();
            byte[] out = Reactors.onDeferred(reactor, () -> Utils.getProcessOutput(reactor, "echo", List.of("hello")));
            assertEquals("hello\n", text(out));
        }

        @Test // Twisted: test_iutils.test_outputWithErrorIgnored
        void getProcessOutputFailsWhenTheChildWritesToStderr() throws Exception {
            NettyReactor reactor = reactors.started();
            CompletableFuture<Throwable> failed = new CompletableFuture<>();
            CompletableFuture<Failure> ended = new CompletableFuture<>();
            Reactors.on(reactor, () -> Utils.getProcessOutput(reactor, "sh", List.of("-c", "echo oops >&2"))
                    .addErrback(f -> {
                        failed.complete(f.value());
                        ((UnexpectedErrorOutput) f.value()).processEnded().addErrback(e -> {
                            ended.complete(e);
                            return null;
                        });
                        return null;
                    }));
            Throwable e = get(failed);
            assertInstanceOf(UnexpectedErrorOutput.class, e);
            assertEquals("got stderr: b'oops\\n'", e.getMessage());
            assertNotNull(get(ended).check(ProcessDone.class, ProcessTerminated.class));
        }

        @Test // Twisted: test_iutils.test_outputWithErrorCollected
        void getProcessOutputWithErrortooKeepsStderr() throws Exception {
            NettyReactor reactor = reactors.started();
            byte[] out = Reactors.onDeferred(reactor, () -> Utils.getProcessOutput(reactor, "sh",
                    List.of("-c", "echo out; echo err >&2"), Map.of(), null, true));
            assertEquals(2, text(out).lines().count());
            assertTrue(text(out).contains("out\n") && text(out).contains("err\n"), text(out));
        }

        @Test // Twisted: test_iutils.test_value
        void getProcessValueFiresWithTheExitCode() throws Exception {
            NettyReactor reactor = reactors.started();
            assertEquals(3, Reactors.onDeferred(reactor, () -> Utils.getProcessValue(reactor, "sh", List.of("-c", "exit 3"))));
            assertEquals(0, Reactors.onDeferred(reactor, () -> Utils.getProcessValue(reactor, "true", List.of())));
        }

        @Test
        void getProcessValueFiresWithNullForASignal() throws Exception {
            NettyReactor reactor = reactors.started();
            CompletableFuture<Integer> value = new CompletableFuture<>();
            Reactors.on(reactor, () -> Utils.getProcessValue(reactor, "sh", List.of("-c", "kill -KILL $$"))
                    .addCallback(v -> {
                        value.complete(v);
                        return null;
                    }));
            assertNull(get(value));
        }

        @Test // Twisted: test_iutils.test_outputAndValue
        void getProcessOutputAndValueFiresWithBothStreamsAndTheCode() throws Exception {
            NettyReactor reactor = reactors.started();
            OutputAndValue r = Reactors.onDeferred(reactor, () -> Utils.getProcessOutputAndValue(reactor, "sh",
                    List.of("-c", "echo out; echo err >&2; exit 1")));
            assertEquals("out\n", text(r.out()));
            assertEquals("err\n", text(r.err()));
            assertEquals(1, r.code());
        }

        @Test // Twisted: test_iutils.test_outputSignal
        void getProcessOutputAndValueFailsWithTheOutputAndTheSignal() throws Exception {
            NettyReactor reactor = reactors.started();
            OutputAndSignal s = assertThrows(OutputAndSignal.class, () -> Reactors.onDeferred(reactor,
                    () -> Utils.getProcessOutputAndValue(reactor, "sh",
                            List.of("-c", "echo stdout; echo stderr >&2; kill -TERM $$"))));
            assertEquals("stdout\n", text(s.out()));
            assertEquals("stderr\n", text(s.err()));
            assertEquals(15, s.signal());
        }

        @Test // Twisted: test_iutils.test_get_processOutputAndValueStdin
        void getProcessOutputAndValueWritesStdinBytes() throws Exception {
            NettyReactor reactor = reactors.started();
            OutputAndValue r = Reactors.onDeferred(reactor, () -> Utils.getProcessOutputAndValue(reactor, "cat",
                    List.of(), Map.of(), null, ascii("to cat and back")));
            assertEquals("to cat and back", text(r.out()));
            assertEquals(0, r.code());
        }
    }

    @Nested
    class EnvironmentAndPath {
        @TempDir
        Path dir;

        private Path script(String name, String body) throws IOException {
            Path file = dir.resolve(name);
            Files.writeString(file, "#!/bin/sh\n" + body + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            return file;
        }

        private String output(NettyReactor reactor, String executable, List<String> args, Map<String, String> env,
                String path) throws Exception {
            return text(Reactors.onDeferred(reactor, () -> Utils.getProcessOutput(reactor, executable, args, env, path)));
        }

        @Test // Twisted: test_process.ProcessTests.test_environment
        void theEnvironmentGivenIsTheWholeEnvironment() throws Exception {
            NettyReactor reactor = reactors.started();
            assertEquals("FOO=bar\n", output(reactor, "env", List.of(), Map.of("FOO", "bar"), null));
        }

        @Test
        void anEmptyEnvironmentIsEmpty() throws Exception {
            NettyReactor reactor = reactors.started();
            assertEquals("", output(reactor, "env", List.of(), Map.of(), null));
        }

        @Test // Twisted: env=None passes os.environ
        void aNullEnvironmentIsThisProcesssOwn() throws Exception {
            NettyReactor reactor = reactors.started();
            assertEquals(System.getenv("PATH") + "\n", output(reactor, "sh", List.of("-c", "echo \"$PATH\""), null, null));
        }

        @Test // as os.execvpe: the child's PATH finds the program
        void aBareNameIsLookedUpInTheChildsPath() throws Exception {
            NettyReactor reactor = reactors.started();
            script("jtwisted-probe", "echo found");
            assertEquals("found\n", output(reactor, "jtwisted-probe", List.of(), Map.of("PATH", dir.toString()), null));
            assertEquals(null, ProcessTransport.resolveExecutable("jtwisted-probe", Map.of(), null));
        }

        @Test // Twisted: test_process.ProcessTests.test_path (the working directory)
        void theChildRunsInThePathGiven() throws Exception {
            NettyReactor reactor = reactors.started();
            assertEquals(dir.toRealPath() + "\n", output(reactor, "pwd", List.of(), Map.of(), dir.toString()));
        }

        @Test
        void aRelativeExecutableIsTakenFromThePathGiven() throws Exception {
            NettyReactor reactor = reactors.started();
            script("local", "echo local");
            assertEquals("local\n", output(reactor, "./local", List.of(), Map.of(), dir.toString()));
        }

        @Test
        void argumentsReachTheChildAsGivenWithoutAShell() throws Exception {
            NettyReactor reactor = reactors.started();
            String tricky = "$HOME; echo 'x' `id` | cat > /dev/null";
            assertEquals(tricky + "\n", output(reactor, "printf", List.of("%s\\n", tricky), Map.of(), null));
        }
    }

    @Nested
    class CannotRun {
        @Test // Twisted 22.4: the forked child reports "Upon execvpe ..." on stderr and exits 1
        void aMissingExecutableFailsAsAChildWhoseExecFailed() throws Exception {
            NettyReactor reactor = reactors.started();
            Recorder proto = new Recorder(reactor);
            IProcessTransport t = spawn(reactor, proto, "jtwisted-no-such-program", List.of("x"), Map.of(), null);
            assertNull(t.pid());
            ProcessTerminated end = terminated(proto.awaitEnded());
            assertEquals(1, end.exitCode());
            assertTrue(text(proto.err.toByteArray()).startsWith("Upon execvpe jtwisted-no-such-program"),
                    text(proto.err.toByteArray()));
            assertEquals(List.of("made", "err", "inLost", "outLost", "errLost", "exited", "ended"), proto.events);
            assertThrows(ProcessExitedAlready.class, () -> t.signalProcess("KILL"));
        }

        @Test
        void aMissingWorkingDirectoryFailsTheSameWay(@TempDir Path dir) throws Exception {
            NettyReactor reactor = reactors.started();
            Recorder proto = new Recorder(reactor);
            spawn(reactor, proto, "/bin/true", List.of("true"), Map.of(), dir.resolve("gone").toString());
            assertEquals(1, terminated(proto.awaitEnded()).exitCode());
            assertTrue(text(proto.err.toByteArray()).contains("gone"), text(proto.err.toByteArray()));
        }

        @Test
        void getProcessOutputOfAMissingProgramFailsOnItsStderr() throws Exception {
            NettyReactor reactor = reactors.started();
            assertThrows(UnexpectedErrorOutput.class, () -> Reactors.onDeferred(reactor,
                    () -> Utils.getProcessOutput(reactor, "jtwisted-no-such-program", List.of())));
            assertEquals(1, Reactors.onDeferred(reactor,
                    () -> Utils.getProcessValue(reactor, "jtwisted-no-such-program", List.of())));
        }
    }

    @Nested
    class Shutdown {
        @Test // Twisted: disconnectAll closes the pipes and leaves the child running
        void stoppingTheReactorClosesThePipesAndLeavesTheChildRunning() throws Exception {
            NettyReactor reactor = reactors.started(NettyReactor.builder().name("proc-shutdown"));
            Recorder proto = new Recorder(reactor);
            IProcessTransport t = spawn(reactor, proto, "sleep", "30");
            long pid = t.pid();
            assertEquals(1, reactor.processCount());
            Reactors.stopAndWait(reactor);
            assertEquals(List.of("made", "inLost", "outLost", "errLost"), proto.events);
            assertFalse(proto.ended.isDone());
            assertEquals(0, reactor.processCount());
            ProcessHandle child = ProcessHandle.of(pid).orElseThrow();
            assertTrue(child.isAlive());

            List<Thread> pumps = new ArrayList<>();
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().startsWith("proc-shutdown-process-" + pid)) {
                    assertTrue(thread.isDaemon(), thread.getName());
                    pumps.add(thread);
                }
            }
            child.destroyForcibly();
            for (Thread thread : pumps) {
                thread.join(10_000);
                assertFalse(thread.isAlive(), thread.getName() + " outlived its child");
            }
        }
    }
}
