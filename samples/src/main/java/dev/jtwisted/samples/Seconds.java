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
        double seconds;
        try {
            seconds = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageError(problem);
        }
        // Rejects NaN and the hex and suffixed forms Double accepts but nobody means.
        if (!(seconds > 0 && seconds <= MAX) || !value.strip().matches("[0-9]*\\.?[0-9]*([eE][-+]?[0-9]+)?")) {
            throw new UsageError(problem);
        }
        return seconds;
    }
}
