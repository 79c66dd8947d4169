package dev.jtwisted.samples;

import dev.jtwisted.python.usage.UsageError;
import java.util.Objects;

/**
 * A duration given on a sample's command line, in seconds as Twisted counts them: a decimal
 * number, fractions allowed ({@code --ttl 0.05}), as {@code callLater} and {@code LoopingCall}
 * take it.
 */
public final class Seconds {
    /** The longest duration accepted: a year, far beyond any sample's need. */
    static final double MAX = 365 * 24 * 3600;

    private Seconds() {}

    /**
     * Parses {@code value}, the value of {@code option} (named in the error), as a number of
     * seconds above 0 and at most a year.
     *
     * @throws UsageError naming the option and the value, if it is not such a number
     */
    public static double parse(String option, String value) {
        Objects.requireNonNull(value, option);
        String problem = option + " must be a number of seconds above 0 and at most " + (long) MAX
                + " (such as 15 or 0.5), not '" + value + "'";
        // Only digits, a point and an exponent: not NaN, nor the hex, suffixed or space-padded
        // forms Double.parseDouble accepts but nobody means.
        if (!value.matches("[0-9]*\\.?[0-9]*([eE][-+]?[0-9]+)?")) {
            throw new UsageError(problem);
        }
        double seconds;
        try {
            seconds = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageError(problem);
        }
        if (!(seconds > 0 && seconds <= MAX)) {
            throw new UsageError(problem);
        }
        return seconds;
    }
}
