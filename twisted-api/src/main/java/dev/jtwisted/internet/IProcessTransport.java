package dev.jtwisted.internet;

/**
 * A child process as its protocol sees it: write to its stdin, close its pipes, send it signals.
 * As a transport, {@link #write} goes to stdin and {@link #loseConnection()} closes every pipe; as
 * a push producer, pausing it stops reading the child's stdout and stderr (which then blocks the
 * child once the pipe is full); as a consumer, a producer registered on it feeds stdin.
 *
 * <p>Threads: a process transport and its protocol belong to one reactor thread; call it only
 * from there (other threads go through {@code reactor.callFromThread}).
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IProcessTransport}.
 */
public interface IProcessTransport extends ITransport {
    /**
     * The platform's process ID, from before {@code makeConnection} until the process has exited;
     * null afterwards, and null for a child that could not be started at all.
     *
     * <p>Twisted: the {@code pid} attribute.
     */
    Long pid();

    /**
     * Queues {@code data} for the child's stdin; never blocks. Dropped without a word once stdin is
     * closed, as Twisted drops it.
     */
    @Override
    void write(byte[] data);

    /**
     * Writes {@code data} to the child's file descriptor {@code childFD}. Only stdin (0) is a pipe
     * this side writes to.
     *
     * <p>Twisted: {@code writeToChild}.
     *
     * @throws IllegalArgumentException if {@code childFD} is not 0
     */
    default void writeToChild(int childFD, byte[] data) {
        if (childFD != 0) {
            throw new IllegalArgumentException("only stdin (0) is a pipe to write to, not " + childFD);
        }
        write(data);
    }

    /** Closes the child's stdin once everything written so far has gone out. Twisted: {@code closeStdin}. */
    default void closeStdin() {
        closeChildFD(0);
    }

    /** Stops reading the child's stdout and closes it; the child's next write there fails. */
    default void closeStdout() {
        closeChildFD(1);
    }

    /** Stops reading the child's stderr and closes it; the child's next write there fails. */
    default void closeStderr() {
        closeChildFD(2);
    }

    /**
     * Closes the pipe to the child's file descriptor {@code descriptor} (0, 1 or 2, as the three
     * methods above); does nothing for one already closed or never opened.
     *
     * <p>Twisted: {@code closeChildFD}.
     */
    void closeChildFD(int descriptor);

    /**
     * Closes stdin (after what was written), stderr and stdout. The process is not signalled: it
     * exits when it sees its stdin end, or fails its next write, or never, as it pleases.
     */
    @Override
    void loseConnection();

    /**
     * Sends the process a signal by name: {@code "KILL"}, {@code "TERM"} and {@code "INT"} (the
     * portable ones), {@code "HUP"} or {@code "STOP"}.
     *
     * <p>Twisted: {@code signalProcess}.
     *
     * @throws ProcessExitedAlready if the process has exited
     * @throws IllegalArgumentException for another name
     */
    void signalProcess(String signalID);

    /**
     * Sends the process the POSIX signal {@code signalID} (9 is KILL, 15 TERM, 2 INT...).
     *
     * @throws ProcessExitedAlready if the process has exited
     */
    void signalProcess(int signalID);

    /**
     * Process transports have no address. Twisted's raises {@code NotImplementedError}.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    default IAddress getPeer() {
        throw new UnsupportedOperationException("a process transport has no peer address");
    }

    /**
     * Process transports have no address. Twisted's raises {@code NotImplementedError}.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    default IAddress getHost() {
        throw new UnsupportedOperationException("a process transport has no host address");
    }
}
