package dev.jtwisted.python.usage;

/**
 * The command line is wrong: an unknown option, a bad value, a missing argument. A program
 * prints the message with a usage hint and exits with status 2; a command may throw it later
 * for a mistake only it can see (two options that do not go together, say).
 *
 * <p>Twisted: {@code twisted.python.usage.UsageError}.
 */
public class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the bad argument or value */
    public UsageError(String message) {
        super(message);
    }
}
