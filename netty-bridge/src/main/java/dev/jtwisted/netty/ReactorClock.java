package dev.jtwisted.netty;

/**
 * The reactors' time in seconds: wall-clock seconds since the epoch when the class loaded, then
 * advanced by {@link System#nanoTime()}, so it reads like Python's {@code time.time()} but never
 * jumps when the system clock is set. One clock for every reactor of the JVM.
 *
 * <p>Twisted: {@code twisted.python.runtime.seconds}, which {@code reactor.seconds} is.
 */
final class ReactorClock {
    private static final double EPOCH_SECONDS = System.currentTimeMillis() / 1000.0;
    private static final long BASE_NANOS = System.nanoTime();

    private ReactorClock() {}

    static double seconds() {
        return EPOCH_SECONDS + (System.nanoTime() - BASE_NANOS) / 1e9;
    }
}
