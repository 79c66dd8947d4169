package dev.jtwisted.internet;

/**
 * A child process exited with a code other than 0, or was killed by a signal: the reason a
 * process protocol's {@code processExited} and {@code processEnded} get when something probably
 * went wrong. Exactly one of {@link #exitCode()} and {@link #signal()} is set.
 *
 * <p>Twisted: {@code twisted.internet.error.ProcessTerminated}.
 */
public class ProcessTerminated extends ConnectionLost {
    private static final long serialVersionUID = 1L;

    private final Integer exitCode;
    private final Integer signal;
    private final Integer status;

    /**
     * @param exitCode the code the process exited with, or null if a signal killed it
     * @param signal the signal that killed it, or null if it exited
     * @param status the platform's raw exit status, or null if unknown
     */
    public ProcessTerminated(Integer exitCode, Integer signal, Integer status) {
        super(message(exitCode, signal));
        this.exitCode = exitCode;
        this.signal = signal;
        this.status = status;
    }

    private static String message(Integer exitCode, Integer signal) {
        String s = "process ended";
        if (exitCode != null) {
            s += " with exit code " + exitCode;
        }
        if (signal != null) {
            s += " by signal " + signal;
        }
        return s;
    }

    /** The code the process exited with; null if a signal killed it. Twisted: {@code exitCode}. */
    public Integer exitCode() {
        return exitCode;
    }

    /** The number of the signal that killed the process; null if it exited. Twisted: {@code signal}. */
    public Integer signal() {
        return signal;
    }

    /**
     * The platform's raw exit status, or null if unknown. Twisted gives the {@code waitpid}
     * status; the Netty reactor gives what the JDK reports ({@code Process.exitValue()}), in
     * which a death by signal N reads as 128 + N. Twisted: {@code status}.
     */
    public Integer status() {
        return status;
    }
}
