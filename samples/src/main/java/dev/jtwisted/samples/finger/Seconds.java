package dev.jtwisted.samples.finger;

import dev.jtwisted.python.usage.UsageError;

/** Reads an option's value as a number of seconds, for {@code --reload} and {@code --timeout}. */
final class Seconds {
    /** Longer than any sane wait, and far from what a timer's arithmetic could overflow. */
    private static final double MAX = 86_400 * 365;

    private Seconds() {}

    /**
     * {@code value} as seconds: a number greater than 0 such as {@code 30} or {@code 0.5}.
     *
     * @throws UsageError naming {@code --option} and the value otherwise
     */
    static double parse(String option, String value) {
        double seconds;
        try {
            seconds = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            seconds = Double.NaN;
        }
        if (!(seconds > 0 && seconds <= MAX) || value.strip().length() != value.length()) {
            throw new UsageError("--" + option + " must be a number of seconds greater than 0 (at most a year),"
                    + " such as 30 or 0.5, not '" + value + "'");
        }
        return seconds;
    }
}
