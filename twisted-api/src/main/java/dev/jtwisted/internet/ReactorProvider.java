package dev.jtwisted.internet;

/**
 * Makes the global default reactor; found with {@link java.util.ServiceLoader}, so code written
 * against this module gets a reactor without naming its implementation (netty-bridge provides
 * one).
 */
public interface ReactorProvider {
    /** A new reactor, not yet running. */
    IReactor createReactor();
}
