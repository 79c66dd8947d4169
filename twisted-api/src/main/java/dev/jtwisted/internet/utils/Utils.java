package dev.jtwisted.internet.utils;

import dev.jtwisted.internet.IReactorProcess;
import dev.jtwisted.internet.ProcessDone;
import dev.jtwisted.internet.ProcessProtocol;
import dev.jtwisted.internet.ProcessTerminated;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs a program to its end and hands back what it wrote or how it exited, as a Deferred that
 * fires on the reactor thread. The program runs as {@link IReactorProcess#spawnProcess} runs it:
 * with the arguments as given (never through a shell), and by default in an empty environment,
 * as in Twisted.
 *
 * <p>Unlike {@code spawnProcess}, {@code args} here are the arguments only: the executable is put
 * in front of them as {@code argv[0]}.
 *
 * <p>Twisted: {@code twisted.internet.utils}.
 */
public final class Utils {
    private Utils() {}

    /**
     * {@link #getProcessOutput(IReactorProcess, String, List, Map, String, boolean)} in an empty
     * environment and this process's working directory, failing on stderr output.
     */
    public static Deferred<byte[]> getProcessOutput(IReactorProcess reactor, String executable, List<String> args) {
        return getProcessOutput(reactor, executable, args, Map.of(), null, false);
    }

    /**
     * {@link #getProcessOutput(IReactorProcess, String, List, Map, String, boolean)}, failing on
     * stderr output.
     */
    public static Deferred<byte[]> getProcessOutput(IReactorProcess reactor, String executable, List<String> args,
            Map<String, String> env, String path) {
        return getProcessOutput(reactor, executable, args, env, path, false);
    }

    /**
     * Runs {@code executable} and fires with everything it wrote to stdout once it has ended,
     * whatever its exit code or signal.
     *
     * <p>If it writes to stderr and {@code errortoo} is false, the Deferred fails at once with
     * {@link UnexpectedErrorOutput} and every pipe to the process is closed (it is not killed);
     * the error's {@link UnexpectedErrorOutput#processEnded()} tells when it has ended. With
     * {@code errortoo}, stderr's bytes are mixed into the result as they arrive.
     *
     * <p>Twisted: {@code utils.getProcessOutput}.
     *
     * @param args the arguments, without the program's name
     * @param env the complete environment; null for this process's own
     * @param path the working directory; null for this process's
     */
    public static Deferred<byte[]> getProcessOutput(IReactorProcess reactor, String executable, List<String> args,
            Map<String, String> env, String path, boolean errortoo) {
        return spawn(reactor, executable, args, env, path, d -> new BackRelay(d, errortoo));
    }

    /** {@link #getProcessValue(IReactorProcess, String, List, Map, String)} in an empty environment. */
    public static Deferred<Integer> getProcessValue(IReactorProcess reactor, String executable, List<String> args) {
        return getProcessValue(reactor, executable, args, Map.of(), null);
    }

    /**
     * Runs {@code executable} and fires with its exit code once it has ended; with null if a
     * signal killed it (as Twisted's fires with {@code None}). Its output is read and dropped.
     *
     * <p>Twisted: {@code utils.getProcessValue}.
     *
     * @param args the arguments, without the program's name
     * @param env the complete environment; null for this process's own
     * @param path the working directory; null for this process's
     */
    public static Deferred<Integer> getProcessValue(IReactorProcess reactor, String executable, List<String> args,
            Map<String, String> env, String path) {
        return spawn(reactor, executable, args, env, path, ValueGetter::new);
    }

    /**
     * {@link #getProcessOutputAndValue(IReactorProcess, String, List, Map, String, byte[])} in an
     * empty environment, stdin left open.
     */
    public static Deferred<OutputAndValue> getProcessOutputAndValue(IReactorProcess reactor, String executable,
            List<String> args) {
        return getProcessOutputAndValue(reactor, executable, args, Map.of(), null, null);
    }

    /** {@link #getProcessOutputAndValue(IReactorProcess, String, List, Map, String, byte[])}, stdin left open. */
    public static Deferred<OutputAndValue> getProcessOutputAndValue(IReactorProcess reactor, String executable,
            List<String> args, Map<String, String> env, String path) {
        return getProcessOutputAndValue(reactor, executable, args, env, path, null);
    }

    /**
     * Runs {@code executable} and, once it has ended, fires with what it wrote to stdout and
     * stderr and its exit code; or, if a signal killed it, fails with {@link OutputAndSignal},
     * which carries the output up to then and the signal.
     *
     * <p>Twisted: {@code utils.getProcessOutputAndValue}.
     *
     * @param args the arguments, without the program's name
     * @param env the complete environment; null for this process's own
     * @param path the working directory; null for this process's
     * @param stdinBytes written to its stdin, which is then closed; null to leave stdin open
     *     (and write nothing), as Twisted does
     */
    public static Deferred<OutputAndValue> getProcessOutputAndValue(IReactorProcess reactor, String executable,
            List<String> args, Map<String, String> env, String path, byte[] stdinBytes) {
        return spawn(reactor, executable, args, env, path, d -> new EverythingGetter(d, stdinBytes));
    }

    /** Twisted: {@code _callProtocolWithDeferred}. */
    private static <T> Deferred<T> spawn(IReactorProcess reactor, String executable, List<String> args,
            Map<String, String> env, String path, Function<Deferred<T>, ProcessProtocol> protocol) {
        Objects.requireNonNull(reactor, "reactor");
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(args, "args");
        Deferred<T> d = new Deferred<>();
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add(executable);
        argv.addAll(args);
        reactor.spawnProcess(protocol.apply(d), executable, argv, env, path);
        return d;
    }

    /** The exit code of a {@code processEnded} reason; null for a signal. */
    private static Integer exitCode(Failure reason) {
        Throwable e = reason.value();
        if (e instanceof ProcessDone) {
            return 0;
        }
        if (e instanceof ProcessTerminated) {
            return ((ProcessTerminated) e).exitCode();
        }
        throw new IllegalStateException("not a process's end: " + e, e);
    }

    /** Twisted: {@code _BackRelay}. */
    private static final class BackRelay extends ProcessProtocol {
        private Deferred<byte[]> deferred;
        private final boolean errortoo;
        private final ByteArrayOutputStream s = new ByteArrayOutputStream();
        private Deferred<Void> onProcessEnded;

        BackRelay(Deferred<byte[]> deferred, boolean errortoo) {
            this.deferred = deferred;
            this.errortoo = errortoo;
        }

        @Override
        public void outReceived(byte[] data) {
            s.writeBytes(data);
        }

        @Override
        public void errReceived(byte[] data) {
            if (errortoo) {
                s.writeBytes(data);
            } else if (deferred != null) {
                onProcessEnded = new Deferred<>();
                Deferred<byte[]> d = deferred;
                deferred = null;
                d.errback(new UnexpectedErrorOutput(data, onProcessEnded));
                transport.loseConnection();
            }
        }

        @Override
        public void processEnded(Failure reason) {
            if (deferred != null) {
                deferred.callback(s.toByteArray());
            } else if (onProcessEnded != null) {
                onProcessEnded.errback(reason);
            }
        }
    }

    /** Twisted: {@code _ValueGetter}. */
    private static final class ValueGetter extends ProcessProtocol {
        private final Deferred<Integer> deferred;

        ValueGetter(Deferred<Integer> deferred) {
            this.deferred = deferred;
        }

        @Override
        public void processEnded(Failure reason) {
            deferred.callback(exitCode(reason));
        }
    }

    /** Twisted: {@code _EverythingGetter}. */
    private static final class EverythingGetter extends ProcessProtocol {
        private final Deferred<OutputAndValue> deferred;
        private final byte[] stdinBytes;
        private final ByteArrayOutputStream outBuf = new ByteArrayOutputStream();
        private final ByteArrayOutputStream errBuf = new ByteArrayOutputStream();

        EverythingGetter(Deferred<OutputAndValue> deferred, byte[] stdinBytes) {
            this.deferred = deferred;
            this.stdinBytes = stdinBytes;
        }

        @Override
        public void connectionMade() {
            if (stdinBytes != null) {
                transport.writeToChild(0, stdinBytes);
                transport.closeStdin();
            }
        }

        @Override
        public void outReceived(byte[] data) {
            outBuf.writeBytes(data);
        }

        @Override
        public void errReceived(byte[] data) {
            errBuf.writeBytes(data);
        }

        @Override
        public void processEnded(Failure reason) {
            byte[] out = outBuf.toByteArray();
            byte[] err = errBuf.toByteArray();
            Throwable e = reason.value();
            Integer signal = e instanceof ProcessTerminated ? ((ProcessTerminated) e).signal() : null;
            if (signal != null && signal != 0) {
                deferred.errback(new OutputAndSignal(out, err, signal));
            } else {
                deferred.callback(new OutputAndValue(out, err, exitCode(reason)));
            }
        }
    }
}
