package dev.jtwisted.web.internal;

import dev.jtwisted.web.http.HTTPChannel;

/**
 * The link from an {@link HTTPChannel} to its {@link ServerConnection}, kept off the channel's
 * public surface: {@code HTTPChannel} hands this class an accessor for its package-private field
 * when it is loaded (the JDK's "shared secrets" pattern), so API classes never expose an internal
 * type. Not API.
 */
public final class Channels {
    /** Implemented inside {@code dev.jtwisted.web.http}. */
    public interface Access {
        ServerConnection connection(HTTPChannel channel);

        void attach(HTTPChannel channel, ServerConnection connection);
    }

    private static volatile Access access;

    private Channels() {}

    /** Called once, by {@code HTTPChannel}'s static initializer. */
    public static void setAccess(Access a) {
        if (access != null) {
            throw new IllegalStateException("Channels.access is set already");
        }
        access = a;
    }

    private static Access access() {
        Access a = access;
        if (a == null) {
            try {
                Class.forName(HTTPChannel.class.getName(), true, HTTPChannel.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
            a = access;
        }
        return a;
    }

    /** The connection driving {@code channel}, or null if nothing drives it (no reactor bridge). */
    public static ServerConnection connection(HTTPChannel channel) {
        return access().connection(channel);
    }

    static void attach(HTTPChannel channel, ServerConnection connection) {
        access().attach(channel, connection);
    }
}
