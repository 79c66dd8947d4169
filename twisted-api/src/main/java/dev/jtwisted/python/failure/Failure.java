package dev.jtwisted.python.failure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;

/**
 * An error travelling down a Deferred's errback chain: a wrapped {@link Throwable}.
 * Errbacks receive a {@code Failure}; they {@link #trap} what they handle and let the rest go on.
 *
 * <p>A {@code Failure} is immutable and is not itself a {@code Throwable}; {@link #raiseException()}
 * rethrows the original exception, unwrapped, so {@code try/catch} sees its real type.
 *
 * <p>Twisted: {@code twisted.python.failure.Failure}.
 */
public final class Failure {
    private final Throwable value;

    /**
     * Wraps {@code value}. A Failure never wraps another Failure's wrapper: pass the exception.
     *
     * @throws NullPointerException if {@code value} is null
     */
    public Failure(Throwable value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The wrapped exception. Twisted: {@code Failure.value}. */
    public Throwable value() {
        return value;
    }

    /** The wrapped exception's class. Twisted: {@code Failure.type}. */
    public Class<? extends Throwable> type() {
        return value.getClass();
    }

    /**
     * Returns the first of {@code errorTypes} that the wrapped exception is an instance of, or
     * null when none matches.
     *
     * <p>Twisted: {@code Failure.check}.
     */
    @SafeVarargs
    public final Class<? extends Throwable> check(Class<? extends Throwable>... errorTypes) {
        for (Class<? extends Throwable> type : errorTypes) {
            if (type.isInstance(value)) {
                return type;
            }
        }
        return null;
    }

    /**
     * Returns the first of {@code errorTypes} that matches, or rethrows the wrapped exception
     * (unchanged, even when checked) so the errback chain goes on with this same failure.
     * Use it at the top of an errback that handles only some errors.
     *
     * <p>Twisted: {@code Failure.trap}.
     */
    @SafeVarargs
    public final Class<? extends Throwable> trap(Class<? extends Throwable>... errorTypes) {
        Class<? extends Throwable> matched = check(errorTypes);
        if (matched == null) {
            throw raiseException();
        }
        return matched;
    }

    /**
     * Rethrows the wrapped exception as it is, checked or not. Declared to return an exception so
     * that callers can write {@code throw failure.raiseException();}; it never returns.
     *
     * <p>Twisted: {@code Failure.raiseException}.
     */
    public RuntimeException raiseException() {
        throw Failure.<RuntimeException>sneakyThrow(value);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }

    /**
     * The wrapped exception's message, or its class name when it has none, so the result is never
     * empty.
     *
     * <p>Twisted: {@code Failure.getErrorMessage}.
     */
    public String getErrorMessage() {
        String message = value.getMessage();
        return message != null ? message : value.getClass().getName();
    }

    /**
     * The full stack trace of the wrapped exception, causes included, as Java prints it.
     *
     * <p>Twisted: {@code Failure.getTraceback}.
     */
    public String getTraceback() {
        StringWriter out = new StringWriter();
        try (PrintWriter writer = new PrintWriter(out)) {
            value.printStackTrace(writer);
        }
        return out.toString();
    }

    /**
     * One line: the exception class and message, then the frame where it was raised.
     *
     * <p>Twisted: {@code Failure.getBriefTraceback}.
     */
    public String getBriefTraceback() {
        StackTraceElement[] frames = value.getStackTrace();
        return frames.length == 0 ? value.toString() : value + " at " + frames[0];
    }

    /** Prints {@link #getTraceback()} to standard error. Twisted: {@code Failure.printTraceback}. */
    public void printTraceback() {
        System.err.print(getTraceback());
    }

    @Override
    public String toString() {
        return "[Failure instance: " + value + "]";
    }
}
