package dev.jtwisted.internet;

/**
 * A child process exited with code 0: the reason a process protocol's {@code processExited} and
 * {@code processEnded} get when all went well.
 *
 * <p>Twisted: {@code twisted.internet.error.ProcessDone}.
 */
public class ProcessDone extends ConnectionDone {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** @param status the platform's raw exit status (see {@link ProcessTerminated#status()}) */
    public ProcessDone(int status) {
        super("process finished with exit code 0");
        this.status = status;
    }

    /** Always 0. Twisted: {@code ProcessDone.exitCode}. */
    public Integer exitCode() {
        return 0;
    }

    /** Always null. Twisted: {@code ProcessDone.signal}. */
    public Integer signal() {
        return null;
    }

    /** The platform's raw exit status. Twisted: {@code ProcessDone.status}. */
    public int status() {
        return status;
    }
}
