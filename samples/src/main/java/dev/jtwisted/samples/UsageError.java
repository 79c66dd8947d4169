package dev.jtwisted.samples;

/**
 * The command line is wrong: an unknown option, a bad value, a missing argument. The launcher
 * prints the message with a usage hint and exits with status 2; a sample may throw it from
 * {@link Sample#run} for a mistake only it can see.
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
