package dev.jtwisted.samples;

import static org.junit.jupiter.api.Assertions.fail;

import dev.jtwisted.netty.NettyReactor;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A sample run in this JVM as the jar runs it,
 * through the launcher, on a fresh reactor of its own, with its output watched: a test waits
 * for what it expects to be printed ({@link #awaitOutput}), and for the exit status. Every wait
 * is bounded by {@link RunningServer#WAIT}.
 */
public final class LaunchedSample implements AutoCloseable {
    private final NettyReactor reactor = NettyReactor.builder().name("test-sample").build();
    private final WatchedOutput out = new WatchedOutput();
    private final Captured err = new Captured();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private LaunchedSample(Sample sample, List<String> argv) {
        Launcher launcher = new Launcher(new Samples(sample.name(), List.of(sample)),
                new PrintStream(out, true, StandardCharsets.UTF_8), err.err, () -> reactor);
        Thread main = new Thread(() -> {
            try {
                exit.complete(launcher.launch(argv.toArray(new String[0])));
            } catch (Throwable t) {
                exit.completeExceptionally(t);
            }
        }, "sample-" + sample.name());
        main.setDaemon(true);
        exit.whenComplete((status, failure) -> {
            synchronized (out) {
                out.notifyAll(); // wakes awaitOutput, which then says the sample returned
            }
        });
        main.start();
    }

    /** Runs {@code sample} with the command line {@code options}, without waiting. */
    public static LaunchedSample launch(Sample sample, String... options) {
        List<String> argv = new ArrayList<>();
        argv.add(sample.name());
        argv.addAll(List.of(options));
        return new LaunchedSample(sample, argv);
    }

    /**
     * Waits until the standard output so far passes {@code test}, and returns it.
     *
     * @throws AssertionError if it does not within {@link RunningServer#WAIT}, or the sample
     *     returns first
     */
    public String awaitOutput(String what, Predicate<String> test) throws InterruptedException {
        long deadline = System.nanoTime() + RunningServer.WAIT.toNanos();
        synchronized (out) {
            while (!test.test(out.text())) {
                if (exit.isDone()) {
                    fail("the sample returned (" + exit + ") before printing " + what + "; out: " + out.text()
                            + "; err: " + err());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("no " + what + " within " + RunningServer.WAIT + "; out: " + out.text() + "; err: " + err());
                }
                TimeUnit.NANOSECONDS.timedWait(out, left);
            }
            return out.text();
        }
    }

    /** Waits for the launcher to return, and returns its exit status. */
    public int awaitExit() throws Exception {
        try {
            return exit.get(RunningServer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the sample did not return within " + RunningServer.WAIT + "; out: " + out()
                    + "; err: " + err(), e);
        } catch (ExecutionException e) {
            throw new AssertionError("the launcher threw", e.getCause());
        }
    }

    /** Stops the reactor, as Ctrl-C does, and returns the exit status. */
    public int stop() throws Exception {
        // Not reactor.stop(): the sample prints its lines before it runs the reactor, and
        // stopping a reactor not yet running throws; a call from this thread waits for the run.
        reactor.callFromThread(reactor::stop);
        return awaitExit();
    }

    /** The reactor the sample runs on. */
    public NettyReactor reactor() {
        return reactor;
    }

    /** Everything printed to standard output, line ends as {@code \n}. */
    public String out() {
        synchronized (out) {
            return out.text();
        }
    }

    /** Everything printed to standard error. */
    public String err() {
        return err.err();
    }

    /** Ends the reactor's threads, and waits for the launcher. */
    @Override
    public void close() throws Exception {
        reactor.close();
        awaitExit();
    }

    /** Standard output, kept whole; writers wake up {@link #awaitOutput}. */
    private static final class WatchedOutput extends OutputStream {
        private final ByteArrayOutputStream all = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            all.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            all.write(b, off, len);
            notifyAll();
        }

        synchronized String text() {
            return all.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
        }
    }
}
