package dev.jtwisted.internet;

import java.util.Iterator;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * The global default reactor, for Twisted-style programs: {@code Reactor.reactor().run()}.
 * Libraries embedded in a larger program should rather create and own a reactor instance of
 * their own.
 *
 * <p>Twisted: {@code from twisted.internet import reactor}, and
 * {@code twisted.internet.main.installReactor}.
 */
public final class Reactor {
    private static IReactor installed;

    private Reactor() {}

    /**
     * The global reactor: the installed one, else one made (once) by the first
     * {@link ReactorProvider} on the class path.
     *
     * @throws IllegalStateException if none is installed and no provider is found
     */
    public static synchronized IReactor reactor() {
        if (installed == null) {
            Iterator<ReactorProvider> providers = ServiceLoader.load(ReactorProvider.class).iterator();
            if (!providers.hasNext()) {
                throw new IllegalStateException("no reactor installed and no "
                        + ReactorProvider.class.getName() + " on the class path (add netty-bridge)");
            }
            installed = providers.next().createReactor();
        }
        return installed;
    }

    /**
     * Makes {@code reactor} the global one.
     *
     * @throws IllegalStateException if a global reactor is already in use
     *
     * <p>Twisted: {@code installReactor} (which raises {@code ReactorAlreadyInstalledError}).
     */
    public static synchronized void install(IReactor reactor) {
        Objects.requireNonNull(reactor, "reactor");
        if (installed != null) {
            throw new IllegalStateException("a global reactor is already installed: " + installed);
        }
        installed = reactor;
    }
}
