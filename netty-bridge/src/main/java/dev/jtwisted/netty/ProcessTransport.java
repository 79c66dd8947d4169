package dev.jtwisted.netty;

import dev.jtwisted.internet.IProcessProtocol;
import dev.jtwisted.internet.IProcessTransport;
import dev.jtwisted.internet.IProducer;
import dev.jtwisted.internet.IPullProducer;
import dev.jtwisted.internet.IPushProducer;
import dev.jtwisted.internet.ProcessDone;
import dev.jtwisted.internet.ProcessExitedAlready;
import dev.jtwisted.internet.ProcessTerminated;
import dev.jtwisted.internet.internal.Producers;
import dev.jtwisted.python.failure.Failure;
import io.netty.channel.EventLoop;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child process started with the JDK's {@link ProcessBuilder} (no shell), and the state of its
 * three pipes, driving one {@link IProcessProtocol} on one event loop. Not API.
 *
 * <p>The JDK gives blocking streams, so each output pipe has a daemon reader thread that hands
 * chunks (up to {@link #CHUNK} bytes) to the loop. It runs at most {@link #CHUNKS_IN_FLIGHT}
 * chunks ahead: a chunk holds a credit until the protocol has received it, and a reader without
 * credit waits. So a child writing faster than its protocol reads is held up by its full pipe,
 * as under Twisted, and memory stays bounded. Pausing the transport holds the chunks already read
 * and so, soon, the readers. Stdin has a writer thread, started on the first write, with a queue:
 * writes never block the loop, and a registered streaming producer is paused while more than
 * {@link #STDIN_HIGH_WATER} bytes wait.
 *
 * <p>Exit comes from {@link Process#onExit()}. {@code processExited} is delivered then; stdin,
 * if still open, is closed ({@code inConnectionLost}); {@code processEnded} follows once stdout
 * and stderr have reached their end. The JDK reaps the child itself and keeps only an exit value
 * in which death by signal N reads as 128 + N: see {@link #reasonFor}.
 *
 * <p>Threads: the protocol, and the state below marked "loop", belong to {@link #loop}; the
 * {@code IProcessTransport} methods called from another thread are passed to it (except
 * {@code signalProcess} and {@code pid}, which work from any thread).
 *
 * <p>Twisted: {@code twisted.internet.process.Process} with its {@code ProcessReader} and
 * {@code ProcessWriter}.
 */
final class ProcessTransport implements IProcessTransport {
    private static final Logger log = LoggerFactory.getLogger(ProcessTransport.class);

    /** The largest chunk one read hands the protocol: a Linux pipe's default capacity. */
    static final int CHUNK = 64 * 1024;
    /** How many chunks of one pipe may be read and not yet received by the protocol. */
    static final int CHUNKS_IN_FLIGHT = 4;
    /** Queued stdin bytes above which a streaming producer is paused. Twisted: {@code bufferSize}. */
    static final int STDIN_HIGH_WATER = 64 * 1024;
    /** Where {@code execvpe} looks when the environment has no PATH. Python: {@code os.defpath}. */
    static final String DEFAULT_PATH = "/bin:/usr/bin";
    /** Linux's highest signal number (SIGRTMAX). */
    static final int MAX_SIGNAL = 64;
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");
    private static final Pattern ERRNO = Pattern.compile("error=(\\d+),");
    private static final byte[] CLOSE = new byte[0];

    private final NettyReactor reactor;
    final EventLoop loop;
    private final IProcessProtocol protocol;
    private final String executable;
    private final List<String> args;
    private final Map<String, String> env;
    private final String path;

    private Process process;
    private volatile Long pid;
    private PipeReader stdout;
    private PipeReader stderr;
    private StdinWriter stdin;

    /** Loop: which of the child's descriptors 0, 1, 2 are still open (not yet reported lost). */
    private final boolean[] open = {true, true, true};
    /** Loop: closeStdin was called and waits for the producer to be unregistered. */
    private boolean stdinClosing;
    private volatile boolean exited;
    /** Loop. */
    private boolean ended;
    private boolean disconnecting;
    private boolean paused;
    private Failure reason;
    private IProducer producer;
    private boolean streamingProducer;
    private boolean producerPaused;

    /** Bytes read from the child and not yet received by its protocol, and the most there were. */
    final AtomicLong queuedBytes = new AtomicLong();
    final AtomicLong queuedHighWater = new AtomicLong();
    /** For tests: told, on the reader's thread, the descriptor of a reader about to wait for credit. */
    volatile IntConsumer onStall;

    ProcessTransport(NettyReactor reactor, EventLoop loop, IProcessProtocol protocol, String executable,
            List<String> args, Map<String, String> env, String path) {
        this.reactor = reactor;
        this.loop = loop;
        this.protocol = protocol;
        this.executable = executable;
        this.args = List.copyOf(args);
        this.env = env == null ? null : Map.copyOf(env);
        this.path = path;
    }

    // ------------------------------------------------------------------ starting

    /**
     * On the loop: starts the child, its pipes' readers and the watch for its exit, and connects
     * the protocol. Events reach the protocol once the reactor runs. A child that cannot be run
     * is reported as Twisted's child whose {@code exec} failed reports itself.
     *
     * @throws UncheckedIOException if the system is out of processes or memory
     */
    void spawn() {
        String program = resolveExecutable(executable, env, path);
        IOException cannotRun;
        if (program == null) {
            cannotRun = new IOException("Cannot run program \"" + executable + "\""
                    + (path == null ? "" : " (in directory \"" + path + "\")")
                    + ": error=2, No such file or directory");
        } else {
            List<String> command = new ArrayList<>();
            command.add(program);
            if (args.size() > 1) {
                command.addAll(args.subList(1, args.size()));
            }
            ProcessBuilder builder = new ProcessBuilder(command);
            if (env != null) {
                builder.environment().clear();
                builder.environment().putAll(env);
            }
            if (path != null) {
                builder.directory(new File(path));
            }
            cannotRun = null;
            stdout = new PipeReader(1);
            try {
                process = stdout.startProcess(builder, reactor.name() + "-process-" + executable + "-stdout");
            } catch (IOException e) {
                int errno = errno(e);
                if (errno == 11 || errno == 12) {
                    // EAGAIN, ENOMEM: fork itself failed, which Twisted raises from spawnProcess.
                    throw new UncheckedIOException("cannot start " + executable + ": " + e.getMessage(), e);
                }
                cannotRun = e;
                stdout = null;
            }
        }
        if (process != null) {
            pid = process.pid();
            String name = reactor.name() + "-process-" + pid;
            stdout.named(name + "-stdout");
            stderr = new PipeReader(2);
            stderr.start(process.getErrorStream(), name + "-stderr");
            stdin = new StdinWriter(process.getOutputStream(), name + "-stdin");
            reactor.processes.add(this);
            log.debug("Reactor {}: started {} as {}", reactor.name(), args, pid);
            process.onExit().whenComplete((p, error) -> {
                if (error != null) {
                    log.error("{}: waiting for the exit failed", this, error);
                }
                post(this::onExit);
            });
        }
        try {
            protocol.makeConnection(this);
        } catch (Throwable t) {
            log.error("{}: makeConnection of {} failed", this, protocol, t);
        }
        if (cannotRun != null) {
            IOException failure = cannotRun;
            post(() -> couldNotRun(failure));
        }
    }

    /** Loop: what Twisted's protocol sees when {@code exec} fails in the child. */
    private void couldNotRun(IOException e) {
        log.debug("{}: cannot run {}", this, executable, e);
        String message = "Upon execvpe " + executable + " " + args + ": " + e.getMessage() + "\n";
        deliverData(2, message.getBytes(StandardCharsets.UTF_8));
        for (int fd = 0; fd <= 2; fd++) {
            lost(fd);
        }
        exited = true;
        reason = new Failure(new ProcessTerminated(1, null, 1));
        callProcessExited();
        maybeEnd();
    }

    // ------------------------------------------------------------------ the end

    /** Loop: the child has exited and the JDK has reaped it. */
    private void onExit() {
        if (exited) {
            return;
        }
        exited = true;
        pid = null;
        reason = reasonFor(process.exitValue());
        log.debug("{}: exited: {}", this, reason.value().getMessage());
        callProcessExited();
        if (open[0]) {
            // Nothing can reach a child that has gone; Twisted's writer sees the pipe break.
            abortStdin();
            lost(0);
        }
        maybeEnd();
    }

    private void callProcessExited() {
        try {
            protocol.processExited(reason);
        } catch (Throwable t) {
            log.error("{}: unexpected error in processExited of {}", this, protocol, t);
        }
    }

    /** Loop: processEnded once the child has exited and every pipe is closed. */
    private void maybeEnd() {
        if (ended || !exited || open[0] || open[1] || open[2]) {
            return;
        }
        ended = true;
        reactor.processes.remove(this);
        try {
            protocol.processEnded(reason);
        } catch (Throwable t) {
            log.error("{}: unexpected error in processEnded of {}", this, protocol, t);
        }
    }

    /**
     * The reason for {@code processExited} and {@code processEnded} from the JDK's exit value.
     * The JDK (on Linux and macOS) reports a child killed by signal N as 128 + N and keeps no
     * more, so 129 to 128 + {@link #MAX_SIGNAL} are taken as signals, as shells take them: a
     * child that calls {@code exit(130)} itself is reported as killed by signal 2. The status
     * keeps the exit value, for callers who know better.
     */
    static Failure reasonFor(int exitValue) {
        if (exitValue == 0) {
            return new Failure(new ProcessDone(0));
        }
        if (!WINDOWS && exitValue > 128 && exitValue <= 128 + MAX_SIGNAL) {
            return new Failure(new ProcessTerminated(null, exitValue - 128, exitValue));
        }
        return new Failure(new ProcessTerminated(exitValue, null, exitValue));
    }

    /**
     * On the loop, when the reactor shuts down: closes every pipe still open, dropping what was
     * not written, and tells the protocol, as Twisted's {@code disconnectAll} does. The child is
     * left running.
     */
    void shutdownClose() {
        disconnecting = true;
        if (open[0]) {
            abortStdin();
            lost(0);
        }
        for (PipeReader reader : readers()) {
            if (open[reader.fd]) {
                reader.close();
                lost(reader.fd);
            }
        }
        reactor.processes.remove(this);
        maybeEnd();
    }

    // ------------------------------------------------------------------ the pipes

    /** Loop: reports the descriptor closed, once. */
    private void lost(int fd) {
        if (!open[fd]) {
            return;
        }
        open[fd] = false;
        if (fd == 0 && producer != null) {
            IProducer p = producer;
            producer = null;
            try {
                p.stopProducing();
            } catch (Throwable t) {
                log.error("{}: error while stopping producer {}", this, p, t);
            }
        }
        try {
            protocol.childConnectionLost(fd);
        } catch (Throwable t) {
            log.error("{}: unexpected error in childConnectionLost({}) of {}", this, fd, protocol, t);
        }
    }

    /** Loop: hands the protocol one chunk; a protocol that throws loses that pipe, as in Twisted. */
    private void deliverData(int fd, byte[] data) {
        try {
            protocol.childDataReceived(fd, data);
        } catch (Throwable t) {
            log.error("{}: {} failed on data from fd {}; closing it", this, protocol, fd, t);
            closeChildFD(fd);
        }
    }

    private List<PipeReader> readers() {
        List<PipeReader> all = new ArrayList<>(2);
        if (stdout != null) {
            all.add(stdout);
        }
        if (stderr != null) {
            all.add(stderr);
        }
        return all;
    }

    /** Loop: a chunk from a reader thread. */
    private void chunkArrived(PipeReader reader, byte[] chunk) {
        if (!open[reader.fd] || reader.closed) {
            reader.done(chunk.length);
            return;
        }
        if (paused) {
            reader.held.add(chunk);
            return;
        }
        deliverData(reader.fd, chunk);
        reader.done(chunk.length);
    }

    /** Loop: a reader reached the end of its pipe, or failed. */
    private void pipeEnded(PipeReader reader, IOException error) {
        if (error != null) {
            log.debug("{}: reading fd {} failed", this, reader.fd, error);
        }
        if (!reader.held.isEmpty()) {
            reader.endHeld = true;
            return;
        }
        lost(reader.fd);
        maybeEnd();
    }

    /** Loop: what the readers held while paused, in order, until paused again. */
    private void deliverHeld(PipeReader reader) {
        while (!paused && !reader.held.isEmpty()) {
            byte[] chunk = reader.held.poll();
            if (open[reader.fd] && !reader.closed) {
                deliverData(reader.fd, chunk);
            }
            reader.done(chunk.length);
        }
        if (!paused && reader.endHeld) {
            reader.endHeld = false;
            lost(reader.fd);
            maybeEnd();
        }
    }

    /** Loop: drops stdin's queue and closes it, at once. */
    private void abortStdin() {
        stdinClosing = false;
        if (stdin != null) {
            stdin.abort();
        }
    }

    /** Loop: stdin closes after what was queued; {@link #stdinClosed} follows. */
    private void finishCloseStdin() {
        stdinClosing = false;
        if (stdin == null) {
            post(() -> stdinClosed(null));
        } else {
            stdin.close();
        }
    }

    /** Loop: the writer closed stdin, or failed to write. */
    private void stdinClosed(IOException error) {
        if (error != null) {
            log.debug("{}: writing to stdin failed", this, error);
        }
        lost(0);
        maybeEnd();
    }

    /** Loop: the writer has written everything queued; a producer may go on. */
    private void stdinDrained() {
        if (producer == null || !open[0]) {
            return;
        }
        if (!streamingProducer) {
            resumeProducer();
        } else if (producerPaused) {
            producerPaused = false;
            resumeProducer();
        }
    }

    private void resumeProducer() {
        IProducer p = producer;
        try {
            if (p instanceof IPullProducer) {
                ((IPullProducer) p).resumeProducing();
            } else {
                ((IPushProducer) p).resumeProducing();
            }
        } catch (Throwable t) {
            log.error("{}: error in resumeProducing of {}", this, p, t);
        }
    }

    /**
     * Runs {@code task} on the loop once the reactor runs (nothing is delivered before, as for
     * connections); false if the loop has ended. Any thread.
     */
    private boolean post(Runnable task) {
        boolean[] accepted = {true};
        reactor.whenGateOpen(() -> {
            try {
                loop.execute(task);
            } catch (RejectedExecutionException e) {
                log.debug("{}: the reactor has stopped; dropping {}", this, task, e);
                accepted[0] = false;
            }
        });
        return accepted[0];
    }

    // ------------------------------------------------------------------ IProcessTransport

    @Override
    public Long pid() {
        return pid;
    }

    @Override
    public void write(byte[] data) {
        Objects.requireNonNull(data, "data");
        if (!loop.inEventLoop()) {
            Loops.later(loop, () -> write(data));
            return;
        }
        if (!open[0] || stdinClosing || stdin == null || data.length == 0) {
            return;
        }
        long pending = stdin.enqueue(data);
        if (producer == null) {
            return;
        }
        if (!streamingProducer) {
            stdin.wantDrained();
        } else if (!producerPaused && pending > STDIN_HIGH_WATER) {
            producerPaused = true;
            try {
                ((IPushProducer) producer).pauseProducing();
            } catch (Throwable t) {
                log.error("{}: error in pauseProducing of {}", this, producer, t);
            }
            stdin.wantDrained();
        }
    }

    @Override
    public void writeSequence(List<byte[]> data) {
        for (byte[] chunk : List.copyOf(data)) {
            write(chunk);
        }
    }

    @Override
    public void closeChildFD(int descriptor) {
        if (!loop.inEventLoop()) {
            Loops.later(loop, () -> closeChildFD(descriptor));
            return;
        }
        if (descriptor == 0) {
            if (!open[0] || stdinClosing) {
                return;
            }
            stdinClosing = true;
            if (producer == null) {
                finishCloseStdin();
            }
        } else if (descriptor == 1 || descriptor == 2) {
            PipeReader reader = descriptor == 1 ? stdout : stderr;
            if (!open[descriptor] || (reader != null && reader.closed)) {
                return;
            }
            if (reader != null) {
                reader.close();
            }
            // Twisted reports it on a later turn too (ProcessReader.loseConnection).
            post(() -> {
                lost(descriptor);
                maybeEnd();
            });
        }
    }

    /** Closes stdin (after what was written), then stderr and stdout, as Twisted. */
    @Override
    public void loseConnection() {
        if (!loop.inEventLoop()) {
            Loops.later(loop, this::loseConnection);
            return;
        }
        disconnecting = true;
        closeStdin();
        closeStderr();
        closeStdout();
    }

    /** As {@link #loseConnection()}, dropping what stdin has not yet taken. */
    @Override
    public void abortConnection() {
        if (!loop.inEventLoop()) {
            Loops.later(loop, this::abortConnection);
            return;
        }
        disconnecting = true;
        if (open[0]) {
            abortStdin();
            post(() -> {
                lost(0);
                maybeEnd();
            });
        }
        closeStderr();
        closeStdout();
    }

    @Override
    public boolean disconnecting() {
        return disconnecting;
    }

    /**
     * Sends the signal. TERM and KILL go through the JDK ({@link Process#destroy()},
     * {@link Process#destroyForcibly()}); the JDK has no call for the others, so INT, HUP and
     * STOP run {@code kill -s NAME pid} (kill(1), without a shell), which takes a few
     * milliseconds of the calling thread.
     */
    @Override
    public void signalProcess(String signalID) {
        Objects.requireNonNull(signalID, "signalID");
        switch (signalID) {
            case "TERM":
                signal(15, "TERM");
                break;
            case "KILL":
                signal(9, "KILL");
                break;
            case "INT":
            case "HUP":
            case "STOP":
                signal(-1, signalID);
                break;
            default:
                throw new IllegalArgumentException(
                        "unknown signal name (KILL, TERM, INT, HUP or STOP): " + signalID);
        }
    }

    /** Sends the POSIX signal {@code signalID}: as {@link #signalProcess(String)}, by number. */
    @Override
    public void signalProcess(int signalID) {
        if (signalID < 0) {
            throw new IllegalArgumentException("signal number is negative: " + signalID);
        }
        signal(signalID, null);
    }

    private void signal(int number, String name) {
        Process p = process;
        if (p == null || exited || !p.isAlive()) {
            throw new ProcessExitedAlready("process " + executable + " has exited; not sending it "
                    + (name != null ? name : "signal " + number));
        }
        if (number == 15) {
            p.destroy();
        } else if (number == 9) {
            p.destroyForcibly();
        } else {
            kill(p, name != null ? List.of("-s", name) : List.of("-" + number));
        }
    }

    private void kill(Process p, List<String> signalArgs) {
        List<String> command = new ArrayList<>();
        command.add("kill");
        command.addAll(signalArgs);
        command.add(Long.toString(p.pid()));
        String complaint;
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            kill.getOutputStream().close();
            byte[] said = kill.getInputStream().readAllBytes();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new UncheckedIOException(new IOException(command + " did not return in 10 s"));
            }
            if (kill.exitValue() == 0) {
                return;
            }
            complaint = new String(said, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted running " + command, e));
        }
        if (!p.isAlive()) {
            throw new ProcessExitedAlready("process " + executable + " exited before " + command);
        }
        throw new UncheckedIOException(new IOException(command + " failed: " + complaint));
    }

    // ------------------------------------------------------------------ producer and consumer

    /**
     * Registers a producer for stdin: a streaming one ({@link IPushProducer}) is paused while
     * more than {@link #STDIN_HIGH_WATER} bytes wait to be written; a non-streaming one
     * ({@link IPullProducer}) is asked for a chunk now and again whenever all it wrote is
     * written. With stdin closed, the producer is stopped at once.
     */
    @Override
    public void registerProducer(IProducer producer, boolean streaming) {
        Objects.requireNonNull(producer, "producer");
        if (!loop.inEventLoop()) {
            Loops.later(loop, () -> registerProducer(producer, streaming));
            return;
        }
        Producers.checkRegistration(this.producer, producer, streaming);
        if (!open[0] || stdinClosing || stdin == null) {
            producer.stopProducing();
            return;
        }
        this.producer = producer;
        this.streamingProducer = streaming;
        this.producerPaused = false;
        if (!streaming) {
            resumeProducer();
        }
    }

    @Override
    public void unregisterProducer() {
        if (!loop.inEventLoop()) {
            Loops.later(loop, this::unregisterProducer);
            return;
        }
        producer = null;
        if (stdinClosing) {
            finishCloseStdin();
        }
    }

    /** Stops handing the protocol stdout and stderr; the readers soon stop reading. */
    @Override
    public void pauseProducing() {
        if (!loop.inEventLoop()) {
            Loops.later(loop, this::pauseProducing);
            return;
        }
        paused = true;
    }

    /** Hands the protocol what was held, then goes on reading. */
    @Override
    public void resumeProducing() {
        if (!loop.inEventLoop()) {
            Loops.later(loop, this::resumeProducing);
            return;
        }
        paused = false;
        for (PipeReader reader : readers()) {
            deliverHeld(reader);
        }
    }

    /** As {@link #loseConnection()}. */
    @Override
    public void stopProducing() {
        loseConnection();
    }

    @Override
    public String toString() {
        return "ProcessTransport(" + executable + ", pid " + (process != null ? process.pid() : "none")
                + (exited ? ", exited" : "") + ")";
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Where {@code execvpe} would find {@code executable}: as it is if it has a slash, else the
     * first executable file of that name in the PATH of {@code env} (this process's PATH for a
     * null env, {@link #DEFAULT_PATH} if there is none), relative entries taken from
     * {@code path}. Null if there is none.
     */
    static String resolveExecutable(String executable, Map<String, String> env, String path) {
        if (executable.contains("/")) {
            return executable;
        }
        String search = env == null ? System.getenv("PATH") : env.get("PATH");
        if (search == null) {
            search = DEFAULT_PATH;
        }
        for (String dir : search.split(":", -1)) {
            String candidate = dir.isEmpty() ? "./" + executable : dir + "/" + executable;
            Path file = Path.of(candidate);
            if (!file.isAbsolute() && path != null) {
                file = Path.of(path).resolve(file);
            }
            if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                return candidate;
            }
        }
        return null;
    }

    /** The errno in the JDK's "error=N, ..." message, or -1. */
    private static int errno(IOException e) {
        Matcher m = ERRNO.matcher(String.valueOf(e.getMessage()));
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /**
     * Reads one output pipe on its own daemon thread, at most {@link #CHUNKS_IN_FLIGHT} chunks
     * ahead of the loop. The thread owns the stream and closes it when it ends: at the end of
     * the pipe, or after {@link #close()} once its read returns (a blocking pipe read cannot be
     * interrupted, so a reader whose child is silent waits for its next write or its exit).
     *
     * <p>The reader holds the JDK stream's lock from the start to the end. When the child exits,
     * the JDK's reaper takes what is in the pipe and closes it, unless a read holds that lock:
     * output a grandchild writes later (it inherited the pipe) would then be lost, where Twisted
     * reads on to the end. So stdout's reader starts the child itself and takes the lock at once,
     * before the reaper can get there; stderr's reader takes its lock before the reaper gets past
     * stdout, which it does only at stdout's end. Only this child's reaper thread waits meanwhile;
     * exit detection does not.
     */
    final class PipeReader implements Runnable {
        final int fd;
        private volatile InputStream in;
        private ProcessBuilder builder;
        private volatile Process started;
        private volatile IOException startFailure;
        private final Semaphore credits = new Semaphore(CHUNKS_IN_FLIGHT);
        private Thread thread;
        private final CountDownLatch holding = new CountDownLatch(1);
        /** Set on the loop: deliver nothing more, end. */
        volatile boolean closed;
        /** Loop: chunks read while paused, and whether the end came after them. */
        final ArrayDeque<byte[]> held = new ArrayDeque<>();
        boolean endHeld;

        PipeReader(int fd) {
            this.fd = fd;
        }

        /**
         * Starts the child on this reader's thread and waits until it reads its stdout.
         *
         * @throws IOException from {@link ProcessBuilder#start()}
         */
        Process startProcess(ProcessBuilder processBuilder, String name) throws IOException {
            this.builder = processBuilder;
            startThread(name);
            awaitHolding();
            if (startFailure != null) {
                throw startFailure;
            }
            return started;
        }

        /** Starts reading {@code stream} and waits until the thread holds it. */
        void start(InputStream stream, String name) {
            this.in = stream;
            startThread(name);
            awaitHolding();
        }

        void named(String name) {
            thread.setName(name);
        }

        private void startThread(String name) {
            thread = new Thread(this, name);
            thread.setDaemon(true);
            thread.start();
        }

        private void awaitHolding() {
            boolean interrupted = false;
            while (true) {
                try {
                    holding.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** Loop: drops what is held and lets the thread end. */
        void close() {
            closed = true;
            while (!held.isEmpty()) {
                done(held.poll().length);
            }
            endHeld = false;
            credits.release(CHUNKS_IN_FLIGHT);
        }

        /** Loop: one chunk is out of the queue; its credit goes back to the reader. */
        void done(int length) {
            queuedBytes.addAndGet(-length);
            credits.release();
        }

        @Override
        public void run() {
            InputStream stream = in;
            if (stream == null) {
                Process child;
                try {
                    child = builder.start();
                } catch (IOException e) {
                    startFailure = e;
                    holding.countDown();
                    return;
                }
                stream = child.getInputStream();
                in = stream;
                started = child;
            }
            try {
                synchronized (stream) {
                    holding.countDown();
                    pump(stream);
                }
            } catch (IOException e) {
                if (!closed) {
                    post(() -> pipeEnded(this, e));
                }
            } catch (InterruptedException e) {
                log.debug("{}: reader of fd {} interrupted; ending it", ProcessTransport.this, fd, e);
            } finally {
                try {
                    stream.close();
                } catch (IOException e) {
                    log.debug("{}: closing fd {} failed", ProcessTransport.this, fd, e);
                }
            }
        }

        private void pump(InputStream stream) throws IOException, InterruptedException {
            byte[] buffer = new byte[CHUNK];
            while (true) {
                if (!credits.tryAcquire()) {
                    IntConsumer hook = onStall;
                    if (hook != null) {
                        hook.accept(fd);
                    }
                    credits.acquire();
                }
                if (closed) {
                    return;
                }
                int n = stream.read(buffer);
                if (closed) {
                    return;
                }
                if (n < 0) {
                    post(() -> pipeEnded(this, null));
                    return;
                }
                byte[] chunk = Arrays.copyOf(buffer, n);
                long queued = queuedBytes.addAndGet(n);
                queuedHighWater.accumulateAndGet(queued, Math::max);
                if (!post(() -> chunkArrived(this, chunk))) {
                    return;
                }
            }
        }
    }

    /**
     * Writes stdin on its own daemon thread, started on the first write, from a queue the loop
     * fills. It owns the stream once started.
     */
    final class StdinWriter implements Runnable {
        private final OutputStream out;
        private final String name;
        private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
        private final AtomicLong pending = new AtomicLong();
        private volatile boolean drainWanted;
        private Thread thread;

        StdinWriter(OutputStream out, String name) {
            this.out = out;
            this.name = name;
        }

        /** Loop: queues {@code data}; returns the bytes now waiting. */
        long enqueue(byte[] data) {
            long now = pending.addAndGet(data.length);
            queue.add(data);
            startIfNeeded();
            return now;
        }

        /** Loop: closes stdin once what is queued has been written. */
        void close() {
            if (thread == null) {
                closeQuietly();
                post(() -> stdinClosed(null));
                return;
            }
            queue.add(CLOSE);
        }

        /** Loop: drops what is queued and closes stdin without telling the loop. */
        void abort() {
            drainWanted = false;
            if (thread == null) {
                closeQuietly();
                return;
            }
            queue.clear();
            pending.set(0);
            queue.add(CLOSE);
        }

        /** Loop: asks for {@code stdinDrained} once the queue is empty (at once if it is). */
        void wantDrained() {
            drainWanted = true;
            if (pending.get() == 0) {
                drainWanted = false;
                post(ProcessTransport.this::stdinDrained);
            }
        }

        private void startIfNeeded() {
            if (thread == null) {
                thread = new Thread(this, name);
                thread.setDaemon(true);
                thread.start();
            }
        }

        private void closeQuietly() {
            try {
                out.close();
            } catch (IOException e) {
                log.debug("{}: closing stdin failed", ProcessTransport.this, e);
            }
        }

        @Override
        public void run() {
            try {
                while (true) {
                    byte[] data = queue.take();
                    if (data == CLOSE) {
                        out.close();
                        post(() -> stdinClosed(null));
                        return;
                    }
                    out.write(data);
                    out.flush();
                    if (pending.addAndGet(-data.length) == 0 && drainWanted) {
                        drainWanted = false;
                        post(ProcessTransport.this::stdinDrained);
                    }
                }
            } catch (IOException e) {
                closeQuietly();
                post(() -> stdinClosed(e));
            } catch (InterruptedException e) {
                log.debug("{}: stdin writer interrupted; ending it", ProcessTransport.this, e);
                closeQuietly();
            }
        }
    }
}
