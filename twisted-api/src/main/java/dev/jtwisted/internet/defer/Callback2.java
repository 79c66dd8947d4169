package dev.jtwisted.internet.defer;

/**
 * A {@link Callback} that also takes one extra argument, given when it is added:
 * Twisted's {@code d.addCallback(f, arg)}.
 */
@FunctionalInterface
public interface Callback2<T, A, R> {
    R call(T result, A arg) throws Exception;
}
