package dev.jtwisted.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.event.Level;

/**
 * What jtwisted logged during a test, recorded by {@link RecordingServiceProvider}, the only
 * SLF4J binding on the test classpath. Records INFO and above; prints WARN and above to stderr
 * (which Surefire keeps in the test's output file).
 */
public final class LogCapture {
    private static final List<LogEvent> EVENTS = new ArrayList<>();

    private LogCapture() {}

    /** One logged event. {@code message} is formatted; {@code throwable} may be null. */
    public record LogEvent(Level level, String logger, String message, Throwable throwable) {
        @Override
        public String toString() {
            return level + " " + logger + " - " + message + (throwable == null ? "" : " " + throwable);
        }
    }

    static void record(LogEvent event) {
        synchronized (EVENTS) {
            EVENTS.add(event);
            EVENTS.notifyAll();
        }
    }

    /** A copy of everything recorded since the last {@link #clear()}. */
    public static List<LogEvent> events() {
        synchronized (EVENTS) {
            return List.copyOf(EVENTS);
        }
    }

    /** The recorded events whose message contains {@code text}. */
    public static List<LogEvent> containing(String text) {
        List<LogEvent> matches = new ArrayList<>();
        for (LogEvent e : events()) {
            if (e.message().contains(text)) {
                matches.add(e);
            }
        }
        return matches;
    }

    public static void clear() {
        synchronized (EVENTS) {
            EVENTS.clear();
        }
    }

    /**
     * Waits until an event matching {@code condition} has been recorded, for at most
     * {@code timeout}; returns it, or null on timeout. For logs written by other threads (the
     * unhandled-error reporter runs on the garbage collector's schedule).
     */
    public static LogEvent awaitEvent(Predicate<LogEvent> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (EVENTS) {
            while (true) {
                for (LogEvent e : EVENTS) {
                    if (condition.test(e)) {
                        return e;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(EVENTS, left);
            }
        }
    }
}
