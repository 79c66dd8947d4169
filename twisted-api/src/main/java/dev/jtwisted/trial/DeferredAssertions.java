package dev.jtwisted.trial;

import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import java.util.Arrays;

/**
 * Synchronous assertions on Deferreds, for tests that drive everything with a fake clock and
 * in-memory transports. Failures are {@link AssertionError}s, which JUnit reports as such.
 *
 * <p>Twisted: {@code twisted.trial.unittest.SynchronousTestCase.successResultOf},
 * {@code failureResultOf}, {@code assertNoResult}.
 */
public final class DeferredAssertions {
    private static final Object NOTHING = new Object();

    private DeferredAssertions() {}

    /**
     * The result {@code d} has succeeded with. Like Twisted's, it consumes the result: {@code d}
     * goes on with null.
     *
     * @throws AssertionError if {@code d} has no result yet or failed
     */
    public static <T> T successResultOf(Deferred<T> d) {
        Object[] box = {consumeResult(d)};
        if (box[0] == NOTHING) {
            throw new AssertionError("Success result expected on " + d + ", found no result instead");
        }
        if (box[0] instanceof Failure) {
            Failure f = (Failure) box[0];
            throw new AssertionError("Success result expected on " + d + ", found failure result instead:\n"
                    + f.getTraceback(), f.value());
        }
        @SuppressWarnings("unchecked")
        T value = (T) box[0];
        return value;
    }

    /**
     * The failure {@code d} has failed with, which must be one of {@code expectedTypes} when any
     * are given. Consumes the failure: {@code d} goes on with null.
     *
     * @throws AssertionError if {@code d} has no result, succeeded, or failed with another type
     */
    @SafeVarargs
    public static Failure failureResultOf(Deferred<?> d, Class<? extends Throwable>... expectedTypes) {
        Object[] box = {consumeResult(d)};
        if (box[0] == NOTHING) {
            throw new AssertionError("Failure result expected on " + d + ", found no result instead");
        }
        if (!(box[0] instanceof Failure)) {
            throw new AssertionError("Failure result expected on " + d + ", found success result ("
                    + box[0] + ") instead");
        }
        Failure f = (Failure) box[0];
        if (expectedTypes.length > 0 && f.check(expectedTypes) == null) {
            throw new AssertionError("Failure of type " + Arrays.toString(expectedTypes)
                    + " expected on " + d + ", found type " + f.type().getName() + " instead:\n"
                    + f.getTraceback(), f.value());
        }
        return f;
    }

    /** Takes {@code d}'s current result (leaving null), or {@link #NOTHING} if it has none. */
    private static Object consumeResult(Deferred<?> d) {
        Object[] box = {NOTHING};
        d.addBoth(r -> {
            box[0] = r;
            return null;
        });
        return box[0];
    }

    /**
     * Asserts that {@code d} has no result yet. Does not change {@code d}: a result that did arrive
     * stays on it.
     */
    public static void assertNoResult(Deferred<?> d) {
        Object[] box = {NOTHING};
        d.addBoth(r -> {
            box[0] = r;
            return r;
        });
        if (box[0] != NOTHING) {
            throw new AssertionError("No result expected on " + d + ", found " + box[0] + " instead");
        }
    }
}
