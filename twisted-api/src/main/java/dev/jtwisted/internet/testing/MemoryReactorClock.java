package dev.jtwisted.internet.testing;

/**
 * A {@link MemoryReactor}, under the name Twisted's tests use for one that also keeps time.
 * Every {@code MemoryReactor} here keeps time already; this class only lets ported tests read
 * as the originals.
 *
 * <p>Twisted: {@code twisted.internet.testing.MemoryReactorClock}.
 */
public class MemoryReactorClock extends MemoryReactor {}
