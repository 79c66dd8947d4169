package dev.jtwisted.internet.defer;

/**
 * A {@link Callback} that also takes two extra arguments, given when it is added:
 * Twisted's {@code d.addCallback(f, arg1, arg2)}.
 */
@FunctionalInterface
public interface Callback3<T, A, B, R> {
    R call(T result, A arg1, B arg2) throws Exception;
}
