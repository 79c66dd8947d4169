package dev.jtwisted.internet.defer;

import dev.jtwisted.python.failure.Failure;
import java.util.Objects;

/**
 * The first failure among the Deferreds of a {@link DeferredList} with {@code fireOnOneErrback}
 * set (and so of {@link Defer#gatherResults}), with the position of the Deferred that failed.
 *
 * <p>Errbacks on the list receive a {@code Failure} wrapping this; {@link #subFailure()} is what
 * the Deferred at {@link #index()} failed with. The wrapped exception is also this exception's
 * cause, so stack traces show it.
 *
 * <p>Two {@code FirstError}s are equal when they have the same index and wrap the same
 * exception, as Twisted's compare their index and sub-failure.
 *
 * <p>Twisted: {@code twisted.internet.defer.FirstError}.
 */
public class FirstError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Failure subFailure;
    private final int index;

    /**
     * A first error: the Deferred at {@code index} failed with {@code subFailure}.
     *
     * <p>Twisted: {@code FirstError(failure, index)}.
     *
     * @throws NullPointerException if {@code subFailure} is null
     */
    public FirstError(Failure subFailure, int index) {
        super("the Deferred at index " + index + " failed first: "
                + Objects.requireNonNull(subFailure, "subFailure").value(), subFailure.value());
        this.subFailure = subFailure;
        this.index = index;
    }

    /**
     * What the Deferred at {@link #index()} failed with.
     *
     * <p>Twisted: {@code FirstError.subFailure}.
     */
    public Failure subFailure() {
        return subFailure;
    }

    /**
     * The position, in the list given to the {@link DeferredList}, of the Deferred that failed.
     *
     * <p>Twisted: {@code FirstError.index}.
     */
    public int index() {
        return index;
    }

    /**
     * True for another {@code FirstError} with the same index whose sub-failure wraps the same
     * exception; never equal to anything else.
     *
     * <p>Twisted: {@code FirstError.__cmp__}.
     */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof FirstError)) {
            return false;
        }
        FirstError that = (FirstError) other;
        return index == that.index && subFailure.value().equals(that.subFailure.value());
    }

    /** Consistent with {@link #equals}: the index and the wrapped exception. */
    @Override
    public int hashCode() {
        return 31 * index + subFailure.value().hashCode();
    }
}
