package dev.jtwisted.internet.defer;

/**
 * A callback or errback: takes the current result of a {@link Deferred} and returns the next one.
 * Throwing moves the chain onto the errbacks; returning a {@link Deferred} makes the chain wait
 * for it; returning a {@link dev.jtwisted.python.failure.Failure} continues on the error path.
 *
 * @param <T> the result it receives ({@code Failure} for errbacks)
 * @param <R> the result it gives the rest of the chain
 */
@FunctionalInterface
public interface Callback<T, R> {
    R call(T result) throws Exception;
}
