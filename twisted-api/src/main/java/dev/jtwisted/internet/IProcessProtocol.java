package dev.jtwisted.internet;

import dev.jtwisted.python.failure.Failure;

/**
 * The events of one child process: it is started, bytes arrive from its pipes, the pipes close,
 * it exits, and it has ended (exited with every pipe closed). Usually extended through
 * {@link ProcessProtocol}, which splits the pipe events by stdin, stdout and stderr.
 *
 * <p>Order: {@link #makeConnection} first; then any number of {@link #childDataReceived} and
 * {@link #childConnectionLost} calls, and one {@link #processExited}, interleaved as they happen
 * (output may still arrive after {@code processExited}); then, once the process has exited and
 * all its pipes are closed, one {@link #processEnded}, last.
 *
 * <p>Threads: all events of one process come on one reactor thread, in order.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IProcessProtocol}.
 */
public interface IProcessProtocol {
    /** Called by the reactor with the transport of the process just started. */
    void makeConnection(IProcessTransport process);

    /**
     * Some bytes arrived from the child's file descriptor {@code childFD} (1 for stdout, 2 for
     * stderr), in chunks of any size.
     */
    void childDataReceived(int childFD, byte[] data);

    /**
     * The pipe to the child's file descriptor {@code childFD} is closed: the child closed it or
     * exited, or this side closed it ({@code closeStdin}, {@code closeChildFD}, reactor shutdown).
     */
    void childConnectionLost(int childFD);

    /**
     * The child process exited; some of its output may still be on its way. {@code reason} wraps
     * {@link ProcessDone} or {@link ProcessTerminated}.
     */
    void processExited(Failure reason);

    /**
     * The child process exited and all its pipes are closed: the last event. {@code reason} wraps
     * {@link ProcessDone} or {@link ProcessTerminated}, as for {@link #processExited}.
     */
    void processEnded(Failure reason);
}
