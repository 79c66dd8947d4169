package dev.jtwisted.samples.notify;

import dev.jtwisted.internet.IReactorTime;
import dev.jtwisted.internet.ServerFactory;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The notification server's factory: what its connections share, namely where random numbers
 * and classified ads come from, the clock that times the notifications, and how often they come.
 *
 * <p>Twisted: the factory of the talk's server, whose protocol is {@link NotifyProtocol}.
 */
public final class NotifyFactory extends ServerFactory {
    /** The ads {@code classified?} answers with, in turn; the first is the talk's. */
    static final List<String> ADS = List.of(
            "nice flat in the 11e",
            "bike for sale, barely ridden",
            "piano lessons, the first one free",
            "kittens to a good home");
    /** Random numbers are below this: five digits at most, as the talk's 46774. */
    static final int RANDOM_BOUND = 100_000;

    private final IReactorTime clock;
    private final double interval;
    private final Random random;
    private int nextAd;

    /**
     * @param clock times the notifications: the reactor, or a {@link dev.jtwisted.internet.task.Clock}
     * @param interval seconds between two notifications to a connection in notification mode
     * @param random where {@code random?} answers come from
     * @throws IllegalArgumentException if {@code interval} is not a finite number above 0
     */
    public NotifyFactory(IReactorTime clock, double interval, Random random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!(interval > 0) || Double.isInfinite(interval)) {
            throw new IllegalArgumentException("interval must be a finite number of seconds above 0: " + interval);
        }
        this.interval = interval;
        this.random = Objects.requireNonNull(random, "random");
        protocol = () -> new NotifyProtocol(this);
    }

    /** A random number from 0 to {@value #RANDOM_BOUND} - 1. */
    int random() {
        return random.nextInt(RANDOM_BOUND);
    }

    /** The next ad, in turn. */
    String classified() {
        String ad = ADS.get(nextAd);
        nextAd = (nextAd + 1) % ADS.size();
        return ad;
    }

    IReactorTime clock() {
        return clock;
    }

    /** Seconds between two notifications. */
    public double interval() {
        return interval;
    }
}
