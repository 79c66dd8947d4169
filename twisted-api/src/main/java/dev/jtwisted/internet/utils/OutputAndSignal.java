package dev.jtwisted.internet.utils;

/**
 * A process run by {@link Utils#getProcessOutputAndValue} was killed by a signal: the failure it
 * fails with, carrying what the process wrote until then.
 *
 * <p>Twisted: the {@code (out, err, signalNum)} tuple that {@code getProcessOutputAndValue}
 * errbacks with.
 */
public class OutputAndSignal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient byte[] out;
    private final transient byte[] err;
    private final int signal;

    public OutputAndSignal(byte[] out, byte[] err, int signal) {
        super("process killed by signal " + signal);
        this.out = out;
        this.err = err;
        this.signal = signal;
    }

    /** Everything it wrote to stdout. */
    public byte[] out() {
        return out;
    }

    /** Everything it wrote to stderr. */
    public byte[] err() {
        return err;
    }

    /** The number of the signal that killed it. */
    public int signal() {
        return signal;
    }
}
