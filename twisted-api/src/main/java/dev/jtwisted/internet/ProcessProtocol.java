package dev.jtwisted.internet;

import dev.jtwisted.python.failure.Failure;

/**
 * The base class of process protocols: override the events you care about. It splits the pipe
 * events by descriptor: data from stdout goes to {@link #outReceived}, from stderr to
 * {@link #errReceived}; the closing of stdin, stdout and stderr to {@link #inConnectionLost},
 * {@link #outConnectionLost} and {@link #errConnectionLost}. A protocol instance serves one
 * process.
 *
 * <p>{@code transport} is a protected field, named as Twisted's attribute, so that ported code
 * reads the same ({@code transport.write(...)}, {@code transport.closeStdin()}).
 *
 * <p>Threads: all events of one process come on one reactor thread, in order.
 *
 * <p>Twisted: {@code twisted.internet.protocol.ProcessProtocol}.
 */
public class ProcessProtocol implements IProcessProtocol {
    /** The process; set by {@link #makeConnection} before {@link #connectionMade()}. */
    protected IProcessTransport transport;
    /** True once {@link #makeConnection} has run. Twisted: {@code BaseProtocol.connected}. */
    protected boolean connected;

    /** Sets {@code transport} and calls {@link #connectionMade()}. Twisted: {@code BaseProtocol.makeConnection}. */
    @Override
    public void makeConnection(IProcessTransport process) {
        this.connected = true;
        this.transport = process;
        connectionMade();
    }

    /** The process has started and {@code transport} is set: the place to write its input. */
    public void connectionMade() {}

    /** Passes stdout's (1) data to {@link #outReceived} and stderr's (2) to {@link #errReceived}; ignores others. */
    @Override
    public void childDataReceived(int childFD, byte[] data) {
        if (childFD == 1) {
            outReceived(data);
        } else if (childFD == 2) {
            errReceived(data);
        }
    }

    /** Some bytes arrived on the child's stdout. */
    public void outReceived(byte[] data) {}

    /** Some bytes arrived on the child's stderr. */
    public void errReceived(byte[] data) {}

    /** Passes the closing of stdin (0), stdout (1) and stderr (2) to the matching method; ignores others. */
    @Override
    public void childConnectionLost(int childFD) {
        if (childFD == 0) {
            inConnectionLost();
        } else if (childFD == 1) {
            outConnectionLost();
        } else if (childFD == 2) {
            errConnectionLost();
        }
    }

    /** The child's stdin is closed. */
    public void inConnectionLost() {}

    /** The child's stdout is closed. */
    public void outConnectionLost() {}

    /** The child's stderr is closed. */
    public void errConnectionLost() {}

    @Override
    public void processExited(Failure reason) {}

    @Override
    public void processEnded(Failure reason) {}

    /** The process's transport, or null before {@link #makeConnection}. */
    public IProcessTransport transport() {
        return transport;
    }

    /** Whether {@link #makeConnection} has run. */
    public boolean connected() {
        return connected;
    }
}
