package dev.jtwisted.application.service;

import java.util.Objects;

/**
 * The top of a program's service tree: a named {@link MultiService} that the program (or, later,
 * a twistd-style runner) starts when the reactor runs and stops before it shuts down.
 *
 * <pre>{@code
 * Application application = new Application("finger");
 * Strports.service("tcp:79", new FingerFactory()).setServiceParent(application);
 * }</pre>
 *
 * <p>Twisted: {@code twisted.application.service.Application(name)}, which builds a component
 * that adapts to {@code IService} and {@code IServiceCollection}; here it simply is both. The
 * {@code uid} and {@code gid} parameters ({@code IProcess}) and persistence
 * ({@code IPersistable}) are not ported.
 */
public final class Application extends MultiService {
    /** An application named {@code name}, with no services yet. */
    public Application(String name) {
        setName(Objects.requireNonNull(name, "name"));
    }
}
