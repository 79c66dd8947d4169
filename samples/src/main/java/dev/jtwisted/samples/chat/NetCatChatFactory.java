package dev.jtwisted.samples.chat;

import dev.jtwisted.internet.Factory;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The chat's state, shared by every connection: the users connected and the banner each new
 * one is greeted with. It builds a {@link NetCatChatProtocol} per connection; the admin API
 * ({@link Root}) reads and sets the same state.
 *
 * <p>A banner is one line of at most {@link #MAX_BANNER} characters, without control
 * characters other than tab: a line break in it would send new users two lines, and other
 * control characters (escape sequences, {@code \r}) would play with their terminals.
 *
 * <p>Threads: used on the reactor thread only, by the chat's connections and the API's
 * requests alike (the reactor runs both), so it needs no locks.
 *
 * <p>Twisted: {@code NetCatChatFactory} of {@code chat.py} in the talk "Twisted: Concepts &amp;
 * Patterns": "state and other variables would be stored on the factory".
 */
public final class NetCatChatFactory extends Factory {
    /** The longest banner accepted, in characters. */
    public static final int MAX_BANNER = 1024;

    /** The users connected now, in the order they came. Twisted: {@code clients}. */
    final Set<NetCatChatProtocol> clients = new LinkedHashSet<>();
    private String banner;

    /**
     * @throws IllegalArgumentException if {@code banner} is not a valid banner ({@link #bannerProblem})
     */
    public NetCatChatFactory(String banner) {
        setBanner(banner);
        protocol = () -> new NetCatChatProtocol(this);
    }

    /** The line each new user gets. Twisted: {@code banner}. */
    public String banner() {
        return banner;
    }

    /**
     * Sets the line users connecting from now on get; users already connected are not told.
     *
     * @throws IllegalArgumentException if {@code banner} is not a valid banner ({@link #bannerProblem})
     */
    public void setBanner(String banner) {
        String problem = bannerProblem(Objects.requireNonNull(banner, "banner"));
        if (problem != null) {
            throw new IllegalArgumentException("banner " + problem);
        }
        this.banner = banner;
    }

    /** How many users are connected. Twisted: {@code len(factory.clients)}. */
    public int userCount() {
        return clients.size();
    }

    /**
     * What is wrong with {@code banner}, to follow the word "banner" in a message ("must be one
     * line: ..."), or null if it is fine.
     */
    public static String bannerProblem(String banner) {
        if (banner.length() > MAX_BANNER) {
            return "is " + banner.length() + " characters long; the limit is " + MAX_BANNER;
        }
        for (int i = 0; i < banner.length(); i++) {
            char c = banner.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u000b' || c == '\f' || c == '\u0085' || c == '\u2028'
                    || c == '\u2029') {
                return "must be one line, but has a line break (U+" + String.format("%04X", (int) c)
                        + ") at index " + i;
            }
            if (Character.getType(c) == Character.CONTROL && c != '\t') {
                return "may not contain the control character U+" + String.format("%04X", (int) c) + " (at index "
                        + i + ")";
            }
        }
        return null;
    }
}
