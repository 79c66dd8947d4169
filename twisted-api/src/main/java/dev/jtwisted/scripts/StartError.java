package dev.jtwisted.scripts;

/**
 * The runner cannot start because of the machine's state, not the command line: a live pid
 * file, a log file that cannot be written, a reactor backend that is not available. The
 * runner prints the message, one line, and exits with status 1.
 *
 * <p>Twisted: the {@code sys.exit(message)} calls of {@code _twistd_unix}.
 */
final class StartError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartError(String message) {
        super(message);
    }
}
