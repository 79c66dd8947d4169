package dev.jtwisted.samples.plugins;

import dev.jtwisted.samples.chat.ChatServer;

/** {@code twistd chat}: {@link ChatServer}. */
public final class ChatPlugin extends SamplePlugin {
    /** For {@link java.util.ServiceLoader}. */
    public ChatPlugin() {
        super(new ChatServer());
    }
}
