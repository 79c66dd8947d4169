package dev.jtwisted.netty;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.ReactorProvider;

/**
 * Makes the global reactor, {@code Reactor.reactor()}, a {@link NettyReactor} with the default
 * options (its backend from the system property {@value IoBackend#PROPERTY}). Registered in
 * {@code META-INF/services}; not for direct use.
 */
public final class NettyReactorProvider implements ReactorProvider {
    /** For {@link java.util.ServiceLoader}. */
    public NettyReactorProvider() {}

    @Override
    public IReactor createReactor() {
        return NettyReactor.builder().name("jtwisted-reactor").build();
    }
}
